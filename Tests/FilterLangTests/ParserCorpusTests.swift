import Foundation
import Testing
import TestSupport
@testable import FilterLang

/// Sweeps over libpcap's own test corpus: what libpcap 1.10.3 accepts must parse, and what it
/// rejects while parsing must be rejected with the same message.
@Suite("Parser corpus sweeps")
struct ParserCorpusTests {
    /// Messages libpcap 1.10.3 reports from its lexer or from checks inside grammar actions: the
    /// errors ``Parser`` itself is responsible for.
    static func isParseLevelMessage(_ message: String) -> Bool {
        let prefixes = [
            "can't parse filter expression:", "number ", "bogus IPv6 address", "bogus ethernet address",
            "invalid 802.11 type value", "unknown 802.11 type", "invalid 802.11 subtype value",
            "unknown 802.11 subtype name", "unknown 802.11 direction", "unknown LLC type name",
        ]
        if prefixes.contains(where: { message.hasPrefix($0) }) { return true }
        return ["port", "portrange", "proto", "protochain"].contains { message == "'\($0)' modifier applied to ip host" }
    }

    static func parseOutcome(_ expression: String) -> String? {
        do {
            _ = try Parser.parse(expression)
            return nil
        } catch {
            return error.message
        }
    }

    struct GoldenLine: Decodable {
        let expr: String
        let DLT: String
        let unopt_rc: Int
        let unopt_err: String
    }

    @Test("every expression of exprs.tsv parses unless libpcap rejects it while parsing")
    func acceptedCorpus() throws {
        guard let text = Corpus.text("libpcap/golden-1.10.3.jsonl") else {
            print("skipping: libpcap/golden-1.10.3.jsonl not found under \(Corpus.sharedRoot.path)")
            return
        }
        var checked = 0
        var parseRejections = 0
        var failures: [String] = []
        for line in text.split(separator: "\n") {
            let golden = try JSONDecoder().decode(GoldenLine.self, from: Data(line.utf8))
            let libpcapMessage = golden.unopt_rc == 0 ? nil : Self.lastLine(golden.unopt_err)
            let expected = libpcapMessage.flatMap { Self.isParseLevelMessage($0) ? $0 : nil }
            let actual = Self.parseOutcome(golden.expr)
            checked += 1
            if expected != nil { parseRejections += 1 }
            if actual != expected {
                failures.append("\(golden.expr) [\(golden.DLT)]: libpcap \(expected ?? "parses"), swiftdump \(actual ?? "parses")")
            }
        }
        print("exprs.tsv: \(checked) expressions, \(parseRejections) rejected by libpcap while parsing, \(failures.count) mismatches")
        #expect(checked == 2279)
        #expect(failures.isEmpty, "\(failures.count) mismatches:\n\(failures.prefix(40).joined(separator: "\n"))")
    }

    @Test("invalid-1.10.3.tsv: libpcap's parse-time rejections are rejected with the same message")
    func invalidCorpus() throws {
        guard let text = Corpus.text("libpcap/invalid-1.10.3.tsv") else {
            print("skipping: libpcap/invalid-1.10.3.tsv not found under \(Corpus.sharedRoot.path)")
            return
        }
        var parseLevel = 0
        var sameMessage = 0
        var laterStage = 0
        var laterStageParsed = 0
        var failures: [String] = []
        var overRejected: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).dropFirst() {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 5 else { continue }
            let expression = columns[0]
            let status = columns[3]
            let message = columns[4]
            let actual = Self.parseOutcome(expression)
            if status == "rejected" && Self.isParseLevelMessage(message) {
                parseLevel += 1
                if actual == message { sameMessage += 1 } else {
                    failures.append("\(expression) [\(columns[1])]: libpcap \(message), swiftdump \(actual ?? "parses")")
                }
            } else {
                laterStage += 1
                if actual == nil { laterStageParsed += 1 } else {
                    overRejected.append("\(expression) [\(columns[1])]: libpcap \(status) \(message), swiftdump \(actual ?? "")")
                }
            }
        }
        print("invalid-1.10.3.tsv: \(parseLevel) parse-time rejections, \(sameMessage) rejected with the same message; "
              + "\(laterStage) accepted or rejected later by libpcap, \(laterStageParsed) of them parse")
        #expect(parseLevel > 0)
        #expect(failures.isEmpty, "\(failures.count) differences:\n\(failures.prefix(40).joined(separator: "\n"))")
        #expect(overRejected.isEmpty, "\(overRejected.count) over-rejections:\n\(overRejected.prefix(40).joined(separator: "\n"))")
    }

    static func lastLine(_ text: String) -> String {
        let line = text.split(separator: "\n").last.map(String.init) ?? text
        return line.hasPrefix("tcpdump: ") ? String(line.dropFirst("tcpdump: ".count)) : line
    }
}
