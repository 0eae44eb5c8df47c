// libFuzzer entry point for the packet decoders and printers.
//
// Input layout: byte 0 picks the link type, byte 1 the option set, bytes 2-3 add to the wire length; the rest is
// the captured packet. Every input is printed; a trap or a sanitizer report is a bug.
import BPFCore
import Capture

nonisolated(unsafe) var printers: [PacketPrinter] = {
    var sets: [PrintOptions] = []
    for v in 0...3 {
        for e in [false, true] {
            var o = PrintOptions()
            o.numeric = 1  // -n: no resolver lookups (they can block on DNS)
            o.verbose = v
            o.linkHeader = e
            o.hex = v == 1 ? 1 : 0
            o.hexAndASCII = v == 2 ? 2 : 0
            o.quiet = v == 3 && e ? 1 : 0
            sets.append(o)
        }
    }
    return sets.map { PacketPrinter(options: $0) }
}()
nonisolated(unsafe) var output = OutputBuffer(capacity: 1 << 20)
let linkTypes: [LinkType] = [.en10mb, .raw, .null, .loop, .linuxSLL, .linuxSLL2, .ipv4, .ipv6]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPrinters(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 4 else { return 0 }
    let linkType = linkTypes[Int(data[0]) % linkTypes.count]
    let which = Int(data[1]) % printers.count
    let extra = UInt32(data[2]) << 8 | UInt32(data[3])
    let packet = UnsafeRawBufferPointer(start: data + 4, count: size - 4)
    let header = PacketHeader(
        timestamp: Timestamp(seconds: 1_700_000_000, nanoseconds: 0),
        captureLength: UInt32(packet.count), wireLength: UInt32(packet.count) + extra)
    printers[which].print(header, packet, linkType: linkType, into: &output)
    if output.count > 1 << 19 { output.removeAll() }
    return 0
}
