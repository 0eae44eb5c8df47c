import BPFCore
import Foundation
@testable import FilterLang
import PcapOracle
import Testing
import TestSupport

/// Every corpus expression on every corpus DLT (not only the DLT it was written for), compared with libpcap
/// through the oracle: unoptimized listings, or both rejecting with libpcap's message.
@Suite struct CodeGenCrossTests {
    @Test func corpusExpressionsOnEveryDLT() throws {
        guard let text = Corpus.text("libpcap/exprs.tsv") else {
            print("skipped: libpcap/exprs.tsv not found under \(Corpus.sharedRoot.path)")
            return
        }
        var exprs: [String] = [], dlts: [String] = []
        var seenE = Set<String>(), seenD = Set<String>()
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count >= 2 else { continue }
            // Names resolve through the test fixture here but through /etc in libpcap: leave them out.
            if cols[0].lowercased().contains("libpcap.test") || cols[0].contains("gateway") { continue }
            if seenE.insert(cols[0]).inserted { exprs.append(cols[0]) }
            if seenD.insert(cols[1]).inserted { dlts.append(cols[1]) }
        }
        let stride = Int(ProcessInfo.processInfo.environment["CODEGEN_CROSS_STRIDE"] ?? "") ?? 2
        var total = 0, same = 0, programs = 0
        var misses: [String] = []
        for (i, expr) in exprs.enumerated() where i % stride == 0 {
            for dlt in dlts {
                guard let lt = LinkType(name: dlt) else { continue }
                total += 1
                let oracle = PcapOracle.compile(expr, linkType: lt, optimize: false)
                var ours: Result<Program, FilterError>
                do {
                    ours = .success(try FilterCompiler(linkType: lt, names: CodeGenFixtures.names).compile(expr, optimize: false))
                } catch {
                    ours = .failure(error)
                }
                switch (oracle, ours) {
                case (.success(let a), .success(let b)) where a == b:
                    same += 1
                    programs += 1
                case (.failure(let a), .failure(let b)) where !b.message.isEmpty && a.message.contains(b.message):
                    same += 1
                default:
                    let o: String
                    switch oracle { case .success: o = "program"; case .failure(let e): o = e.message }
                    let u: String
                    switch ours { case .success: u = "program"; case .failure(let e): u = e.message }
                    misses.append("[\(dlt)] \(expr)\n  libpcap: \(o)\n  ours:    \(u)")
                }
            }
        }
        print("cross corpus: \(same)/\(total) identical, \(programs) of them programs (every \(stride). expression on \(dlts.count) DLTs)")
        if let path = ProcessInfo.processInfo.environment["CODEGEN_CROSS_MISSES"] {
            try? misses.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(Double(same) >= 0.99 * Double(total))
    }
}
