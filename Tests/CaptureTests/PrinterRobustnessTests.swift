import BPFCore
import Capture
import Foundation
import Testing
import TestSupport

/// Mutated and cut packets must print without trapping (a trap ends the test process, failing the run).
@Suite("Printer: robustness")
struct PrinterRobustnessTests {
    /// Deterministic xorshift generator, so a failure can be replayed.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
    }

    static func seedPackets() -> [(LinkType, [UInt8])] {
        var files = PrinterProjectCaptureTests.captures()
        let corpusDir = Corpus.url("tcpdump/pcaps")
        if let names = try? FileManager.default.contentsOfDirectory(atPath: corpusDir.path) {
            files += names.sorted().map { corpusDir.appendingPathComponent($0) }
        }
        var result: [(LinkType, [UInt8])] = []
        for f in files {
            guard var reader = try? SavefileReader(path: f.path) else { continue }
            var n = 0
            while n < 200, let p = try? reader.next() {
                result.append((reader.linkType, Array(p.bytes)))
                n += 1
            }
        }
        return result
    }

    @Test func mutatedPacketsNeverTrap() {
        let seeds = Self.seedPackets()
        guard !seeds.isEmpty else {
            print("SKIP mutatedPacketsNeverTrap: no captures found")
            return
        }
        var optionSets: [PrintOptions] = []
        for words in [["-nvvv", "-e", "-x"], ["-nv", "-X"], ["-nq", "-A"], ["-nvv", "-S", "-K"]] {
            optionSets.append(TestOptions.parse(words))
        }
        var printers = optionSets.map { PacketPrinter(options: $0) }
        let linkTypes: [LinkType] = [.en10mb, .raw, .null, .loop, .linuxSLL, .linuxSLL2, .ipv4, .ipv6]
        var rng = Random(state: 0x9e37_79b9_7f4a_7c15)
        var out = OutputBuffer()
        let rounds = Int(ProcessInfo.processInfo.environment["PRINTER_FUZZ_ROUNDS"] ?? "") ?? 60
        var printed = 0
        for _ in 0..<rounds {
            for (linkType, original) in seeds {
                var bytes = original
                let edits = 1 + rng.below(4)
                for _ in 0..<edits where !bytes.isEmpty {
                    switch rng.below(4) {
                    case 0: bytes[rng.below(bytes.count)] = UInt8(truncatingIfNeeded: rng.next())
                    case 1: bytes[rng.below(bytes.count)] ^= 0xff
                    case 2: bytes.removeLast(rng.below(bytes.count))
                    default: bytes[rng.below(bytes.count)] = [0, 0xff, 0x80, 0x7f, 5, 6, 17, 58][rng.below(8)]
                    }
                }
                let type = rng.below(8) == 0 ? linkTypes[rng.below(linkTypes.count)] : linkType
                let wire = UInt32(bytes.count + rng.below(3) * rng.below(2000))
                let header = PacketHeader(timestamp: Timestamp(seconds: Int64(rng.below(1 << 31)),
                                                               nanoseconds: UInt32(rng.below(1_000_000_000))),
                                          captureLength: UInt32(bytes.count), wireLength: max(wire, 1))
                let which = rng.below(printers.count)
                bytes.withUnsafeBytes { raw in
                    printers[which].print(header, raw, linkType: type, into: &out)
                }
                printed += 1
                if out.count > 1 << 20 { out.removeAll() }
            }
        }
        print("printer robustness: \(printed) mutated packets printed without a trap")
        #expect(printed == rounds * seeds.count)
    }
}
