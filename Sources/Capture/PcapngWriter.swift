import BPFCore

/// Writes packets as a pcapng file (libpcap can read pcapng but not write it): a Section Header Block, one
/// Interface Description Block per interface (with its name and timestamp resolution), and an Enhanced Packet
/// Block per packet, with an optional comment.
///
/// Blocks are little-endian. Records are buffered and only whole blocks reach the file, so a capture stopped at
/// any moment leaves a readable file. Readable by tcpdump, libpcap and Wireshark.
public struct PcapngWriter: ~Copyable {
    private let output: FileOutput
    private var buffer: [UInt8]
    private var interfaceCount: UInt32 = 0
    private var resolutions: [TimestampPrecision] = []
    private var written: Int64 = 0
    /// Bytes buffered before they are written out.
    private static let flushThreshold = 1 << 16

    /// Creates `path` (standard output for `-`) and writes the section header.
    ///
    /// - Parameters:
    ///   - path: the output file, or `-`.
    ///   - application: the `shb_userappl` option (the writing program).
    public init(path: String, application: String = "swiftdump") throws(CaptureError) {
        self.output = try FileOutput(path: path)
        self.buffer = []
        buffer.reserveCapacity(Self.flushThreshold * 2)
        var options: [UInt8] = []
        Self.appendOption(code: 4, value: Array(application.utf8), to: &options)
        Self.appendOption(code: 0, value: [], to: &options)
        var body: [UInt8] = []
        Self.append32(0x1A2B_3C4D, to: &body)  // byte-order magic
        Self.append16(1, to: &body)  // major version
        Self.append16(0, to: &body)  // minor version
        Self.append32(0xFFFF_FFFF, to: &body)  // section length: unknown (-1), 64 bits
        Self.append32(0xFFFF_FFFF, to: &body)
        body += options
        appendBlock(type: 0x0A0D_0D0A, body: body)
    }

    /// Adds an interface and returns its index for ``write(_:interface:comment:)``.
    ///
    /// - Parameters:
    ///   - linkType: the packets' link type (written as its LINKTYPE_ number).
    ///   - snapshotLength: the interface's snapshot length.
    ///   - name: the `if_name` option (`eth0`), if known.
    ///   - precision: the timestamp resolution recorded (`if_tsresol` 6 or 9).
    /// - Throws: ``CaptureError`` of kind `.writeFile` when the link type does not fit pcapng's 16-bit field.
    @discardableResult
    public mutating func addInterface(linkType: LinkType, snapshotLength: Int, name: String? = nil,
                                      precision: TimestampPrecision = .microseconds) throws(CaptureError) -> Int {
        let fileLinkType = Self.fileLinkType(linkType)
        guard let linkTypeField = UInt16(exactly: fileLinkType) else {
            throw CaptureError(.writeFile, "link-layer type \(linkType.rawValue) can't be written in a pcapng file")
        }
        var body: [UInt8] = []
        Self.append16(linkTypeField, to: &body)
        Self.append16(0, to: &body)
        Self.append32(UInt32(clamping: max(0, snapshotLength)), to: &body)
        if let name { Self.appendOption(code: 2, value: Array(name.utf8), to: &body) }
        Self.appendOption(code: 9, value: [precision == .nanoseconds ? 9 : 6], to: &body)
        Self.appendOption(code: 0, value: [], to: &body)
        appendBlock(type: 1, body: body)
        resolutions.append(precision)
        interfaceCount += 1
        return Int(interfaceCount - 1)
    }

