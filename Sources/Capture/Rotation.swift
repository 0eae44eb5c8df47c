import BPFCore

/// When and how `-w` output moves on to a new file: tcpdump's `-C`, `-G` and `-W`.
public struct Rotation: Hashable, Sendable {
    /// Start a new file once the current one holds more than this many bytes (`-C N` gives N × 1,000,000).
    public var maximumFileSize: Int64?
    /// Start a new file on the first packet at least this many seconds after the current file was opened
    /// (`-G`); the output name is then a strftime(3) pattern expanded in local time.
    public var interval: Int64?
    /// With ``maximumFileSize``: reuse this many numbered files in a ring. Without it, with ``interval``: stop
    /// after this many files (`-W`).
    public var fileCount: Int?

    /// Creates a rotation policy; all nil means a single file, as plain `-w`.
    public init(maximumFileSize: Int64? = nil, interval: Int64? = nil, fileCount: Int? = nil) {
        self.maximumFileSize = maximumFileSize
        self.interval = interval
        self.fileCount = fileCount
    }

    /// The number of digits numbered names carry: the digits of `fileCount - 1` (`-W 12` → 2: `out00`…`out11`).
    var digits: Int {
        guard let fileCount, fileCount > 1 else { return 0 }
        return String(fileCount - 1).count
    }

    /// The name of file `index`: `base` (strftime-expanded at `openedAt` under `-G`), then `index` zero-padded
    /// to `digits` places, or nothing when both are zero. Nil when the name would exceed `PATH_MAX`.
    func fileName(base: String, index: Int, digits: Int, openedAt: Int64) -> String? {
        var name = base
        if interval != nil {
            guard let expanded = formatLocalTime(base, seconds: openedAt) else { return nil }
            name = expanded
        }
        if index != 0 || digits != 0 {
            let number = String(index)
            name += String(repeating: "0", count: max(0, digits - number.count)) + number
        }
        return name
    }
}

/// A `-w` writer that rotates its output file as tcpdump 4.99.3 does with `-C`, `-G` and `-W`.
///
/// Names: with `-C` the first file is `out` (or `out0`/`out00`… with `-W`), then `out1`, `out2`…, wrapping to
/// 0 after `-W` files; with `-G` the name is expanded by strftime(3) at each rotation and numbering restarts.
/// Size is checked before each packet, so a file may exceed the limit by one packet, as with tcpdump. Time is
/// checked only when a packet arrives. Every file has the header the source describes (link type, snapshot
/// length, precision), made by libpcap as for `pcap_dump_open`.
public struct RotatingSavefileWriter: ~Copyable {
    /// What ``write(_:now:)`` did.
    public enum Outcome: Hashable, Sendable {
        /// The packet went into the current file.
        case written
        /// A file was closed (run `-z` on it), a new one opened, and the packet written to the new one.
        case rotated(closedFile: String)
        /// `-G` with `-W` and no `-C`: the file limit is reached. The packet was not written and the caller
        /// should stop, printing `Maximum file limit reached: N` (the last file is closed).
        case fileLimitReached(closedFile: String)
    }

    private let header: [UInt8]
    private let precision: TimestampPrecision
    private var dumper: SavefileOutput?
    private let rotation: Rotation
    private let base: String
    private var sizeIndex = 0
    private var timeCount = 0
    private var openedAt: Int64
    /// The file being written now.
    public private(set) var currentFile: String

    /// Opens the first file, with the header tcpdump writes when it rewrites `reader`'s packets (every rotated
    /// file gets the same header, FCS-length bits included).
    ///
    /// - Parameters:
    ///   - path: the `-w` name (a strftime pattern under `-G`).
    ///   - rotation: the `-C`/`-G`/`-W` policy.
    ///   - now: the start time in seconds since the epoch (defaults to the current time); `-G` counts from it.
    public init(path: String, matching reader: borrowing SavefileReader, rotation: Rotation, now: Int64? = nil)
        throws(CaptureError)
    {
        let header = try SavefileOutput.header(path: path, source: reader.handle)
        try self.init(path: path, header: header, precision: reader.precision, rotation: rotation, now: now)
    }

