import Foundation
import Testing
@testable import FilterLang

/// Differential test against libpcap 1.10.3: `Tests/Fixtures/Parser/parser-differential-1.10.3.tsv` holds
/// generated and mutated expressions with the message `tcpdump -d -y DLT -- EXPR` printed for each
/// (`OK` when it compiled). Regenerate with `Tests/Fixtures/Parser/make-parser-differential.sh`.
@Suite("Parser differential against libpcap 1.10.3")
struct ParserDifferentialTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Parser/parser-differential-1.10.3.tsv")

    @Test("fuzzed expressions: same accept/reject decision and message as libpcap while parsing")
    func differential() throws {
        let path = ProcessInfo.processInfo.environment["PARSER_DIFFERENTIAL_TSV"].map(URL.init(fileURLWithPath:))
            ?? Self.fixture
        guard let text = try? String(contentsOf: path, encoding: .utf8) else {
            print("skipping: \(path.path) not found")
            return
        }
        var total = 0
        var agree = 0
        var masked = 0
        var failures: [String] = []
        for line in text.split(separator: "\n") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count == 3 else { continue }
            let (expression, message) = (columns[0], columns[2])
            let actual = ParserCorpusTests.parseOutcome(expression)
            total += 1
            if message == "OK" {
                if actual == nil { agree += 1 } else { failures.append("\(expression): libpcap OK, swiftdump \(actual ?? "")") }
            } else if ParserCorpusTests.isParseLevelMessage(message) {
                if actual == message { agree += 1 } else {
                    failures.append("\(expression): libpcap \(message), swiftdump \(actual ?? "parses")")
                }
            } else if actual == nil {
                agree += 1  // rejected by libpcap's code generator: the parser accepts it
            } else {
                // libpcap's code generator failed on an earlier primitive before its parser reached
                // the error this parser reports (libpcap generates code while parsing).
                masked += 1
            }
        }
        print("differential: \(total) expressions, \(agree) agree, \(masked) where libpcap's code generator failed first, \(failures.count) differences")
        #expect(total > 0)
        #expect(failures.isEmpty, "\(failures.count) differences:\n\(failures.prefix(60).joined(separator: "\n"))")
    }
}
