/// An NTP message (RFC 5905 time message or RFC 1305 mode-6 control message) over the bytes of a UDP payload.
///
/// Fields are read on demand, so a short capture fails at the first missing field.
public struct NTPMessage {
    /// The message, starting at the leap/version/mode byte.
    public let bytes: ByteView

    /// Size of a time message without extensions or authenticator.
    public static let timeMessageLength = 48
    /// Size of a control message header.
    public static let controlHeaderLength = 12
    /// Offset of the reference timestamp.
    public static let referenceTimestampOffset = 16
    /// Offset of the originator timestamp.
    public static let originTimestampOffset = 24
    /// Offset of the receive timestamp.
    public static let receiveTimestampOffset = 32
    /// Offset of the transmit timestamp.
    public static let transmitTimestampOffset = 40
    /// Offset of the key identifier after a time message.
    public static let keyIDOffset = 48
    /// Offset of the message digest.
    public static let digestOffset = 52

    /// Wraps the UDP payload `v`.
    public init(_ v: ByteView) { bytes = v }

    /// The first byte: leap indicator (2 bits), version (3 bits), mode (3 bits).
    public func status() throws(Truncated) -> UInt8 { try bytes.u8(0) }

    /// Stratum (time messages).
    public func stratum() throws(Truncated) -> UInt8 { try bytes.u8(1) }
    /// Poll interval, log2 seconds (time messages).
    public func poll() throws(Truncated) -> Int8 { Int8(bitPattern: try bytes.u8(2)) }
    /// Clock precision, log2 seconds (time messages).
    public func precision() throws(Truncated) -> Int8 { Int8(bitPattern: try bytes.u8(3)) }
    /// Root delay (time messages).
    public func rootDelay() throws(Truncated) -> NTPShortTime { try NTPShortTime(bytes, at: 4) }
    /// Root dispersion (time messages).
    public func rootDispersion() throws(Truncated) -> NTPShortTime { try NTPShortTime(bytes, at: 8) }
    /// Reference identifier (time messages).
    public func referenceID() throws(Truncated) -> UInt32 { try bytes.u32(12) }
    /// The 64-bit timestamp at `offset` (one of the `…TimestampOffset` constants).
    public func timestamp(at offset: Int) throws(Truncated) -> NTPTimestamp { try NTPTimestamp(bytes, at: offset) }

    /// Control byte: response, error and more bits and the 5-bit opcode (control messages).
    public func control() throws(Truncated) -> UInt8 { try bytes.u8(1) }
    /// The 16-bit control-message field at `offset`: 2 sequence, 4 status, 6 association, 8 offset, 10 count.
    public func controlField(_ offset: Int) throws(Truncated) -> UInt16 { try bytes.u16(offset) }
}

/// The NTP modes.
public enum NTPMode: UInt8, Sendable {
    case unspecified = 0, symmetricActive, symmetricPassive, client, server, broadcast, control, reserved

    /// The mode in the low 3 bits of the status byte.
    public init(status: UInt8) { self = NTPMode(rawValue: status & 7) ?? .reserved }

    /// True for the modes that carry a time message.
    public var carriesTime: Bool { rawValue <= 5 }
}

/// A 32-bit NTP short format value: 16 bits of seconds and 16 bits of fraction.
public struct NTPShortTime: Sendable {
    /// Whole seconds.
    public var seconds: UInt16
    /// Fraction in 1/65536 s.
    public var fraction: UInt16

    /// Reads four bytes at `offset`.
    public init(_ v: ByteView, at offset: Int) throws(Truncated) {
        try v.check(offset, 4)
        seconds = try v.u16(offset)
        fraction = try v.u16(offset + 2)
    }
}

/// A 64-bit NTP timestamp: seconds since 1900 and a 32-bit fraction.
public struct NTPTimestamp: Sendable, Equatable {
    /// Seconds since 1900-01-01 00:00 UTC (era 0).
    public var seconds: UInt32
    /// Fraction in 1/2^32 s.
    public var fraction: UInt32

    /// Seconds from the NTP epoch (1900) to the Unix epoch (1970).
    public static let unixEpochOffset: Int64 = 2_208_988_800

    /// Reads eight bytes at `offset`.
    public init(_ v: ByteView, at offset: Int) throws(Truncated) {
        try v.check(offset, 8)
        seconds = try v.u32(offset)
        fraction = try v.u32(offset + 4)
    }

    /// True when both halves are zero (an unset timestamp).
    public var isZero: Bool { seconds == 0 && fraction == 0 }
}
