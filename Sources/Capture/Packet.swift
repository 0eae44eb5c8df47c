/// One captured packet: its record header and a view of its captured bytes.
///
/// `bytes` is borrowed from the capture source: it stays valid only until the next call that reads from the
/// same source (``SavefileReader/next()``, ``LiveCapture/next()``) or until the source is closed. Copy the
/// bytes (`Array(packet.bytes)`) to keep them longer. Creating a `Packet` never allocates.
public struct Packet {
    /// Time, captured length and wire length.
    public var header: PacketHeader
    /// The captured bytes; `bytes.count == header.captureLength`.
    public var bytes: UnsafeRawBufferPointer
    /// The sub-second field exactly as the source recorded it (µs or ns, per `recordedPrecision`).
    ///
    /// Kept so that a savefile rewritten at the same precision is byte-identical even when a damaged file holds
    /// an out-of-range sub-second value that ``Timestamp`` cannot represent.
    var recordedFraction: UInt32
    /// The unit of `recordedFraction`.
    var recordedPrecision: TimestampPrecision

    /// Creates a packet over `bytes`; the header's capture length is `bytes.count`.
    ///
    /// - Parameters:
    ///   - timestamp: when the packet was captured.
    ///   - bytes: the captured bytes (not copied; they must outlive every use of the packet).
    ///   - wireLength: the packet's length on the wire; at least `bytes.count` in a well-formed capture.
    public init(timestamp: Timestamp, bytes: UnsafeRawBufferPointer, wireLength: UInt32) {
        self.header = PacketHeader(
            timestamp: timestamp, captureLength: UInt32(truncatingIfNeeded: bytes.count), wireLength: wireLength)
        self.bytes = bytes
        self.recordedFraction = timestamp.nanoseconds
        self.recordedPrecision = .nanoseconds
    }

    /// Creates a packet as a capture source recorded it.
    init(seconds: Int64, fraction: UInt32, precision: TimestampPrecision, captureLength: UInt32,
         wireLength: UInt32, bytes: UnsafeRawBufferPointer) {
        let nanoseconds: UInt32
        switch precision {
        case .nanoseconds: nanoseconds = fraction
        case .microseconds: nanoseconds = fraction &* 1000
        }
        self.header = PacketHeader(
            timestamp: Timestamp(seconds: seconds, nanoseconds: nanoseconds),
            captureLength: captureLength, wireLength: wireLength)
        self.bytes = bytes
        self.recordedFraction = fraction
        self.recordedPrecision = precision
    }

    /// The sub-second field to record at `precision`: the source's own value when the units agree, otherwise the
    /// timestamp converted (nanoseconds are truncated to microseconds, as libpcap does).
    func fraction(in precision: TimestampPrecision) -> UInt32 {
        if precision == recordedPrecision { return recordedFraction }
        switch precision {
        case .nanoseconds: return header.timestamp.nanoseconds
        case .microseconds: return header.timestamp.nanoseconds / 1000
        }
    }
}
