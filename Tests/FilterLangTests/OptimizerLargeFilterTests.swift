import BPFCore
import FilterLang
import PcapOracle
import Testing

/// Large OR'ed filters (long chains, many passes, heavy jump threading, pull-ups and interning) compared with
/// libpcap 1.10.3's optimizer, through the compiler and through libpcap's own unoptimized graph.
@Suite struct OptimizerLargeFilterTests {
    static func hosts(_ n: Int) -> String {
        (0..<n).map { "host 10.\($0 / 65536 % 256).\($0 / 256 % 256).\($0 % 256)" }.joined(separator: " or ")
    }

    static let cases: [String] = [
        hosts(40), hosts(150),
        (0..<60).map { "port \(1000 + $0)" }.joined(separator: " or "),
        "not (" + (0..<40).map { "(host 10.0.0.\($0) and port \(2000 + $0))" }.joined(separator: " or ") + ")",
        (0..<30).map { "src net 10.\($0).0.0/16" }.joined(separator: " or ") + " and tcp",
        (0..<25).map { "(tcp dst port \(80 + $0) and ip[2:2] > \(100 + $0))" }.joined(separator: " or "),
    ]

    @Test(arguments: cases)
    func largeFilterMatchesLibpcap(_ expr: String) throws {
        guard case .success(let expected) = PcapOracle.compile(expr, linkType: .en10mb, optimize: true) else {
            Issue.record("libpcap rejects the expression")
            return
        }
        let text = expected.dump(.assembly)
        let ours = try FilterCompiler(linkType: .en10mb).compile(expr, optimize: true)
        #expect(ours.dump(.assembly) == text, "through the compiler")
        if case .success(let unopt) = PcapOracle.compile(expr, linkType: .en10mb, optimize: false),
           let graph = OptimizerTestSupport.graph(from: unopt) {
            #expect(OptimizerTestSupport.optimizedListing(graph) == .listing(text), "from libpcap's graph")
        } else {
            Issue.record("libpcap's unoptimized graph could not be rebuilt")
        }
    }
}
