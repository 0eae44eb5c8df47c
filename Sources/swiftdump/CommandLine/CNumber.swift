/// The number conversions tcpdump applies to option values, reproduced so that swiftdump accepts and rejects
/// exactly the same text (`-c 5x` is 5 because tcpdump uses `atoi`; `-s 0x100` is 256 because it uses
/// `strtol(…, 0)`).
enum CNumber {
    /// C's `atoi` on glibc: leading white space, an optional sign, then as many decimal digits as there are;
    /// anything after them is ignored, no digits give 0, and a value beyond `long` saturates before it is
    /// truncated to `int`.
    static func atoi(_ text: String) -> Int32 {
        let parsed = strtol(text, base: 10)
        return Int32(truncatingIfNeeded: parsed.value)
    }

    /// C's `strtol`: the value (saturated to the 64-bit range on overflow), whether any digits were read, whether
    /// the whole text was consumed, and whether it overflowed (`ERANGE`).
    ///
    /// `base` is 10 or 0 (0 reads `0x…` as hexadecimal and a leading `0` as octal, as C does).
    static func strtol(_ text: String, base: Int) -> (value: Int64, sawDigits: Bool, consumedAll: Bool, overflow: Bool) {
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count, [0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d].contains(bytes[i]) { i += 1 }
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var radix: UInt64 = base == 0 ? 10 : UInt64(base)
        var sawDigits = false
        if base == 0 || base == 16, i < bytes.count, bytes[i] == UInt8(ascii: "0") {
            let next = i + 1 < bytes.count ? bytes[i + 1] | 0x20 : 0
            if next == UInt8(ascii: "x"), i + 2 < bytes.count, digit(bytes[i + 2], radix: 16) != nil {
                radix = 16
                i += 2
            } else if base == 0 {
                radix = 8
                sawDigits = true
                i += 1
            }
        }
        var magnitude: UInt64 = 0
        var overflow = false
        while i < bytes.count, let d = digit(bytes[i], radix: radix) {
            sawDigits = true
            let (m, o1) = magnitude.multipliedReportingOverflow(by: radix)
            let (s, o2) = m.addingReportingOverflow(UInt64(d))
            if o1 || o2 { overflow = true }
            magnitude = overflow ? UInt64.max : s
            i += 1
        }
        let limit: UInt64 = negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
        if magnitude > limit { overflow = true }
        let value: Int64
        if overflow {
            value = negative ? Int64.min : Int64.max
        } else if negative {
            value = magnitude == limit ? Int64.min : -Int64(magnitude)
        } else {
            value = Int64(magnitude)
        }
        return (sawDigits ? value : 0, sawDigits, sawDigits && i == bytes.count, overflow)
    }

    private static func digit(_ byte: UInt8, radix: UInt64) -> UInt64? {
        let value: UInt64
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt64(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt64(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt64(byte - UInt8(ascii: "A")) + 10
        default: return nil
        }
        return value < radix ? value : nil
    }
}
