import BPFCore
import Foundation
@testable import FilterLang
import Testing
import TestSupport

/// The unoptimized program equals `tcpdump -O -d` (libpcap 1.10.3) for the public corpus.
@Suite struct CodeGenGoldenTests {
    /// Every corpus line: the same listing, or (when libpcap rejects the expression) an error whose message
    /// contains libpcap's. Prints the per-DLT match rate; fails below the issue's bar for the priority DLTs.
    @Test func unoptimizedMatchesLibpcapPerDLT() throws {
        guard let cases = CodeGenFixtures.goldenCases() else {
            print("skipped: libpcap/golden-1.10.3.jsonl not found under \(Corpus.sharedRoot.path)")
            return
        }
        var total: [String: Int] = [:], matched: [String: Int] = [:]
        var mismatches: [String] = []
        for c in cases {
            total[c.dlt, default: 0] += 1
            let (listing, error) = compileUnoptimized(c.expr, dlt: c.dlt)
            let ok: Bool
            if c.unoptRC == 0 {
                ok = listing == c.unopt
            } else {
                let expected = c.unoptErr.replacingOccurrences(of: "tcpdump: ", with: "")
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                ok = listing == nil && (error.map { !$0.isEmpty && expected.contains($0) } ?? false)
            }
            if ok {
                matched[c.dlt, default: 0] += 1
            } else {
                mismatches.append("\(c) -> \(error ?? "listing differs")")
            }
        }
        for dlt in total.keys.sorted(by: { total[$0, default: 0] > total[$1, default: 0] }) {
            print("DLT \(dlt) \(matched[dlt, default: 0])/\(total[dlt, default: 0])")
        }
        let all = total.values.reduce(0, +), good = matched.values.reduce(0, +)
        print("ALL \(good)/\(all)")
        if let path = ProcessInfo.processInfo.environment["CODEGEN_MISMATCHES"] {
            try? mismatches.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        for dlt in ["EN10MB", "RAW", "LINUX_SLL", "LINUX_SLL2", "NULL", "LOOP"] {
            let t = total[dlt, default: 0], m = matched[dlt, default: 0]
            #expect(t == 0 || Double(m) >= 0.95 * Double(t), "\(dlt): \(m)/\(t) below 95%")
        }
    }

    /// Where the generator marks a program as not optimizable (protochain, geneve, Prism/PPI/802.11 header
    /// code), libpcap's optimized and unoptimized listings must be the same.
    @Test func notOptimizableWhereLibpcapSkipsTheOptimizer() throws {
        guard let cases = CodeGenFixtures.goldenCases() else {
            print("skipped: libpcap/golden-1.10.3.jsonl not found under \(Corpus.sharedRoot.path)")
            return
        }
        var marked = 0
        for c in cases where c.unoptRC == 0 {
            guard let linkType = LinkType(name: c.dlt) else { continue }
            let tree = try Parser.parse(c.expr)
            let (_, optimizable) = try FilterCompiler(linkType: linkType, names: CodeGenFixtures.names).flowGraph(for: tree)
            if !optimizable {
                marked += 1
                #expect(c.opt == c.unopt, "\(c)")
            }
        }
        print("not optimizable: \(marked) corpus programs")
        #expect(marked > 0)
    }

    /// What swiftdump's `-O -d` would print: the listing, or the error message.
    func compileUnoptimized(_ expr: String, dlt: String) -> (listing: String?, error: String?) {
        guard let linkType = LinkType(name: dlt) else { return (nil, "unknown DLT \(dlt)") }
        do {
            let program = try FilterCompiler(linkType: linkType, names: CodeGenFixtures.names).compile(expr, optimize: false)
            return (program.dump(.assembly), nil)
        } catch {
            return (nil, error.message)
        }
    }
}
