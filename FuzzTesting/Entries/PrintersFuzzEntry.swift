import BPFCore
import Capture

/// FuzzPrinters' entry: the packet decoders and printers.
///
/// Input layout: byte 0 picks the link type, byte 1 the option set, bytes 2-3 add to the wire length; the rest is
/// the captured packet. Every input is printed.
public struct PrintersFuzzEntry {
    /// The link types byte 0 chooses from.
    public static let linkTypes: [LinkType] = [.en10mb, .raw, .null, .loop, .linuxSLL, .linuxSLL2, .ipv4, .ipv6]

    private var printers: [PacketPrinter]
    private var output = OutputBuffer(capacity: 1 << 20)

    /// Creates one printer per option set (`-n`, so no resolver lookups that could block on DNS).
    public init() {
        var sets: [PrintOptions] = []
        for v in 0...3 {
            for e in [false, true] {
                var o = PrintOptions()
                o.numeric = 1
                o.verbose = v
                o.linkHeader = e
                o.hex = v == 1 ? 1 : 0
                o.hexAndASCII = v == 2 ? 2 : 0
                o.quiet = v == 3 && e ? 1 : 0
                sets.append(o)
            }
        }
        printers = sets.map { PacketPrinter(options: $0) }
    }

    /// Runs one input; returns the number of bytes printed for it.
    @discardableResult
    public mutating func run(_ input: UnsafeRawBufferPointer) -> Int {
        guard input.count >= 4 else { return 0 }
        let linkType = Self.linkTypes[Int(input[0]) % Self.linkTypes.count]
        let which = Int(input[1]) % printers.count
        let extra = UInt32(input[2]) << 8 | UInt32(input[3])
        let packet = UnsafeRawBufferPointer(rebasing: input[4...])
        let header = PacketHeader(
            timestamp: Timestamp(seconds: 1_700_000_000, nanoseconds: 0),
            captureLength: UInt32(packet.count), wireLength: UInt32(packet.count) &+ extra)
        if output.count > 1 << 19 { output.removeAll() }
        let before = output.count
        printers[which].print(header, packet, linkType: linkType, into: &output)
        return output.count - before
    }
}