    /// Opens the first file, with the header tcpdump writes for packets captured by `capture`.
    public init(path: String, matching capture: borrowing LiveCapture, rotation: Rotation, now: Int64? = nil)
        throws(CaptureError)
    {
        let header = try SavefileOutput.header(path: path, source: capture.handle)
        try self.init(path: path, header: header, precision: capture.precision, rotation: rotation, now: now)
    }

    /// Opens the first file for packets of `linkType`.
    ///
    /// - Parameters:
    ///   - path: the `-w` name (a strftime pattern under `-G`).
    ///   - linkType, snapshotLength, precision: the file header.
    ///   - rotation: the `-C`/`-G`/`-W` policy.
    ///   - now: the start time in seconds since the epoch (defaults to the current time); `-G` counts from it.
    public init(path: String, linkType: LinkType, snapshotLength: Int, precision: TimestampPrecision,
                rotation: Rotation, now: Int64? = nil) throws(CaptureError) {
        let source = try PcapHandle.openDead(
            linkType: linkType, snapshotLength: Int32(clamping: snapshotLength), precision: precision)
        let header = try SavefileOutput.header(path: path, source: source)
        try self.init(path: path, header: header, precision: precision, rotation: rotation, now: now)
    }

    private init(path: String, header: [UInt8], precision: TimestampPrecision, rotation: Rotation, now: Int64?)
        throws(CaptureError)
    {
        let start = now ?? currentEpochSeconds()
        let digits = rotation.maximumFileSize != nil ? rotation.digits : 0
        guard let first = rotation.fileName(base: path, index: 0, digits: digits, openedAt: start) else {
            throw CaptureError(.writeFile, "too many output files or filename is too long (> 4096)")
        }
        self.dumper = try SavefileOutput(path: first, header: header, precision: precision)
        self.header = header
        self.precision = precision
        self.rotation = rotation
        self.base = path
        self.openedAt = start
        self.currentFile = first
    }

    /// Writes one packet, first rotating when the policy says so.
    ///
    /// - Parameter now: the current time for `-G` (defaults to the clock; only read when `-G` is set).
    /// - Throws: ``CaptureError`` of kind `.writeFile` when a new file cannot be created.
    public mutating func write(_ packet: Packet, now: Int64? = nil) throws(CaptureError) -> Outcome {
        var closed: String?
        if let interval = rotation.interval {
            let time = now ?? currentEpochSeconds()
            if time &- openedAt >= interval {
                openedAt = time
                timeCount += 1
                closed = currentFile
                dumper = nil  // closes the file
                if rotation.maximumFileSize == nil, let limit = rotation.fileCount, limit > 0, timeCount >= limit {
                    return .fileLimitReached(closedFile: currentFile)
                }
                sizeIndex = 0
                let digits = rotation.maximumFileSize != nil ? rotation.digits : 0
                try open(index: 0, digits: digits)
            }
        }
        if let limit = rotation.maximumFileSize, let position = dumper?.position, position > limit {
            closed = currentFile
            dumper = nil
            sizeIndex += 1
            if let count = rotation.fileCount, count > 0, sizeIndex >= count { sizeIndex = 0 }
            try open(index: sizeIndex, digits: rotation.digits)
        }
        dumper?.write(packet)
        if let closed { return .rotated(closedFile: closed) }
        return .written
    }

    private mutating func open(index: Int, digits: Int) throws(CaptureError) {
        guard let name = rotation.fileName(base: base, index: index, digits: digits, openedAt: openedAt) else {
            throw CaptureError(.writeFile, "too many output files or filename is too long (> 4096)")
        }
        currentFile = name
        dumper = try SavefileOutput(path: name, header: header, precision: precision)
    }

    /// Gives the current file to `userID` and `groupID` (before giving up root for `-Z user`; the files opened
    /// after that belong to that user anyway). The corresponding C function is `fchown`.
    public func changeOwner(userID: UInt32, groupID: UInt32) { dumper?.changeOwner(user: userID, group: groupID) }

    /// Pushes buffered records of the current file to disk (`-U`, SIGUSR2).
    public func flush() throws(CaptureError) {
        try dumper?.flush()
    }

    /// Flushes and closes the current file.
    public consuming func close() throws(CaptureError) {
        try flush()
    }
}
