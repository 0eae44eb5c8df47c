// libFuzzer entry point for the savefile path: SavefileReader(bytes:) over the input (pcap or pcapng), every
// packet read and printed with the packet printer into a sink. Read errors end the file, as in tcpdump.
// A trap, a sanitizer report or a hang (-timeout) is a bug.
import BPFCore
import Capture

nonisolated(unsafe) var printers: [PacketPrinter] = [0, 1, 2].map { verbose in
    var options = PrintOptions()
    options.numeric = 1  // -n: no resolver lookups (they can block on DNS)
    options.verbose = verbose
    options.linkHeader = verbose != 1
    options.hexAndASCII = verbose == 2 ? 1 : 0
    return PacketPrinter(options: options)
}
nonisolated(unsafe) var output = OutputBuffer(capacity: 1 << 20)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSavefile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    for precision in [TimestampPrecision.microseconds, .nanoseconds] {
        guard var reader = try? SavefileReader(bytes: bytes, precision: precision) else { return 0 }
        let linkType = reader.linkType
        var index = 0
        while let packet = try? reader.next() {
            printers[index % printers.count].print(packet, linkType: linkType, into: &output)
            index += 1
            if output.count > 1 << 19 { output.removeAll() }
        }
    }
    return 0
}
