import BPFCore
import FilterLang
import Foundation
import PcapOracle
import Testing
import TestSupport

/// The optimizer against libpcap 1.10.3 over the public corpus, fed with libpcap's own unoptimized graphs
/// (rebuilt from `pcap_compile(optimize: 0)`), so that it is measured independently of the code generator.
@Suite struct OptimizerCorpusTests {
    @Test func optimizedListingsMatchLibpcap() throws {
        guard let lines = OptimizerTestSupport.golden() else {
            print("skipped: corpus golden-1.10.3.jsonl not found")
            return
        }
        var compared = 0, matched = 0, skippedNoOpt = 0, unusable = 0
        var perDLT: [String: (Int, Int)] = [:]
        var mismatches: [String] = []
        var unusableReasons: [String] = []
        for line in lines where line.unopt_rc == 0 {
            let maybeOptimizerOff = OptimizerTestSupport.libpcapSkipsOptimizer(line.expr, dlt: line.DLT)
                && line.opt == line.unopt
            guard let dlt = LinkType(name: line.DLT) else {
                unusable += 1
                unusableReasons.append("unknown DLT \(line.DLT)")
                continue
            }
            guard case .success(let unopt) = PcapOracle.compile(line.expr, linkType: dlt, optimize: false),
                  unopt.dump(.assembly) == line.unopt else {
                unusable += 1
                unusableReasons.append("oracle differs from golden: \(line.DLT) \(line.expr)")
                continue
            }
            guard let graph = OptimizerTestSupport.graph(from: unopt) else {
                unusable += 1
                unusableReasons.append("graph not rebuilt: \(line.DLT) \(line.expr)")
                continue
            }
            compared += 1
            let expected: OptimizerTestSupport.Outcome = line.opt_rc == 0
                ? .listing(line.opt)
                : .error(line.opt_err)
            let got = OptimizerTestSupport.optimizedListing(graph)
            var ok = false
            switch (got, expected) {
            case (.listing(let a), .listing(let b)): ok = a == b
            case (.error(let a), .error(let b)): ok = b.contains(a)
            default: ok = false
            }
            if !ok && maybeOptimizerOff {
                // libpcap switched its optimizer off (jumps inside blocks); the code generator marks these.
                compared -= 1
                skippedNoOpt += 1
                continue
            }
            var entry = perDLT[line.DLT] ?? (0, 0)
            entry.0 += 1
            if ok { matched += 1; entry.1 += 1 } else { mismatches.append("\(line.DLT)\t\(line.expr)") }
            perDLT[line.DLT] = entry
        }
        print("optimizer corpus: \(matched)/\(compared) identical; \(skippedNoOpt) skipped (libpcap optimizer off), \(unusable) unusable")
        for (dlt, (c, m)) in perDLT.sorted(by: { $0.key < $1.key }) where c != m {
            print("  \(dlt): \(m)/\(c)")
        }
        for r in unusableReasons.prefix(10) { print("  UNUSABLE \(r)") }
        for m in mismatches.prefix(40) { print("  MISMATCH \(m)") }
        #expect(compared > 1200)
        // Allowed differences: libpcap 1.10.3's `jset #0xffffffff` folding (documented bug).
        let unexplained = mismatches.filter { !$0.lowercased().contains("0xffffffff") }
        #expect(unexplained.isEmpty, "\(unexplained.count) unexplained differences")
    }
}
