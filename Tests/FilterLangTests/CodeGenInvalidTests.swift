import BPFCore
import Foundation
import PcapOracle
@testable import FilterLang
import Testing
import TestSupport

/// libpcap 1.10.3's verdicts on libpcap's reject corpus: the same set rejected, with libpcap's message.
@Suite struct CodeGenInvalidTests {
    @Test func rejectedSetAndMessagesMatchLibpcap() throws {
        guard let text = Corpus.text("libpcap/invalid-1.10.3.tsv") else {
            print("skipped: libpcap/invalid-1.10.3.tsv not found under \(Corpus.sharedRoot.path)")
            return
        }
        var total = 0, sameVerdict = 0, rejected = 0, sameMessage = 0, acceptedBoth = 0, sameProgram = 0
        var perDLT: [String: (Int, Int)] = [:]
        var misses: [String] = []
        var compilers: [String: FilterCompiler] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count >= 5 else { continue }
            let (expr, dlt, status, message) = (cols[0], cols[1], cols[3], cols[4])
            guard let linkType = LinkType(name: dlt) else { continue }
            total += 1
            let compiler = compilers[dlt] ?? FilterCompiler(linkType: linkType, names: CodeGenFixtures.names)
            compilers[dlt] = compiler
            var ourError: String?
            var ourProgram: Program?
            do {
                ourProgram = try compiler.compile(expr, optimize: false)
            } catch {
                ourError = error.message
            }
            let libpcapRejects = status == "rejected"
            if libpcapRejects == (ourError != nil) { sameVerdict += 1 }
            if libpcapRejects {
                rejected += 1
                var (m, t) = perDLT[dlt] ?? (0, 0)
                t += 1
                if let ourError, !ourError.isEmpty, ourError.contains(message) || message.contains(ourError) {
                    sameMessage += 1
                    m += 1
                } else {
                    misses.append("[\(dlt)] \(expr)\n  libpcap: \(message)\n  ours:    \(ourError ?? "ACCEPTED")")
                }
                perDLT[dlt] = (m, t)
            } else if ourError != nil {
                misses.append("[\(dlt)] \(expr)\n  libpcap: ACCEPTED\n  ours:    \(ourError ?? "")")
            } else if let ourProgram, !expr.lowercased().contains("libpcap.test") {
                // (Names of the libpcap test fixture resolve only through our fixture, not through libpcap.)
                // Accepted by both: the unoptimized programs must be libpcap's.
                acceptedBoth += 1
                if case .success(let theirs) = PcapOracle.compile(expr, linkType: linkType, optimize: false), theirs == ourProgram {
                    sameProgram += 1
                } else {
                    misses.append("[\(dlt)] \(expr)\n  accepted by both, programs differ")
                }
            }
        }
        print("invalid corpus: same verdict \(sameVerdict)/\(total), libpcap's message \(sameMessage)/\(rejected), "
              + "same program \(sameProgram)/\(acceptedBoth) accepted by both")
        if let path = ProcessInfo.processInfo.environment["CODEGEN_INVALID_MISSES"] {
            try? misses.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(Double(sameVerdict) >= 0.99 * Double(total))
        #expect(Double(sameMessage) >= 0.95 * Double(rejected))
        #expect(sameProgram == acceptedBoth)
    }
}
