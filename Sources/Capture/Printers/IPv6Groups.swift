/// The sixteen bytes of an IPv6 address held inline, so that building and printing one allocates nothing: every
/// IPv6 address the printers write goes through it (whole addresses read from a packet, decoded
/// ``IPv6Address``es, and prefixes padded with zeros).
struct IPv6Groups {
    private var words: (UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0, 0, 0, 0, 0)

    /// The all-zero address, to be filled with ``setByte(_:at:)``.
    init() {}

    /// The address in the sixteen bytes of `bytes` starting at `offset` (network order); the caller has checked
    /// that they are present.
    init(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
        withUnsafeMutableBytes(of: &words) { raw in
            let w = raw.bindMemory(to: UInt16.self)
            for i in 0..<8 {
                w[i] = UInt16(bytes[offset + 2 * i]) << 8 | UInt16(bytes[offset + 2 * i + 1])
            }
        }
    }

    /// The address whose first and last 64 bits are `high` and `low`.
    init(high: UInt64, low: UInt64) {
        words = (UInt16(truncatingIfNeeded: high >> 48), UInt16(truncatingIfNeeded: high >> 32),
                 UInt16(truncatingIfNeeded: high >> 16), UInt16(truncatingIfNeeded: high),
                 UInt16(truncatingIfNeeded: low >> 48), UInt16(truncatingIfNeeded: low >> 32),
                 UInt16(truncatingIfNeeded: low >> 16), UInt16(truncatingIfNeeded: low))
    }

    /// Sets byte `index` (0 ..< 16, network order) of the address; other indices are ignored.
    mutating func setByte(_ value: UInt8, at index: Int) {
        guard index >= 0, index < 16 else { return }
        withUnsafeMutableBytes(of: &words) { raw in
            let w = raw.bindMemory(to: UInt16.self)
            if index % 2 == 0 {
                w[index / 2] = w[index / 2] & 0x00ff | UInt16(value) << 8
            } else {
                w[index / 2] = w[index / 2] & 0xff00 | UInt16(value)
            }
        }
    }

    /// The first four bytes as an IPv4 address (for prefixes of either family).
    var firstFourBytes: UInt32 { UInt32(words.0) << 16 | UInt32(words.1) }

    /// Appends tcpdump's text form of the address (see ``IPv6Text``).
    func append(into out: inout OutputBuffer) {
        var copy = words
        withUnsafeBytes(of: &copy) { raw in
            IPv6Text.append(raw.bindMemory(to: UInt16.self), into: &out)
        }
    }
}
