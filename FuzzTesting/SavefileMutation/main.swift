// savefile-mutation-fuzz: feeds seeded mutations of the project's and the corpus's savefiles through the whole
// offline path (SavefileReader(bytes:) → CompiledFilter → SavefileWriter to /dev/null) and counts outcomes.
// Not coverage-guided: a bounded, reproducible robustness run. Best under AddressSanitizer:
//
//     swift build -c release --sanitize=address --product savefile-mutation-fuzz
//     .build/release/savefile-mutation-fuzz [INPUTS=1000000] [SEED=1]
//
// It exits non-zero only if an invariant breaks (a trap or a sanitizer report ends the process on its own).
import BPFCore
import Capture
import Foundation
import TestSupport

func mutate(_ bytes: inout [UInt8], _ rng: inout SeededGenerator) {
    guard !bytes.isEmpty else { return }
    switch rng.below(5) {
    case 0:
        for _ in 0...rng.below(8) { bytes[rng.below(bytes.count)] ^= UInt8(truncatingIfNeeded: rng.next() | 1) }
    case 1:
        let extremes: [UInt32] = [0, 1, 0xffff_ffff, 0x7fff_ffff, 0x0004_0000, 0x0004_0001, 65535, 16, 0x8000_0000]
        let offset = rng.below(bytes.count / 4) * 4
        let value = extremes[rng.below(extremes.count)]
        for i in 0..<4 where offset + i < bytes.count { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * i)) }
    case 2:
        bytes.removeLast(rng.below(bytes.count))
    case 3:
        let start = rng.below(bytes.count)
        let length = rng.below(min(256, bytes.count - start))
        bytes.insert(contentsOf: bytes[start..<(start + length)], at: rng.below(bytes.count))
    default:
        let start = rng.below(bytes.count)
        bytes.removeSubrange(start..<min(bytes.count, start + 1 + rng.below(64)))
    }
}

let arguments = CommandLine.arguments.dropFirst()
let total = arguments.first.flatMap { Int($0) } ?? 1_000_000
var rng = SeededGenerator(seed: arguments.dropFirst().first.flatMap { UInt64($0) } ?? 1)
let root = Corpus.repositoryRoot
let folders = [root.appendingPathComponent("pcaps"), Corpus.url("libpcap/savefiles"), Corpus.url("tcpdump/pcaps")]
var seeds: [[UInt8]] = []
for folder in folders {
    for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
        if let data = try? Data(contentsOf: folder.appendingPathComponent(name)), data.count <= 256 * 1024 {
            seeds.append([UInt8](data))
        }
    }
}
guard !seeds.isEmpty else { fatalError("no seed captures found in \(folders.map(\.path))") }
// A filter that reads deep into packets (TCP flags behind a variable IPv4 header).
let filter = try CompiledFilter(Program([
    .stmt(0x28, 12), .jump(0x15, 0x0800, 0, 8), .stmt(0x30, 23), .jump(0x15, 6, 0, 6), .stmt(0x28, 20),
    .jump(0x45, 0x1fff, 4, 0), .stmt(0xb1, 14), .stmt(0x50, 27), .jump(0x45, 0x02, 0, 1), .stmt(0x06, 262_144),
    .stmt(0x06, 0),
]))
var opened = 0, failedOpen = 0, unwritable = 0, failedMidway = 0, packets = 0, kept = 0
let start = Date()
for index in 0..<total {
    var bytes = seeds[rng.below(seeds.count)]
    for _ in 0...rng.below(3) { mutate(&bytes, &rng) }
    let precision: TimestampPrecision = index % 2 == 0 ? .microseconds : .nanoseconds
    bytes.withUnsafeBytes { raw in
        do {
            var reader = try SavefileReader(bytes: raw, precision: precision)
            opened += 1
            let writer: SavefileWriter
            do { writer = try SavefileWriter(path: "/dev/null", matching: reader) } catch {
                unwritable += 1  // a link type libpcap cannot write (tcpdump -w fails the same way)
                return
            }
            do {
                while let packet = try reader.next() {
                    guard packet.bytes.count == Int(packet.header.captureLength) else {
                        fatalError("input \(index): caplen \(packet.header.captureLength) but \(packet.bytes.count) bytes")
                    }
                    packets += 1
                    if filter.accepts(packet) {
                        kept += 1
                        writer.write(packet)
                    }
                }
            } catch {
                failedMidway += 1
            }
            try? writer.close()
        } catch {
            failedOpen += 1
        }
    }
    if (index + 1) % 100_000 == 0 {
        print("\(index + 1) inputs, \(String(format: "%.0f", Date().timeIntervalSince(start))) s")
    }
}
let seconds = Date().timeIntervalSince(start)
print("savefile mutation run: \(total) inputs from \(seeds.count) seeds in \(String(format: "%.1f", seconds)) s; "
      + "\(failedOpen) rejected at open, \(opened) opened (\(failedMidway) stopped mid-file, "
      + "\(unwritable) with a link type pcap files cannot hold), "
      + "\(packets) packets read, \(kept) kept by the filter; no trap")
