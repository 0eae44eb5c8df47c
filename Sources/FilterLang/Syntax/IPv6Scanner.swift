/// Finds the longest prefix of the input that matches libpcap's `{V6}` lexer pattern: eight hex
/// groups of 1–4 digits; or at most seven groups around one `::`; or six groups (at most five with
/// `::`) followed by a dotted `N.N.N.N` tail, where each `N` is a decimal or `0x` number.
/// The pattern only decides the token's extent; ``Lexer/parseIPv6(_:)`` then validates it.
struct IPv6Scanner {
    let bytes: [UInt8]

    private func byte(_ i: Int) -> UInt8 { i < bytes.count ? bytes[i] : 0 }
    private static let colon = UInt8(ascii: ":")

    /// The length of the longest match at `p`, or nil.
    func longestMatch(at p: Int) -> Int? {
        var best = p
        if byte(p) == Self.colon && byte(p + 1) == Self.colon {
            best = p + 2
            best = max(best, groupStart(p + 2, groups: 0, compressed: true))
        } else {
            best = max(best, groupStart(p, groups: 0, compressed: false))
        }
        return best > p ? best - p : nil
    }

    /// The furthest accepting end reachable from a position where a group (or the IPv4 tail) may
    /// start, or `q` itself when none is reachable (callers only compare ends past the start).
    /// Recursion depth is bounded by the eight groups an address can have.
    private func groupStart(_ q: Int, groups: Int, compressed: Bool) -> Int {
        var best = 0
        if (!compressed && groups == 6) || (compressed && groups <= 5), let end = ipv4TailEnd(q) {
            best = max(best, end)
        }
        guard groups < 8 else { return best }
        var run = 0
        while run < 4, Lexer.isHex(byte(q + run)) { run += 1 }
        guard run > 0 else { return best }
        for length in 1...run {
            let after = q + length
            let count = groups + 1
            if (!compressed && count == 8) || (compressed && count <= 7) { best = max(best, after) }
            guard byte(after) == Self.colon else { continue }
            if byte(after + 1) == Self.colon {
                if !compressed && count <= 7 {
                    best = max(best, after + 2)
                    best = max(best, groupStart(after + 2, groups: count, compressed: true))
                }
            } else if (!compressed && count < 8) || (compressed && count < 7) {
                best = max(best, groupStart(after + 1, groups: count, compressed: compressed))
            }
        }
        return best
    }

    /// `{N}.{N}.{N}.{N}` at q: the end of its longest match, or nil.
    private func ipv4TailEnd(_ q: Int) -> Int? {
        var end = q
        for part in 0..<4 {
            if part > 0 {
                guard byte(end) == UInt8(ascii: ".") else { return nil }
                end += 1
            }
            guard let length = numberLength(end) else { return nil }
            end += length
        }
        return end
    }

    private func numberLength(_ q: Int) -> Int? {
        guard Lexer.isDigit(byte(q)) else { return nil }
        if byte(q) == UInt8(ascii: "0"), byte(q + 1) == UInt8(ascii: "x") || byte(q + 1) == UInt8(ascii: "X") {
            var run = 0
            while Lexer.isHex(byte(q + 2 + run)) { run += 1 }
            if run > 0 { return 2 + run }
        }
        var run = 0
        while Lexer.isDigit(byte(q + run)) { run += 1 }
        return run
    }
}
