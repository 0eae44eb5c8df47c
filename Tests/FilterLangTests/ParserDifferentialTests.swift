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

    @Test("fuzzed expressions: same accept/reject decision and message as libpcap, parser and compiler")
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
        var compilerAgree = 0
        var compilerMisses: [String] = []
        // The fixture comes from `tcpdump -d -y EN10MB` on this kind of machine (system name databases).
        let compiler = FilterCompiler(linkType: .en10mb)
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
            // The whole compiler gives libpcap's verdict and message, masked cases included: it compiles
            // what libpcap had compiled before a parse error. (libpcap's code-generation messages can end
            // in a newline that the fixture's column drops.)
            let compiled: String
            do {
                _ = try compiler.compile(expression, optimize: true)
                compiled = "OK"
            } catch {
                compiled = error.message.trimmingCharacters(in: .newlines)
            }
            if compiled == message { compilerAgree += 1 } else {
                compilerMisses.append("\(expression): libpcap \(message), compiler \(compiled)")
            }
        }
        print("differential: \(total) expressions, \(agree) agree, \(masked) where libpcap's code generator failed first, "
              + "\(failures.count) differences; the compiler gives libpcap's verdict and message for \(compilerAgree)")
        #expect(total > 0)
        #expect(failures.isEmpty, "\(failures.count) differences:\n\(failures.prefix(60).joined(separator: "\n"))")
        #expect(compilerAgree == total, "\(compilerMisses.count) compiler differences:\n\(compilerMisses.prefix(30).joined(separator: "\n"))")
    }
}
