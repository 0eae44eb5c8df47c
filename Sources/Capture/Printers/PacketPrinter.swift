import BPFCore

/// Prints packets the way tcpdump 4.99.3 does: one call appends the complete text for one packet (its line, any
/// continuation lines, the optional hex/ASCII dump, and the final newline) to an ``OutputBuffer``.
///
/// The printer keeps what tcpdump keeps between packets: the packet count for `-#`, the reference time for
/// `-ttt`/`-ttttt`, and the per-connection initial sequence numbers for relative TCP numbering. Use one printer
/// for one stream of packets.
///
/// ```swift
/// var printer = PacketPrinter(options: options)
/// var out = OutputBuffer()
/// printer.print(header, bytes, linkType: .en10mb, into: &out)
/// // write out.bytes to stdout, then out.removeAll()
/// ```
public struct PacketPrinter {
    /// The options the printer was made with.
    public let options: PrintOptions
    private var timestamps = TimestampPrinter()
    private var tcp = TCPSequenceTable()
    private var names: NameResolver
    private var packetsPrinted: UInt32 = 0

    /// Creates a printer.
    public init(options: PrintOptions) {
        self.options = options
        self.names = NameResolver(enabled: options.numeric == 0)
    }

    /// True when this printer decodes `linkType` (others are printed as raw hex, like an unknown payload).
    public static func supports(_ linkType: LinkType) -> Bool {
        LinkLayer(linkType) != nil
    }

    /// Appends the text for one packet.
    /// - Parameters:
    ///   - header: the record header (time, captured and wire lengths).
    ///   - bytes: the captured bytes; only the first `header.captureLength` (at most `bytes.count`) are read.
    ///   - linkType: what the bytes start with.
    ///   - out: the buffer to append to.
    public mutating func print(
        _ header: PacketHeader, _ bytes: UnsafeRawBufferPointer, linkType: LinkType, into out: inout OutputBuffer
    ) {
        print(header, bytes, recordedFraction: nil, linkType: linkType, into: &out)
    }

    /// Appends the text for one packet read from a capture source.
    ///
    /// Prefer this over the header-and-bytes form: it prints the sub-second field exactly as the source recorded
    /// it, as tcpdump does even for out-of-range values in damaged files.
    public mutating func print(_ packet: Packet, linkType: LinkType, into out: inout OutputBuffer) {
        let unit: TimestampPrecision = options.nanosecondPrecision ? .nanoseconds : .microseconds
        let fraction: UInt32? = packet.recordedPrecision == unit ? packet.recordedFraction : nil
        print(packet.header, packet.bytes, recordedFraction: fraction, linkType: linkType, into: &out)
    }

    private mutating func print(
        _ header: PacketHeader, _ bytes: UnsafeRawBufferPointer, recordedFraction: UInt32?, linkType: LinkType,
        into out: inout OutputBuffer
    ) {
        packetsPrinted &+= 1
        if options.numbered {
            out.unsignedDecimal(UInt64(packetsPrinted), width: 5, pad: 0x20)
            out.text("  ")
        }
        let caplen = header.captureLength
        let len = header.wireLength
        if caplen == 0 || len == 0 || len < caplen || caplen > 262144 || len > 262144 {
            invalidHeader(caplen: caplen, len: len, into: &out)
            return
        }
        let fraction = recordedFraction
            ?? (options.nanosecondPrecision ? header.timestamp.nanoseconds : header.timestamp.nanoseconds / 1000)
        timestamps.print(header.timestamp, fraction: fraction, options: options, into: &out)

        let captured = UnsafeRawBufferPointer(rebasing: bytes[0..<min(bytes.count, Int(caplen))])
        var d = Dissector(out: OutputBuffer(capacity: 0), options: options, tcp: TCPSequenceTable.empty)
        swap(&d.out, &out)
        swap(&d.tcp, &tcp)
        swap(&d.names, &names)
        let view = ByteView(packet: captured)
        do {
            try d.printLink(view, linkType: linkType, wireLength: Int(len))
        } catch {
            d.printTruncated()
            d.linkHeaderLength = 0
        }
        let headerLength = d.linkHeaderLength
        swap(&d.out, &out)
        swap(&d.tcp, &tcp)
        swap(&d.names, &names)

        let count = captured.count
        if options.hexAndASCII > 0 {
            if options.hexAndASCII > 1 {
                HexDump.hexAndASCII(captured, from: 0, count: count, indent: "\n\t", into: &out)
            } else if count > headerLength {
                HexDump.hexAndASCII(captured, from: headerLength, count: count - headerLength, indent: "\n\t",
                                    into: &out)
            }
        } else if options.hex > 0 {
            if options.hex > 1 {
                HexDump.hex(captured, from: 0, count: count, indent: "\n\t", into: &out)
            } else if count > headerLength {
                HexDump.hex(captured, from: headerLength, count: count - headerLength, indent: "\n\t", into: &out)
            }
        } else if options.ascii > 0 {
            if options.ascii > 1 {
                HexDump.ascii(captured, from: 0, count: count, into: &out)
            } else if count > headerLength {
                HexDump.ascii(captured, from: headerLength, count: count - headerLength, into: &out)
            }
        }
        out.byte(0x0a)
    }

    private func invalidHeader(caplen: UInt32, len: UInt32, into out: inout OutputBuffer) {
        var started = false
        func open(_ out: inout OutputBuffer) {
            if started { out.byte(UInt8(ascii: ",")) } else { out.text("[Invalid header:") }
            started = true
        }
        if caplen == 0 {
            out.text("[Invalid header: caplen==0")
            started = true
        }
        if len == 0 {
            open(&out)
            out.text(" len==0")
        } else if len < caplen {
            open(&out)
            out.text(" len(")
            out.decimal(len)
            out.text(") < caplen(")
            out.decimal(caplen)
            out.byte(UInt8(ascii: ")"))
        }
        if caplen > 262144 {
            open(&out)
            out.text(" caplen(")
            out.decimal(caplen)
            out.text(") > 262144")
        }
        if len > 262144 {
            open(&out)
            out.text(" len(")
            out.decimal(len)
            out.text(") > 262144")
        }
        out.text("]\n")
    }
}
