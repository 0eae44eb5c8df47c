import BPFCore
import Capture

/// FuzzSavefile's entry: `SavefileReader(bytes:)` over the input (pcap or pcapng) with microsecond and nanosecond
/// precision, every packet read and printed into a sink. Read errors end the file, as in tcpdump.
public struct SavefileFuzzEntry {
    private var printers: [PacketPrinter]
    private var output = OutputBuffer(capacity: 1 << 20)

    /// Creates the printers (`-n`, so no resolver lookups that could block on DNS).
    public init() {
        printers = [0, 1, 2].map { verbose in
            var options = PrintOptions()
            options.numeric = 1
            options.verbose = verbose
            options.linkHeader = verbose != 1
            options.hexAndASCII = verbose == 2 ? 1 : 0
            return PacketPrinter(options: options)
        }
    }

    /// Runs one input; returns the packets read with microsecond precision, or nil when the file does not open.
    @discardableResult
    public mutating func run(_ input: UnsafeRawBufferPointer) -> Int? {
        var firstCount: Int?
        for precision in [TimestampPrecision.microseconds, .nanoseconds] {
            guard var reader = try? SavefileReader(bytes: input, precision: precision) else { return firstCount }
            let linkType = reader.linkType
            var index = 0
            while let packet = try? reader.next() {
                printers[index % printers.count].print(packet, linkType: linkType, into: &output)
                index += 1
                if output.count > 1 << 19 { output.removeAll() }
            }
            if firstCount == nil { firstCount = index }
        }
        return firstCount
    }
}
