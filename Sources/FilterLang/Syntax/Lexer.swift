/// The pcap-filter lexer: splits an expression into ``Token``s exactly as libpcap 1.10.3's flex
/// scanner does — at each position the longest match of any rule wins and, between matches of
/// equal length, the rule listed first in scanner.l (keywords, operators, `$xx`, MAC, number,
/// dotted IPv4, IPv6, bogus MAC, named constants, identifiers, `\word`, any other byte).
///
/// The lexer never fails: a rejected token becomes ``TokenKind/error(_:)`` and the parser reports it
/// when it reaches that token, which is when libpcap's parser would have asked for it.
struct Lexer {
    private let bytes: [UInt8]

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Splits `expression` into tokens; the last token is always ``TokenKind/end``.
    static func tokenize(_ expression: String) -> [Token] {
        Lexer(Array(expression.utf8)).run()
    }

    // Rule priorities (scanner.l order); lower wins a tie.
    private enum Rule: Int, Comparable {
        case keyword, operator1, operator2, aid, mac, number, hid, hid6, bogusMAC, constant, id
        case escapedID, other
        static func < (a: Rule, b: Rule) -> Bool { a.rawValue < b.rawValue }
    }

    private func run() -> [Token] {
        var tokens: [Token] = []
        var position = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d {
                position += 1
                continue
            }
            let (length, rule) = longestMatch(at: position)
            // Every rule consumes at least one byte, so the loop always progresses.
            let end = position + max(1, length)
            tokens.append(Token(kind: makeToken(rule, position, end), range: SourceRange(position, end)))
            position = end
        }
        tokens.append(Token(kind: .end, range: SourceRange(bytes.count, bytes.count)))
        return tokens
    }

    private func longestMatch(at p: Int) -> (Int, Rule) {
        var best = (0, Rule.other)
        func offer(_ length: Int?, _ rule: Rule) {
            guard let length, length > 0 else { return }
            if length > best.0 || (length == best.0 && rule < best.1) { best = (length, rule) }
        }
        let idLength = identifierLength(at: p)
        if let idLength {
            let word = text(p, p + idLength)
            if Keywords.reserved[word] != nil { offer(idLength, .keyword) }
            if Keywords.constants[word] != nil { offer(idLength, .constant) }
            offer(idLength, .id)
        }
        offer(operatorLength(at: p, twoCharacter: false), .operator1)
        if let two = operatorLength(at: p, twoCharacter: true) {
            offer(two, byte(p) == UInt8(ascii: "&") || byte(p) == UInt8(ascii: "|") ? .keyword : .operator2)
        }
        offer(arcnetLength(at: p), .aid)
        offer(macLength(at: p), .mac)
        offer(numberLength(at: p), .number)
        offer(dottedIPv4Length(at: p), .hid)
        offer(IPv6Scanner(bytes: bytes).longestMatch(at: p), .hid6)
        offer(bogusMACLength(at: p), .bogusMAC)
        offer(escapedIdentifierLength(at: p), .escapedID)
        if best.0 == 0 { best = (otherLength(at: p), .other) }
        return best
    }

    // MARK: - Building tokens

    private func makeToken(_ rule: Rule, _ start: Int, _ end: Int) -> TokenKind {
        let word = text(start, end)
        let range = SourceRange(start, end)
        switch rule {
        case .keyword:
            if word == "&&" { return .and }
            if word == "||" { return .or }
            return Keywords.reserved[word] ?? .error(.syntax(at: range))
        case .constant:
            return .number(Keywords.constants[word] ?? 0)
        case .operator1, .operator2:
            return operatorToken(word) ?? .error(.syntax(at: range))
        case .aid:
            let value = UInt8(hexValue(bytes[(start + 1)..<end]) & 0xff)
            return .aid(ARCnetLiteral(text: word, value: value))
        case .mac:
            return .eid(MACLiteral(text: word, bytes: macBytes(start, end)))
        case .number:
            switch Self.convertNumber(word) {
            case .success(let value): return .number(value)
            case .failure(let error): return .error(FilterError(kind: .lexical, message: error.message, range: range))
            }
        case .hid:
            return .hid(word)
        case .hid6:
            if let address = Self.parseIPv6(Array(bytes[start..<end])) {
                return .hid6(IPv6Literal(text: word, bytes: address))
            }
            return .error(FilterError(kind: .lexical, message: "bogus IPv6 address \(word)", range: range))
        case .bogusMAC:
            return .error(FilterError(kind: .lexical, message: "bogus ethernet address \(word)", range: range))
        case .id:
            return .id(word, escaped: false)
        case .escapedID:
            return .id(text(start + 1, end), escaped: true)
        case .other:
            return .error(.syntax(at: range))
        }
    }

    private func operatorToken(_ word: String) -> TokenKind? {
        switch word {
        case "+": return .plus
        case "-": return .minus
        case "*": return .star
        case "/": return .slash
        case "%": return .percent
        case ":": return .colon
        case "[": return .leftBracket
        case "]": return .rightBracket
        case "!": return .not
        case "<": return .less
        case ">": return .greater
        case "(": return .leftParen
        case ")": return .rightParen
        case "&": return .ampersand
        case "|": return .pipe
        case "^": return .caret
        case "=", "==": return .equal
        case ">=": return .greaterOrEqual
        case "<=": return .lessOrEqual
        case "!=": return .notEqual
        case "<<": return .shiftLeft
        case ">>": return .shiftRight
        default: return nil
        }
    }

    /// libpcap's `stou`: decimal, `0x` hex or leading-zero octal, at most 32 bits.
    static func convertNumber(_ text: String) -> Result<UInt32, NumberError> {
        let digits = Array(text.utf8)
        var value: UInt32 = 0
        if digits.first == UInt8(ascii: "0"), digits.count > 1,
           digits[1] == UInt8(ascii: "x") || digits[1] == UInt8(ascii: "X") {
            for digit in digits.dropFirst(2) {
                if value > 0x0FFF_FFFF { return .failure(NumberError("number \(text) overflows 32 bits")) }
                value = (value << 4) | UInt32(hexDigit(digit))
            }
        } else if digits.first == UInt8(ascii: "0") {
            for digit in digits.dropFirst() {
                guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "7") else {
                    return .failure(NumberError("number \(text) contains non-octal digit"))
                }
                if value > 0o3777777777 { return .failure(NumberError("number \(text) overflows 32 bits")) }
                value = (value << 3) | UInt32(digit - UInt8(ascii: "0"))
            }
        } else {
            for digit in digits {
                let d = UInt32(digit &- UInt8(ascii: "0"))
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(d)
                if o1 || o2 { return .failure(NumberError("number \(text) overflows 32 bits")) }
                value = sum
            }
        }
        return .success(value)
    }

    /// The message of a number the lexer rejects.
    struct NumberError: Error, Hashable {
        let message: String
        init(_ message: String) { self.message = message }
    }

    // MARK: - Rule matchers (each returns the longest length the rule matches at p, or nil)

    private func byte(_ i: Int) -> UInt8 { i < bytes.count ? bytes[i] : 0 }
    private func text(_ start: Int, _ end: Int) -> String { String(decoding: bytes[start..<end], as: UTF8.self) }

    static func isHex(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
    }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isAlnum(_ b: UInt8) -> Bool {
        isDigit(b) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)
    }
    static func hexDigit(_ b: UInt8) -> UInt8 {
        if isDigit(b) { return b - 0x30 }
        if b >= 0x61 { return b &- 0x61 &+ 10 }
        return b &- 0x41 &+ 10
    }
    private func hexValue(_ slice: ArraySlice<UInt8>) -> UInt32 {
        slice.reduce(0) { ($0 &<< 4) | UInt32(Self.hexDigit($1)) }
    }
    private func hexRun(_ p: Int) -> Int {
        var q = p
        while q < bytes.count, Self.isHex(bytes[q]) { q += 1 }
        return q - p
    }
    private func digitRun(_ p: Int) -> Int {
        var q = p
        while q < bytes.count, Self.isDigit(bytes[q]) { q += 1 }
        return q - p
    }

    /// `[A-Za-z0-9]([-_.A-Za-z0-9]*[.A-Za-z0-9])?`
    private func identifierLength(at p: Int) -> Int? {
        guard p < bytes.count, Self.isAlnum(bytes[p]) else { return nil }
        var q = p + 1
        while q < bytes.count, Self.isAlnum(bytes[q]) || bytes[q] == 0x2d || bytes[q] == 0x5f || bytes[q] == 0x2e {
            q += 1
        }
        while q > p + 1, !(Self.isAlnum(bytes[q - 1]) || bytes[q - 1] == 0x2e) { q -= 1 }
        return q - p
    }

    private func operatorLength(at p: Int, twoCharacter: Bool) -> Int? {
        let b = byte(p)
        if twoCharacter {
            let pair = (b, byte(p + 1))
            switch pair {
            case (0x3e, 0x3d), (0x3c, 0x3d), (0x21, 0x3d), (0x3d, 0x3d), (0x3c, 0x3c), (0x3e, 0x3e),
                 (0x26, 0x26), (0x7c, 0x7c):
                return 2
            default:
                return nil
            }
        }
        return Array("+-*/%:[]!<>()&|^=".utf8).contains(b) ? 1 : nil
    }

    /// `$` followed by one or two hex digits.
    private func arcnetLength(at p: Int) -> Int? {
        guard byte(p) == UInt8(ascii: "$") else { return nil }
        let run = hexRun(p + 1)
        return run == 0 ? nil : 1 + min(run, 2)
    }

    /// `{N}`: decimal digits, or `0x`/`0X` and hex digits.
    private func numberLength(at p: Int) -> Int? {
        guard Self.isDigit(byte(p)) else { return nil }
        if byte(p) == UInt8(ascii: "0"), byte(p + 1) == UInt8(ascii: "x") || byte(p + 1) == UInt8(ascii: "X") {
            let run = hexRun(p + 2)
            if run > 0 { return 2 + run }
        }
        return digitRun(p)
    }

    /// `{N}.{N}`, `{N}.{N}.{N}` or `{N}.{N}.{N}.{N}`.
    private func dottedIPv4Length(at p: Int) -> Int? {
        guard var q = numberLength(at: p).map({ p + $0 }) else { return nil }
        var parts = 1
        var best: Int?
        while parts < 4, byte(q) == UInt8(ascii: "."), let next = numberLength(at: q + 1) {
            q += 1 + next
            parts += 1
            best = q - p
        }
        return best
    }

    /// The five MAC forms: `B:B:B:B:B:B`, `B-B-…`, `B.B.…` (B = 1–2 hex digits), `BBBB.BBBB.BBBB`,
    /// and twelve hex digits.
    private func macLength(at p: Int) -> Int? {
        var best: Int?
        for separator in [UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: ".")] {
            var q = p
            var ok = true
            for group in 0..<6 {
                let run = hexRun(q)
                if group < 5 {
                    guard run == 1 || run == 2, byte(q + run) == separator else { ok = false; break }
                    q += run + 1
                } else {
                    guard run >= 1 else { ok = false; break }
                    q += min(run, 2)
                }
            }
            if ok { best = max(best ?? 0, q - p) }
        }
        if hexRun(p) == 4, byte(p + 4) == 0x2e, hexRun(p + 5) == 4, byte(p + 9) == 0x2e, hexRun(p + 10) >= 4 {
            best = max(best ?? 0, 14)
        }
        if hexRun(p) >= 12 { best = max(best ?? 0, 12) }
        return best
    }

    /// `{B}:+({B}:+)+`: a colon-separated form that is not a valid MAC or IPv6 address.
    private func bogusMACLength(at p: Int) -> Int? {
        var q = p
        var groups = 0
        var best: Int?
        while true {
            let run = hexRun(q)
            guard run == 1 || run == 2, byte(q + run) == UInt8(ascii: ":") else { break }
            q += run
            while byte(q) == UInt8(ascii: ":") { q += 1 }
            groups += 1
            if groups >= 2 { best = q - p }
        }
        return best
    }

    /// `\` followed by anything up to a blank, `!`, `(`, `)`.
    private func escapedIdentifierLength(at p: Int) -> Int? {
        guard byte(p) == UInt8(ascii: "\\") else { return nil }
        var q = p + 1
        while q < bytes.count, ![0x20, 0x21, 0x28, 0x29, 0x0a, 0x09, 0x00].contains(bytes[q]) { q += 1 }
        return q > p + 1 ? q - p : nil
    }

    /// Any other byte is an error token; a multi-byte UTF-8 character is kept whole for the caret.
    private func otherLength(at p: Int) -> Int {
        var q = p + 1
        if bytes[p] >= 0xc0 {
            while q < bytes.count, bytes[q] & 0xc0 == 0x80 { q += 1 }
        }
        return q - p
    }

    private func macBytes(_ start: Int, _ end: Int) -> [UInt8] {
        // pcap_ether_aton: skip one separator, then take one or two hex digits per byte.
        var result: [UInt8] = []
        var q = start
        while q < end {
            if [0x3a, 0x2e, 0x2d].contains(bytes[q]) { q += 1 }
            guard q < end else { break }
            var value = Self.hexDigit(bytes[q])
            q += 1
            if q < end, Self.isHex(bytes[q]) {
                value = (value << 4) | Self.hexDigit(bytes[q])
                q += 1
            }
            result.append(value)
        }
        return result
    }

    /// Parses an IPv6 literal as `inet_pton(AF_INET6)` does (glibc): hex groups of at most four
    /// digits, at most one `::`, an optional dotted-decimal IPv4 tail (four parts, each ≤ 255,
    /// without leading zeros). Returns the 16 bytes, or nil when the text is not an address.
    static func parseIPv6(_ text: [UInt8]) -> [UInt8]? {
        var words: [UInt16] = []
        var gap: Int?  // index in `words` where `::` stands
        var i = 0
        if text.starts(with: [0x3a, 0x3a]) {
            gap = 0
            i = 2
        } else if text.first == 0x3a {
            return nil
        }
        var tail: [UInt8] = []
        while i < text.count {
            // One group, or the IPv4 tail.
            var j = i
            while j < text.count, isHex(text[j]) { j += 1 }
            if j < text.count, text[j] == 0x2e {
                guard let v4 = parseIPv4Tail(Array(text[i...])) else { return nil }
                tail = v4
                i = text.count
                break
            }
            guard j > i, j - i <= 4 else { return nil }
            words.append(UInt16(truncatingIfNeeded: text[i..<j].reduce(0) { ($0 << 4) | Int(hexDigit($1)) }))
            i = j
            if i == text.count { break }
            guard text[i] == 0x3a else { return nil }
            if i + 1 < text.count, text[i + 1] == 0x3a {
                guard gap == nil else { return nil }
                gap = words.count
                i += 2
            } else {
                i += 1
                guard i < text.count else { return nil }
            }
        }
        var result: [UInt8] = []
        let available = 16 - tail.count
        let explicit = words.count * 2
        if let gap {
            guard explicit < available else { return nil }
            for w in words[0..<gap] { result += [UInt8(w >> 8), UInt8(w & 0xff)] }
            result += [UInt8](repeating: 0, count: available - explicit)
            for w in words[gap...] { result += [UInt8(w >> 8), UInt8(w & 0xff)] }
        } else {
            guard explicit == available else { return nil }
            for w in words { result += [UInt8(w >> 8), UInt8(w & 0xff)] }
        }
        return result + tail
    }

    /// glibc's `inet_pton4`: exactly four decimal parts ≤ 255, no leading zeros.
    private static func parseIPv4Tail(_ text: [UInt8]) -> [UInt8]? {
        var parts: [UInt8] = []
        var current: Int?
        for b in text {
            if isDigit(b) {
                if current == 0 { return nil }  // a leading zero
                let next = (current ?? 0) * 10 + Int(b - 0x30)
                guard next <= 255 else { return nil }
                current = next
            } else if b == 0x2e {
                guard let value = current, parts.count < 3 else { return nil }
                parts.append(UInt8(value))
                current = nil
            } else {
                return nil
            }
        }
        guard let value = current, parts.count == 3 else { return nil }
        parts.append(UInt8(value))
        return parts
    }
}
