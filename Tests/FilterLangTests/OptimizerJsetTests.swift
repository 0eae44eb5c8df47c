import BPFCore
import FilterLang
import PcapOracle
import Testing

/// libpcap 1.10.3 folds `jset #0xffffffff` as "always true", which is wrong when A is 0: it compiles
/// `link[0:1] & 0xFFFFFFFF != 0` on RAW to a lone `ret #262144` and rejects the `== 0` forms as "expression
/// rejects all packets". swiftdump keeps the test; these run both programs over packets.
@Suite struct OptimizerJsetTests {
    static let expressions = [
        "link[0:1] & 0xFFFFFFFF != 0", "link[0:2] & 0xFFFFFFFF != 0", "link[0:4] & 0xFFFFFFFF != 0",
        "link[0:1] & 0xFFFFFFFF == 0", "link[0:2] & 0xFFFFFFFF == 0", "link[0:4] & 0xFFFFFFFF == 0",
    ]

    static let packets: [[UInt8]] = [
        [0, 0, 0, 0, 0x45, 0], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1], [0xff, 0xff, 0xff, 0xff],
        [0, 0, 0x80, 0], [0x45, 0, 0, 0x54, 0, 0, 0x40, 0], [0],
    ]

    @Test(arguments: expressions)
    func optimizedProgramAgreesWithUnoptimizedSemantics(_ expr: String) throws {
        let compiler = FilterCompiler(linkType: .raw)
        let ours = try CompiledFilter(compiler.compile(expr, optimize: true))
        guard case .success(let reference) = PcapOracle.compile(expr, linkType: .raw, optimize: false) else {
            Issue.record("libpcap does not compile \(expr) unoptimized")
            return
        }
        var libpcapOptimizedIsWrong = false
        let libpcapOptimized = PcapOracle.compile(expr, linkType: .raw, optimize: true)
        for packet in Self.packets {
            let wire = UInt32(packet.count)
            let expected = PcapOracle.filter(reference, packet: packet, wireLength: wire)
            #expect(ours.run(packet, wireLength: wire) == expected, "\(expr) on \(packet)")
            switch libpcapOptimized {
            case .success(let p):
                if PcapOracle.filter(p, packet: packet, wireLength: wire) != expected { libpcapOptimizedIsWrong = true }
            case .failure:
                if expected != 0 { libpcapOptimizedIsWrong = true }
            }
        }
        // The packets above exercise the bug: libpcap 1.10.3's optimized program (or its refusal) is wrong.
        #expect(libpcapOptimizedIsWrong, "libpcap's jset #0xffffffff folding no longer shows on \(expr)")
        // And our program still tests the value (it is more than a lone return).
        #expect(ours.program.count > 1)
    }
}
