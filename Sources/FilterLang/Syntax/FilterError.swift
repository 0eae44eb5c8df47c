/// An error found while parsing or compiling a filter expression.
///
/// `message` is the text libpcap 1.10.3 puts in its error buffer for the same expression (tcpdump
/// prints it after `tcpdump: `), e.g. `can't parse filter expression: syntax error` or
/// `bogus IPv6 address 1::2::3`. `kind` is a stable classification that callers may switch over;
/// `range` points at the offending text when it is known.
public struct FilterError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Stable classification of a filter error.
    public enum Kind: String, Hashable, Sendable {
        /// The token sequence is not a sentence of the grammar (libpcap's `yyerror`).
        case syntax
        /// The lexer rejected a token (number overflow, non-octal digit, bogus IPv6 or
        /// Ethernet address, a character no token starts with).
        case lexical
        /// A check libpcap performs inside a grammar action (`'port' modifier applied to ip host`,
        /// unknown 802.11 type or LLC names, …).
        case grammar
        /// An error raised while generating code (`gen_*` in libpcap): bad qualifier combinations,
        /// unknown names, primitives unsupported on the link type, …
        case semantic
        /// The expression nests deeper than the parser allows (swiftdump's own limit; libpcap's
        /// parser stack would run out much later with `memory exhausted`).
        case nestingTooDeep
        /// The optimizer proved that the program rejects every packet.
        case rejectsAllPackets
    }

    /// The error's classification.
    public var kind: Kind
    /// libpcap 1.10.3's message text for this error.
    public var message: String
    /// The offending part of the expression, when known.
    public var range: SourceRange?

    /// Creates an error.
    public init(kind: Kind, message: String, range: SourceRange?) {
        self.kind = kind
        self.message = message
        self.range = range
    }

    /// libpcap's prefix for messages reported through `yyerror`.
    public static let parsePrefix = "can't parse filter expression: "

    /// A grammar syntax error at `range` (`can't parse filter expression: syntax error`).
    public static func syntax(at range: SourceRange?) -> FilterError {
        FilterError(kind: .syntax, message: parsePrefix + "syntax error", range: range)
    }

    /// A code-generation error carrying libpcap's message, e.g.
    /// `.semantic("'gateway' not supported in this configuration", at: range)`.
    public static func semantic(_ message: String, at range: SourceRange?) -> FilterError {
        FilterError(kind: .semantic, message: message, range: range)
    }

    /// The message alone.
    public var description: String { message }

    /// The message, then (when the range is known) the expression and a caret line under the
    /// offending text, for terminals:
    ///
    ///     can't parse filter expression: syntax error
    ///     tcp port 80 and and
    ///                     ^~~
    ///
    /// Offsets are UTF-8 byte offsets; the caret line is laid out in characters, with tabs kept
    /// so that it lines up under the expression.
    public func render(expression: String) -> String {
        guard let range else { return message }
        let bytes = Array(expression.utf8)
        let lower = min(max(0, range.lowerBound), bytes.count)
        let upper = min(max(lower, range.upperBound), bytes.count)
        // Keep the expression on one line: show control characters as spaces.
        let shown = String(decoding: bytes.map { $0 < 0x20 && $0 != 0x09 ? 0x20 : $0 }, as: UTF8.self)
        var caret = ""
        for character in String(decoding: bytes[0..<lower], as: UTF8.self) {
            caret.append(character == "\t" ? "\t" : " ")
        }
        caret.append("^")
        let width = String(decoding: bytes[lower..<upper], as: UTF8.self).count
        if width > 1 { caret.append(String(repeating: "~", count: width - 1)) }
        return message + "\n" + shown + "\n" + caret
    }
}
