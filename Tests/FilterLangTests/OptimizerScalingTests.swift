import BPFCore
import FilterLang
import PcapOracle
import Testing

/// Generated long `or`/`and` lists, the filters the optimizer's fast paths (hashed tables, link-cut forests for
/// the pull-up walks) exist for, compared with libpcap 1.10.3's optimizer; and the forests forced onto every
/// walk, which must not change any result.
@Suite struct OptimizerScalingTests {
    static func host(_ i: Int) -> String { "10.\(i / 65536 % 256).\(i / 256 % 256).\(i % 256)" }

    static let cases: [String] = [
        (0..<200).map { "host \(host($0))" }.joined(separator: " or "),
        (0..<200).map { "port \(1000 + $0)" }.joined(separator: " or "),
        // Mixed: an `or` of `and` pairs, negated, then combined with a protocol and a port list.
        "not (" + (0..<60).map { "(host \(host($0)) and port \(3000 + $0))" }.joined(separator: " or ") + ")",
        "tcp and (" + (0..<80).map { "port \(2000 + $0)" }.joined(separator: " or ") + ") and not ("
            + (0..<40).map { "src host \(host(7 * $0))" }.joined(separator: " or ") + ")",
        (0..<50).map { "(src net 10.\($0).0.0/16 and dst port \(80 + $0)) or udp dst port \(5000 + $0)" }
            .joined(separator: " or "),
    ]

    /// Every pull-up walk on the link-cut forests from its first step.
    static let forestsOnly = Optimizer.Tuning(pullupStepsPerBlock: 0, pullupStepsPerWalk: 0)

    static func listing(_ expr: String, tuning: Optimizer.Tuning) throws -> String {
        let compiler = FilterCompiler(linkType: .en10mb)
        var (graph, optimizable) = try compiler.flowGraph(for: Parser.parse(expr))
        #expect(optimizable)
        try Optimizer.optimize(&graph, tuning: tuning)
        return try Linearizer.linearize(graph).dump(.assembly)
    }

    @Test(arguments: cases)
    func generatedListMatchesLibpcap(_ expr: String) throws {
        guard case .success(let expected) = PcapOracle.compile(expr, linkType: .en10mb, optimize: true) else {
            Issue.record("libpcap rejects the expression")
            return
        }
        let text = expected.dump(.assembly)
        let ours = try FilterCompiler(linkType: .en10mb).compile(expr, optimize: true).dump(.assembly)
        #expect(ours == text, "default tuning")
        #expect(try Self.listing(expr, tuning: Self.forestsOnly) == text, "forests on every walk")
        #expect(try Self.listing(expr, tuning: Optimizer.Tuning(pullupStepsPerBlock: 0, pullupStepsPerWalk: 3))
            == text, "forests after three plain steps")
        #expect(try Self.listing(expr, tuning: Optimizer.Tuning(pullupStepsPerBlock: 1_000_000,
                                                               pullupStepsPerWalk: 1_000_000))
            == text, "plain walks only")
    }

    /// The corpus expressions with longer programs (20+ unoptimized instructions: `or`/`and` lists, hosts and
    /// ports on several protocols): forests on every walk give the default result.
    @Test func forestWalksChangeNoCorpusResult() throws {
        guard let lines = OptimizerTestSupport.golden() else {
            print("skipped: corpus golden-1.10.3.jsonl not found")
            return
        }
        var compared = 0
        var differences: [String] = []
        for line in lines where line.opt_rc == 0 {
            guard line.unopt.split(separator: "\n").count >= 20, let dlt = LinkType(name: line.DLT) else { continue }
            let compiler = FilterCompiler(linkType: dlt, names: CodeGenFixtures.names)
            guard let parsed = try? Parser.parse(line.expr),
                  let (graph, optimizable) = try? compiler.flowGraph(for: parsed), optimizable else { continue }
            var plain = graph, forest = graph
            let a = Result { () throws -> String in
                try Optimizer.optimize(&plain)
                return try Linearizer.linearize(plain).dump(.assembly)
            }
            let b = Result { () throws -> String in
                try Optimizer.optimize(&forest, tuning: Self.forestsOnly)
                return try Linearizer.linearize(forest).dump(.assembly)
            }
            compared += 1
            switch (a, b) {
            case (.success(let x), .success(let y)) where x == y: break
            case (.failure(let x), .failure(let y)) where "\(x)" == "\(y)": break
            default: differences.append("\(line.DLT) \(line.expr)")
            }
        }
        print("forest-only pull-ups: \(compared - differences.count)/\(compared) corpus results unchanged")
        for d in differences.prefix(10) { print("  DIFFERS \(d)") }
        #expect(compared > 300)
        #expect(differences.isEmpty)
    }
}
