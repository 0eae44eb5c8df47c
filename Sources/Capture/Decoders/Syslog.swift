/// The `<PRI>` prefix of a syslog message (RFC 3164/5424) over the bytes of a UDP payload.
public struct SyslogPriority: Sendable, Equatable {
    /// The priority value (facility × 8 + severity), from at most three digits.
    public var value: UInt16
    /// Bytes taken by `<`, the digits and `>`.
    public var headerLength: Int

    /// Facility (bits 3–9 of the value).
    public var facility: UInt16 { (value & 0x03f8) >> 3 }
    /// Severity (low 3 bits).
    public var severity: UInt16 { value & 7 }

    /// Parses the prefix at the start of `v`; nil when it is not `<` + up to three digits + `>`. Throws when the
    /// bytes needed to decide were not captured.
    public init?(_ v: ByteView) throws(Truncated) {
        guard try v.u8(0) == UInt8(ascii: "<") else { return nil }
        var offset = 1
        var value: UInt16 = 0
        while offset <= 3 {
            let c = try v.u8(offset)
            guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else { break }
            value = value &* 10 &+ UInt16(c - UInt8(ascii: "0"))
            offset += 1
        }
        guard try v.u8(offset) == UInt8(ascii: ">") else { return nil }
        self.value = value
        self.headerLength = offset + 1
    }
}
