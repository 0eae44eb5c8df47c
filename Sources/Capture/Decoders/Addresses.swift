/// A 48-bit IEEE MAC address.
public struct MACAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address in the low 48 bits, first octet most significant.
    public var rawValue: UInt64

    /// Reads six bytes at `offset`.
    public init(_ v: ByteView, at offset: Int) throws(Truncated) {
        try v.check(offset, 6)
        rawValue = UInt64(try v.u16(offset)) << 32 | UInt64(try v.u32(offset + 2))
    }

    /// `aa:bb:cc:dd:ee:ff`.
    public var description: String {
        (0..<6).map { i in
            let b = UInt8(truncatingIfNeeded: rawValue >> (8 * UInt64(5 - i)))
            return String(b, radix: 16).count == 1 ? "0" + String(b, radix: 16) : String(b, radix: 16)
        }.joined(separator: ":")
    }
}

/// An IPv4 address.
public struct IPv4Address: Hashable, Sendable, CustomStringConvertible {
    /// The address, first octet most significant.
    public var rawValue: UInt32

    /// Wraps a 32-bit value.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Reads four bytes at `offset`.
    public init(_ v: ByteView, at offset: Int) throws(Truncated) { rawValue = try v.u32(offset) }

    /// Dotted quad.
    public var description: String {
        "\(rawValue >> 24).\((rawValue >> 16) & 0xff).\((rawValue >> 8) & 0xff).\(rawValue & 0xff)"
    }
}

/// An IPv6 address.
public struct IPv6Address: Hashable, Sendable, CustomStringConvertible {
    /// First 64 bits.
    public var high: UInt64
    /// Last 64 bits.
    public var low: UInt64

    /// Reads sixteen bytes at `offset`.
    public init(_ v: ByteView, at offset: Int) throws(Truncated) {
        try v.check(offset, 16)
        high = UInt64(try v.u32(offset)) << 32 | UInt64(try v.u32(offset + 4))
        low = UInt64(try v.u32(offset + 8)) << 32 | UInt64(try v.u32(offset + 12))
    }

    /// The eight 16-bit groups.
    public var groups: [UInt16] {
        (0..<8).map { i in
            let word = i < 4 ? high : low
            return UInt16(truncatingIfNeeded: word >> (16 * UInt64(3 - i % 4)))
        }
    }

    /// tcpdump's text form (RFC 5952-like: longest zero run as `::`, IPv4 tails for mapped addresses).
    public var description: String {
        var out = OutputBuffer(capacity: 48)
        IPv6Groups(high: high, low: low).append(into: &out)
        return out.text
    }
}