    /// Appends an Enhanced Packet Block for `packet` on `interface` (an index from ``addInterface``).
    ///
    /// No allocation per packet once the buffer has grown (unless a comment is given).
    /// - Throws: ``CaptureError`` of kind `.writeFile` when the interface does not exist or a write fails.
    public mutating func write(_ packet: Packet, interface: Int = 0, comment: String? = nil) throws(CaptureError) {
        guard interface >= 0, interface < resolutions.count else {
            throw CaptureError(.writeFile, "pcapng: no interface \(interface) was added before its packets")
        }
        let units: UInt64
        let seconds = UInt64(truncatingIfNeeded: packet.header.timestamp.seconds)
        switch resolutions[interface] {
        case .microseconds: units = seconds &* 1_000_000 &+ UInt64(packet.header.timestamp.nanoseconds / 1000)
        case .nanoseconds: units = seconds &* 1_000_000_000 &+ UInt64(packet.header.timestamp.nanoseconds)
        }
        let captured = packet.bytes.count
        let padded = (captured + 3) & ~3
        var optionLength = 0
        var commentBytes: [UInt8] = []
        if let comment {
            commentBytes = Array(comment.utf8)
            optionLength = 4 + ((commentBytes.count + 3) & ~3) + 4
        }
        let total = 12 + 20 + padded + optionLength
        let blockLength = UInt32(truncatingIfNeeded: total)
        Self.append32(6, to: &buffer)
        Self.append32(blockLength, to: &buffer)
        Self.append32(UInt32(truncatingIfNeeded: interface), to: &buffer)
        Self.append32(UInt32(truncatingIfNeeded: units >> 32), to: &buffer)
        Self.append32(UInt32(truncatingIfNeeded: units), to: &buffer)
        Self.append32(UInt32(truncatingIfNeeded: captured), to: &buffer)
        Self.append32(packet.header.wireLength, to: &buffer)
        buffer.append(contentsOf: packet.bytes)
        for _ in captured..<padded { buffer.append(0) }
        if comment != nil {
            Self.appendOption(code: 1, value: commentBytes, to: &buffer)
            Self.appendOption(code: 0, value: [], to: &buffer)
        }
        Self.append32(blockLength, to: &buffer)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Bytes written so far, buffered ones included.
    public var bytesWritten: Int64 { written + Int64(buffer.count) }

    /// Gives the file to `userID` and `groupID` (before giving up root for `-Z user`). Standard output is left
    /// alone; a failure is ignored. The corresponding C function is `fchown`.
    public func changeOwner(userID: UInt32, groupID: UInt32) { output.changeOwner(user: userID, group: groupID) }

    /// Writes the buffered blocks to the file.
    public mutating func flush() throws(CaptureError) {
        guard !buffer.isEmpty else { return }
        let count = buffer.count
        var failure: CaptureError?
        buffer.withUnsafeBytes { bytes in
            do throws(CaptureError) { try output.write(bytes) } catch { failure = error }
        }
        buffer.removeAll(keepingCapacity: true)
        if let failure { throw failure }
        written += Int64(count)
    }

    /// Flushes and closes the file.
    public consuming func close() throws(CaptureError) { try flush() }

    // MARK: Encoding

    private mutating func appendBlock(type: UInt32, body: [UInt8]) {
        let length = UInt32(12 + body.count)
        Self.append32(type, to: &buffer)
        Self.append32(length, to: &buffer)
        buffer += body
        Self.append32(length, to: &buffer)
    }

    private static func appendOption(code: UInt16, value: [UInt8], to bytes: inout [UInt8]) {
        append16(code, to: &bytes)
        append16(UInt16(truncatingIfNeeded: value.count), to: &bytes)
        bytes += value
        for _ in 0..<((4 - value.count % 4) % 4) { bytes.append(0) }
    }

    private static func append16(_ value: UInt16, to bytes: inout [UInt8]) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    private static func append32(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value >> 16))
        bytes.append(UInt8(truncatingIfNeeded: value >> 24))
    }

    /// The number a file records for `linkType`: the LINKTYPE_ value where it differs from Linux's DLT_ value.
    static func fileLinkType(_ linkType: LinkType) -> Int32 {
        switch linkType.rawValue {
        case 11: return 100  // ATM_RFC1483
        case 12: return 101  // RAW
        case 15: return 102  // SLIP_BSDOS
        case 16: return 103  // PPP_BSDOS
        case 19: return 106  // ATM_CLIP
        default: return linkType.rawValue
        }
    }
}
