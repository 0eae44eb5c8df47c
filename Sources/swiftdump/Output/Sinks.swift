import BPFCore
import Capture

/// Prints each packet with Capture's tcpdump-compatible printer, buffering the text and writing it to stdout in
/// large chunks (after every packet with `-l`/`-U`, or when asked to flush).
struct PrintingSink: PacketSink {
    private var printer: PacketPrinter
    private var buffer = OutputBuffer()
    var linkType: LinkType
    private let flushEachPacket: Bool
    /// The reason stdout refused a write (`Broken pipe`, `No space left on device`), once it did.
    private(set) var writeError: String?

    init(options: PrintOptions, linkType: LinkType, flushEachPacket: Bool) {
        self.printer = PacketPrinter(options: options)
        self.linkType = linkType
        self.flushEachPacket = flushEachPacket
    }

    mutating func consume(_ packet: Packet) throws(CaptureError) {
        printer.print(packet, linkType: linkType, into: &buffer)
        if flushEachPacket || buffer.count >= 60_000 { flush() }
        if let writeError { throw CaptureError(.writeFile, "Unable to write output: \(writeError)") }
    }

    /// Writes the buffered text to stdout.
    mutating func flush() {
        guard buffer.count > 0, writeError == nil else { return }
        writeError = Console.writeReportingError(buffer.bytes, to: Console.standardOutput)
        buffer.removeAll()
    }
}

/// Counts the packets handed to it (`--count`).
struct CountingSink: PacketSink {
    private(set) var count = 0
    mutating func consume(_ packet: Packet) throws(CaptureError) { count += 1 }
}

/// Writes each packet to the `-w` output and, with `--print`, prints it too.
struct WritingSink: PacketSink, ~Copyable {
    var output: CaptureOutput
    var printer: PrintingSink?
    let flushEachPacket: Bool
    /// True once `-G`/`-W` reached its file limit (the replay was stopped on purpose).
    private(set) var limitReached = false

    init(output: consuming CaptureOutput, printer: PrintingSink?, flushEachPacket: Bool) {
        self.output = output
        self.printer = printer
        self.flushEachPacket = flushEachPacket
    }

    mutating func consume(_ packet: Packet) throws(CaptureError) {
        guard try output.write(packet) else {
            limitReached = true
            throw CaptureError(.writeFile, "Maximum file limit reached")
        }
        if flushEachPacket { try output.flush() }
        try printer?.consume(packet)
    }
}

/// Keeps the packets a classic BPF program accepts, run by BPFCore's interpreter with libpcap's semantics.
struct ProgramFilter: PacketFilter {
    let filter: CompiledFilter
    func accepts(_ packet: Packet) -> Bool {
        filter.matches(packet: packet.bytes, wireLength: packet.header.wireLength)
    }
}

/// Plural suffix as tcpdump writes it (`1 packet`, `2 packets`).
func plural(_ count: UInt64, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
