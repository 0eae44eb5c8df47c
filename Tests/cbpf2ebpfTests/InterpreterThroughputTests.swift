import BPFCore
import Foundation
import Testing
import cbpf2ebpf

/// Runs the `tcp` translations over a frame many times: checks the results and prints the throughput.
struct InterpreterThroughputTests {
    @Test func tcpFilterThroughput() throws {
        var frame = [UInt8](repeating: 0, count: 54)
        frame[12] = 0x08; frame[14] = 0x45; frame[23] = 6
        let skb = SocketBuffer.schedClassifierTestRun(frame: frame)
        for flavor in TranslationFlavor.allCases {
            let vm = EBPFInterpreter(program: try EBPFTranslator(flavor: flavor).translate(ReferenceListingTests.tcp))
            let runs = 20_000
            var accepted = 0
            let start = ContinuousClock.now
            for _ in 0..<runs where try vm.run(skb) == 262_144 { accepted += 1 }
            let elapsed = ContinuousClock.now - start
            #expect(accepted == runs)
            let ns = Double(elapsed.components.attoseconds) / 1e9 + Double(elapsed.components.seconds) * 1e9
            print("interpreter (\(flavor), this build's configuration): \(Int(ns / Double(runs))) ns per run of `tcp`")
        }
    }
}
