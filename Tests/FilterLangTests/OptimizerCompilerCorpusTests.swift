import BPFCore
import FilterLang
import Foundation
import Testing
import TestSupport

/// `FilterCompiler.compile(_:optimize: true)` (code generator + optimizer + linearizer) against `tcpdump -d`
/// over the public corpus. Lines whose unoptimized program already differs are the code generator's to fix
/// and are counted separately.
@Suite struct OptimizerCompilerCorpusTests {
    @Test func compiledOptimizedListingsMatchTcpdump() throws {
        guard let lines = OptimizerTestSupport.golden() else {
            print("skipped: corpus golden-1.10.3.jsonl not found")
            return
        }
        var total = 0, identical = 0, unoptOK = 0, identicalWithUnoptOK = 0
        var perDLT: [String: (lines: Int, same: Int, unoptOK: Int, sameWithUnoptOK: Int)] = [:]
        var mismatches: [String] = []
        for line in lines {
            guard let dlt = LinkType(name: line.DLT) else { continue }
            total += 1
            let compiler = FilterCompiler(linkType: dlt)
            let unopt: OptimizerTestSupport.Outcome
            do { unopt = .listing(try compiler.compile(line.expr, optimize: false).dump(.assembly)) }
            catch { unopt = .error(error.message) }
            let opt: OptimizerTestSupport.Outcome
            do { opt = .listing(try compiler.compile(line.expr, optimize: true).dump(.assembly)) }
            catch { opt = .error(error.message) }
            func same(_ got: OptimizerTestSupport.Outcome, _ rc: Int, _ text: String, _ err: String) -> Bool {
                switch got {
                case .listing(let t): return rc == 0 && t == text
                case .error(let m): return rc != 0 && err.contains(m)
                }
            }
            let unoptSame = same(unopt, line.unopt_rc, line.unopt, line.unopt_err)
            let optSame = same(opt, line.opt_rc, line.opt, line.opt_err)
            var entry = perDLT[line.DLT] ?? (0, 0, 0, 0)
            entry.lines += 1
            if optSame { identical += 1; entry.same += 1 }
            if unoptSame {
                unoptOK += 1
                entry.unoptOK += 1
                if optSame { identicalWithUnoptOK += 1; entry.sameWithUnoptOK += 1 }
                else { mismatches.append("\(line.DLT)\t\(line.expr)") }
            }
            perDLT[line.DLT] = entry
        }
        print("compiler corpus (-d): \(identical)/\(total) identical overall; "
              + "\(identicalWithUnoptOK)/\(unoptOK) among lines whose -O -d output matches")
        for (dlt, e) in perDLT.sorted(by: { $0.key < $1.key }) {
            print("  \(dlt): \(e.same)/\(e.lines) overall, \(e.sameWithUnoptOK)/\(e.unoptOK) with matching -O")
        }
        for m in mismatches.prefix(30) { print("  MISMATCH \(m)") }
        // With the unoptimized graph right, the only allowed differences are libpcap's jset #0xffffffff folding.
        let unexplained = mismatches.filter { !$0.lowercased().contains("0xffffffff") }
        #expect(unexplained.isEmpty, "\(unexplained.count) optimizer differences on correct unoptimized graphs")
    }
}
