import BPFCore
@testable import FilterLang
import PcapOracle
import Testing

/// Scratch-register allocation: libpcap hands out M[0..15] round-robin and fails past 16 live values.
@Suite struct CodeGenRegisterTests {
    static func rightNested(_ depth: Int) -> String {
        var e = "1"
        for i in 0..<depth { e = "(\(i) + \(e))" }
        return "len = " + e
    }

    @Test(arguments: [3, 14, 15, 16, 20])
    func nestedArithmeticMatchesLibpcap(depth: Int) {
        let expr = Self.rightNested(depth)
        let oracle = PcapOracle.compile(expr, linkType: .en10mb, optimize: false)
        let ours = Result { () throws(FilterError) -> Program in try FilterCompiler(linkType: .en10mb).compile(expr, optimize: false) }
        switch (oracle, ours) {
        case (.success(let a), .success(let b)):
            #expect(a == b)
        case (.failure(let a), .failure(let b)):
            #expect(a.message.contains(b.message))
            #expect(b.message == "too many registers needed to evaluate expression")
        default:
            Issue.record("depth \(depth): libpcap \(oracle), ours \(ours)")
        }
    }

    /// Registers freed by one relation are reused round-robin by the next.
    @Test func registersRotateAcrossPrimitives() throws {
        let expr = "ip[0] + ip[1] = 3 and tcp[2:2] * 4 > len and udp[0] - 1 != 7 and ip6[ip6[0] & 3] = 1"
        let theirs = try PcapOracle.compile(expr, linkType: .en10mb, optimize: false).get()
        let ours = try FilterCompiler(linkType: .en10mb).compile(expr, optimize: false)
        #expect(ours == theirs)
    }
}
