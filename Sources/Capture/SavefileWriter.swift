import BPFCore

/// Writes packets to a pcap savefile as libpcap and `tcpdump -w` write it.
///
/// The file header is the one libpcap's `pcap_dump_open` writes (libpcap produces it): host-byte-order pcap 2.4
/// with the magic of the timestamp precision, the snapshot length and the link type as its LINKTYPE_ number
/// (with any FCS bits of a source file). Records are laid out in host byte order in a 1 MiB buffer and written
/// in whole records, so copying a reader's packets to a writer made with ``init(path:matching:)-(_,SavefileReader)``
/// gives the same bytes as `tcpdump -r in -w out`, and a capture stopped at any moment leaves a readable file.
/// `-U`-style callers call ``flush()`` after each packet.
public struct SavefileWriter: ~Copyable {
    private let dumper: SavefileOutput
    /// The path being written (`-` for standard output).
    public let path: String

    /// Creates `path` (standard output for `-`) with the header tcpdump writes when it rewrites `reader`'s
    /// packets: the same link type (including any FCS-length bits), snapshot length and precision.
    public init(path: String, matching reader: borrowing SavefileReader) throws(CaptureError) {
        self.dumper = try SavefileOutput(path: path, source: reader.handle)
        self.path = path
    }

    /// Creates `path` (standard output for `-`) with the header tcpdump writes for packets captured by `capture`.
    public init(path: String, matching capture: borrowing LiveCapture) throws(CaptureError) {
        self.dumper = try SavefileOutput(path: path, source: capture.handle)
        self.path = path
    }

    /// Creates `path` (standard output for `-`) for packets of `linkType`.
    ///
    /// - Parameters:
    ///   - linkType: the packets' link type.
    ///   - snapshotLength: the header's snapshot length (tcpdump writes 262144 for live captures).
    ///   - precision: the timestamp unit the file records.
    public init(path: String, linkType: LinkType, snapshotLength: Int = 262_144,
                precision: TimestampPrecision = .microseconds) throws(CaptureError) {
        let dead = try PcapHandle.openDead(
            linkType: linkType, snapshotLength: Int32(clamping: snapshotLength), precision: precision)
        self.dumper = try SavefileOutput(path: path, source: dead)
        self.path = path
    }

    /// The timestamp unit the file records.
    public var precision: TimestampPrecision { dumper.precision }

    /// Bytes written so far, file header included (what `-C` rotation compares with its limit).
    public var bytesWritten: Int64 { dumper.position }

    /// Appends one record: the packet's timestamp, capture and wire lengths, then its bytes. Buffered.
    public func write(_ packet: Packet) { dumper.write(packet) }

    /// Gives the file to `userID` and `groupID`, as tcpdump does with its output file before it gives up root for
    /// `-Z user`. Standard output is left alone; a failure is ignored. The corresponding C function is `fchown`.
    public func changeOwner(userID: UInt32, groupID: UInt32) { dumper.changeOwner(user: userID, group: groupID) }

    /// Pushes buffered records to the file.
    ///
    /// - Throws: ``CaptureError`` of kind `.writeFile` (`out.pcap: No space left on device`) when a write failed.
    public func flush() throws(CaptureError) {
        try dumper.flush()
    }

    /// Flushes and closes the file.
    ///
    /// - Throws: ``CaptureError`` of kind `.writeFile` when buffered records could not be written; the file is
    ///   closed either way.
    public consuming func close() throws(CaptureError) {
        try flush()
    }
}
