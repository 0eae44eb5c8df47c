/// A growable byte buffer the printers append text to; reused across packets so printing does not allocate once
/// it has grown to the size of the longest output.
public struct OutputBuffer: Sendable {
    /// The text appended so far (UTF-8/ASCII bytes).
    public private(set) var bytes: [UInt8]

    /// Creates an empty buffer with room for `capacity` bytes.
    public init(capacity: Int = 64 * 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Number of bytes held.
    @inline(__always) public var count: Int { bytes.count }

    /// Forgets the content, keeping the storage.
    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Drops everything after the first `count` bytes.
    mutating func truncate(to count: Int) {
        if count < bytes.count { bytes.removeSubrange(count...) }
    }

    /// The content as a String (for tests and diagnostics; allocates).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    @inline(__always) mutating func byte(_ b: UInt8) { bytes.append(b) }

    @inline(__always) mutating func text(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends a dynamic string (only on rare paths: names, error texts).
    mutating func string(_ s: String) { bytes.append(contentsOf: s.utf8) }

    /// Appends `v` in decimal.
    mutating func decimal<T: BinaryInteger>(_ v: T) {
        if v < 0 {
            bytes.append(UInt8(ascii: "-"))
            unsignedDecimal(UInt64(truncatingIfNeeded: 0 &- Int64(truncatingIfNeeded: v)))
        } else {
            unsignedDecimal(UInt64(truncatingIfNeeded: v))
        }
    }

    /// Appends `v` in decimal, left-padded with `pad` to at least `width` characters.
    mutating func unsignedDecimal(_ v: UInt64, width: Int = 0, pad: UInt8 = UInt8(ascii: "0")) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        var x = v
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(truncatingIfNeeded: x % 10) &+ 48
                x /= 10
                n += 1
            } while x != 0
        }
        if width > n { for _ in 0..<(width - n) { bytes.append(pad) } }
        withUnsafeBytes(of: &digits) { d in
            var i = n - 1
            while i >= 0 {
                bytes.append(d[i])
                i -= 1
            }
        }
    }

    /// Appends `v` in lower-case hex, zero-padded to at least `width` digits (printf `%0*x`).
    mutating func hex<T: BinaryInteger>(_ v: T, width: Int = 0) {
        let x = UInt64(truncatingIfNeeded: v)
        var n = 1
        while n < 16 && (x >> (4 * UInt64(n))) != 0 { n += 1 }
        if width > n { for _ in 0..<(width - n) { bytes.append(UInt8(ascii: "0")) } }
        var i = n - 1
        while i >= 0 {
            bytes.append(OutputBuffer.digit(UInt8(truncatingIfNeeded: (x >> (4 * UInt64(i))) & 0xf)))
            i -= 1
        }
    }

    @inline(__always) static func digit(_ d: UInt8) -> UInt8 { d < 10 ? d &+ 48 : d &+ 87 }

    /// Appends two hex digits for one byte.
    @inline(__always) mutating func hexByte(_ b: UInt8) {
        bytes.append(OutputBuffer.digit(b >> 4))
        bytes.append(OutputBuffer.digit(b & 0xf))
    }

    /// Appends the dotted-quad form of a 32-bit IPv4 address.
    mutating func ipv4(_ a: UInt32) {
        unsignedDecimal(UInt64(a >> 24))
        byte(UInt8(ascii: "."))
        unsignedDecimal(UInt64((a >> 16) & 0xff))
        byte(UInt8(ascii: "."))
        unsignedDecimal(UInt64((a >> 8) & 0xff))
        byte(UInt8(ascii: "."))
        unsignedDecimal(UInt64(a & 0xff))
    }

    /// Appends a byte as tcpdump's `fn_print_char` does (`M-` for 8-bit, `^` for control characters).
    mutating func safeChar(_ c: UInt8) {
        var ch = c
        if ch & 0x80 != 0 {
            ch &= 0x7f
            text("M-")
        }
        if !(ch >= 0x20 && ch < 0x7f) {
            ch ^= 0x40
            byte(UInt8(ascii: "^"))
        }
        byte(ch)
    }
}
