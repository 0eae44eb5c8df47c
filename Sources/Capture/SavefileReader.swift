import BPFCore

/// Reads the packets of a pcap or pcapng savefile (libpcap recognises the format by its magic number).
///
/// ```swift
/// var reader = try SavefileReader(path: "pcaps/demo.pcap")
/// while let packet = try reader.next() {
///     print(packet.header.captureLength)
/// }
/// ```
///
/// The corresponding C function is `pcap_open_offline_with_tstamp_precision`.
public struct SavefileReader: ~Copyable {
    let handle: PcapHandle
    /// The fast path for plain pcap files (nil for pcapng, standard input, byte-swapped files, …); once it hands
    /// over, libpcap reads the rest.
    private var blocks: PcapRecordBlocks
    /// The path given to ``init(path:precision:)`` (`-` for standard input).
    public let path: String

    /// Opens a savefile.
    ///
    /// - Parameters:
    ///   - path: the file, or `-` for standard input.
    ///   - precision: the unit of the timestamps delivered. With `.nanoseconds` a microsecond file's
    ///     timestamps are scaled up; with `.microseconds` a nanosecond file's are truncated (as libpcap does).
    /// - Throws: ``CaptureError`` of kind `.openFile` with tcpdump's text: `X: No such file or directory`,
    ///   `unknown file format`, `truncated dump file; tried to read 4 file header bytes, only got 0`,
    ///   `archaic pcap savefile format`, `unsupported pcapng savefile version 1.1`, ….
    public init(path: String, precision: TimestampPrecision = .microseconds) throws(CaptureError) {
        let handle = try PcapHandle.openOffline(path: path, precision: precision)
        blocks = PcapRecordBlocks(
            path: path, precision: precision, snapshotLength: Int(handle.snapshotLength), linkType: handle.linkType,
            libpcapDescriptor: handle.streamDescriptor)
        self.handle = handle
        self.path = path
    }

    /// Reads a savefile held in memory (the bytes are copied first).
    ///
    /// Behaves as ``init(path:precision:)`` on a file with the same contents; ``path`` is `(memory)`.
    /// Useful for tests and fuzzing.
    ///
    /// The corresponding C functions are `fmemopen` and `pcap_fopen_offline_with_tstamp_precision`.
    public init(bytes: UnsafeRawBufferPointer, precision: TimestampPrecision = .microseconds) throws(CaptureError) {
        self.handle = try PcapHandle.openOffline(bytes: bytes, precision: precision)
        self.blocks = PcapRecordBlocks()
        self.path = "(memory)"
    }

    /// The link type of the packets (for pcapng, of the first interface).
    public var linkType: LinkType { handle.linkType }
    /// The snapshot length in the file header (libpcap's adjusted value, as tcpdump reports and rewrites it).
    public var snapshotLength: Int { Int(handle.snapshotLength) }
    /// The unit of the timestamps ``next()`` delivers.
    public var precision: TimestampPrecision { handle.precision }
    /// The savefile format version (`2.4` for pcap, `1.0` for pcapng).
    public var version: (major: Int, minor: Int) { (Int(handle.majorVersion), Int(handle.minorVersion)) }
    /// True when the file was written with the other byte order than this machine's.
    public var isByteSwapped: Bool { handle.isSwapped }

    /// The next packet, or nil at the end of the file.
    ///
    /// The packet's bytes stay valid until the next call. No allocation per packet.
    ///
    /// - Throws: ``CaptureError`` of kind `.readFile` when a record is damaged. Its message is tcpdump's:
    ///   `pcap_loop: truncated dump file; tried to read 16 header bytes, only got 6`,
    ///   `pcap_loop: an interface has a type 101 different from the type of the first interface`, ….
    ///   Every packet before the damage has been delivered.
    ///
    /// Plain pcap files are read in large blocks by swiftdump itself; libpcap (`pcap_next_ex`) reads pcapng,
    /// standard input, byte-swapped files, and every damaged record with what follows it.
    public mutating func next() throws(CaptureError) -> Packet? {
        if let packet = blocks.next() { return packet }
        return try nextAfterFastPath()
    }

    /// The fast path has ended, handed over, or was never in use: libpcap reads.
    @inline(never)
    private mutating func nextAfterFastPath() throws(CaptureError) -> Packet? {
        if blocks.state != .inactive {
            if blocks.state == .ended { return nil }
            // A record the fast path does not take on. libpcap has not read a record yet: let it skip the ones
            // already delivered and go on from there.
            let skip = blocks.delivered
            blocks.deactivate()
            for _ in 0..<skip {
                guard case .packet = handle.next() else { break }
            }
        }
        switch handle.next() {
        case .packet(let packet): return packet
        case .endOrBreak: return nil
        case .timeout: return nil  // A savefile never times out.
        case .failed(let message): throw CaptureError(.readFile, "pcap_loop: " + message)
        }
    }
}
