/// The Internet checksum (RFC 1071) over captured bytes, with an optional pseudo-header sum.
public enum InternetChecksum {
    /// The 32-bit ones'-complement partial sum of `count` bytes at `offset` in `view`; the bytes must be captured.
    public static func partialSum(_ view: ByteView, offset: Int, count: Int, initial: UInt32 = 0) -> UInt32 {
        var sum = UInt64(initial)
        let bytes = view.packet
        var i = view.start + offset
        let stop = i + count
        guard i >= 0, count >= 0, stop <= bytes.count else { return initial }
        while i + 1 < stop {
            sum &+= UInt64(bytes[i]) << 8 | UInt64(bytes[i + 1])
            i += 2
        }
        if i < stop { sum &+= UInt64(bytes[i]) << 8 }
        while sum > 0xffff_ffff { sum = (sum & 0xffff_ffff) + (sum >> 32) }
        return UInt32(truncatingIfNeeded: sum)
    }

    /// Folds a partial sum to 16 bits and complements it: 0 means the data (including its checksum) is correct.
    public static func finish(_ partial: UInt32) -> UInt16 {
        var sum = partial
        while sum > 0xffff { sum = (sum & 0xffff) + (sum >> 16) }
        return ~UInt16(truncatingIfNeeded: sum)
    }

    /// The checksum value the field should have held, given its current value and the computed sum over the data
    /// including that field (tcpdump's `in_cksum_shouldbe`).
    public static func shouldBe(stored: UInt16, computed: UInt16) -> UInt16 {
        var sum = UInt32(stored) + UInt32(computed)
        sum = (sum & 0xffff) + (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16)
        return UInt16(truncatingIfNeeded: sum)
    }
}
