/// When a packet was captured: seconds since the epoch and nanoseconds within the second.
public struct Timestamp: Hashable, Comparable, Sendable {
    /// Whole seconds since 1970-01-01 00:00:00 UTC.
    public var seconds: Int64
    /// Nanoseconds within the second, 0 ..< 1_000_000_000.
    public var nanoseconds: UInt32

    /// Creates a timestamp.
    public init(seconds: Int64, nanoseconds: UInt32) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }
}

/// The resolution a capture source or savefile records timestamps in.
public enum TimestampPrecision: Sendable, Hashable {
    case microseconds
    case nanoseconds
}

/// The per-packet record header: time, bytes captured and bytes on the wire.
public struct PacketHeader: Hashable, Sendable {
    /// When the packet was captured.
    public var timestamp: Timestamp
    /// Bytes present in the capture (`caplen`).
    public var captureLength: UInt32
    /// Bytes the packet had on the wire (`len`).
    public var wireLength: UInt32

    /// Creates a record header.
    public init(timestamp: Timestamp, captureLength: UInt32, wireLength: UInt32) {
        self.timestamp = timestamp
        self.captureLength = captureLength
        self.wireLength = wireLength
    }
}
