import Testing
@testable import FilterLang
import TestSupport

/// Random input never traps or hangs the lexer and parser, and every range they report lies inside
/// the expression.
@Suite("Parser robustness")
struct ParserRobustnessTests {
    static let vocabulary = [
        "(", ")", "[", "]", ":", "!", "not", "and", "or", "&&", "||", "host", "net", "port", "portrange", "src",
        "dst", "tcp", "ip", "ip6", "ether", "wlan", "proto", "protochain", "gateway", "mask", "/", "1", "0x1f", "08",
        "4294967296", "1.2.3.4", "10.1", "1::2", "1::2::3", "aa:bb:cc:dd:ee:ff", "1:2:3", "$1", "a", "\\ip", "len",
        "+", "-", "*", "%", "^", "&", "|", "<<", ">>", "=", "!=", "<", ">=", "vlan", "mpls", "llc", "type",
        "subtype", "dir", "mgt", "beacon", "vpi", "sio", "on", "reason", "byte", "less", "broadcast", "é", "\t",
    ]

    static func check(_ text: String) {
        let count = text.utf8.count
        do {
            if let tree = try Parser.parse(text) {
                #expect(tree.range.lowerBound >= 0 && tree.range.upperBound <= count, "\(text)")
            }
        } catch {
            if let range = error.range {
                #expect(range.lowerBound >= 0 && range.upperBound <= count && range.lowerBound <= range.upperBound,
                        "\(text): \(range)")
            }
            #expect(!error.render(expression: text).isEmpty)
        }
    }

    @Test("random token sequences")
    func tokenSequences() {
        var random = SeededGenerator(seed: 0x5eed)
        for _ in 0..<20_000 {
            let length = 1 + random.below(12)
            let text = (0..<length).map { _ in Self.vocabulary[random.below(Self.vocabulary.count)] }
                .joined(separator: random.below(4) == 0 ? "" : " ")
            Self.check(text)
        }
    }

    @Test("random bytes")
    func randomBytes() {
        var random = SeededGenerator(seed: 0xb17e5)
        let alphabet = Array("0123456789abcdefxX:.-_$\\()[]!<>=&|^%+*/ \t\n\u{7f}\u{1}é".utf8)
        for _ in 0..<20_000 {
            let length = random.below(24)
            let bytes = (0..<length).map { _ in alphabet[random.below(alphabet.count)] }
            Self.check(String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test("very long input is linear enough")
    func longInput() {
        let long = String(repeating: "1:", count: 20_000) + String(repeating: "a.", count: 20_000)
            + String(repeating: "\\x", count: 20_000)
        Self.check("host " + long)
        Self.check(String(repeating: "tcp or ", count: 50_000) + "udp")
    }
}
