// capture-bench: the offline pipeline (SavefileReader → CompiledFilter → SavefileWriter) against the local
// tcpdump on a generated capture of many packets. Not a test: run it by hand, in release mode:
//
//     swift run -c release capture-bench [PACKETS]        (default 1,000,000)
//
// It prints the best of three wall-clock times for `-r big -w out 'tcp port 80'` and `-r big -w out` (copy),
// the ratio swiftdump/tcpdump, and checks that both wrote the same bytes.
import BPFCore
import Capture
import FilterLang
import Foundation

if CommandLine.arguments.dropFirst().first == "flood" {
    do {
        try LoFlood.main(Array(CommandLine.arguments.dropFirst(2)))
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("capture-bench flood: \(error)\n".utf8))
        exit(1)
    }
}

let wanted = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 1_000_000
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let demo = root.appendingPathComponent("pcaps/demo.pcap").path
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("capture-bench-\(getpid())")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }
let big = scratch.appendingPathComponent("big.pcap").path

func makeBig() throws -> Int {
    let writer = try SavefileWriter(path: big, linkType: .en10mb, snapshotLength: 262_144)
    var written = 0
    while written < wanted {
        var reader = try SavefileReader(path: demo)
        while written < wanted, let packet = try reader.next() {
            writer.write(packet)
            written += 1
        }
    }
    try writer.close()
    return written
}

func time(_ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<3 {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}

func tcpdump(_ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/tcpdump")
    process.arguments = arguments
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
}

func ours(expression: String, output: String) throws -> Int {
    var reader = try SavefileReader(path: big)
    let compiler = FilterCompiler(linkType: reader.linkType, snaplen: UInt32(reader.snapshotLength),
                                  forSavefile: true, swappedSavefile: reader.isByteSwapped)
    let filter = try CompiledFilter(try compiler.compile(expression))
    var writer = try SavefileWriter(path: output, matching: reader)
    let summary = try OfflineReplay.run(&reader, filter: filter, into: &writer)
    try writer.close()
    return summary.kept
}

let count = try makeBig()
let size = (try FileManager.default.attributesOfItem(atPath: big)[.size] as? Int) ?? 0
print("capture: \(count) packets, \(size / 1_000_000) MB")
for (label, expression) in [("filter 'tcp port 80'", "tcp port 80"), ("copy (no filter)", "")] {
    let theirs = scratch.appendingPathComponent("theirs.pcap").path
    let mine = scratch.appendingPathComponent("ours.pcap").path
    let tcpdumpTime = try time {
        try tcpdump(["-r", big, "-w", theirs, "-Z", "root"] + (expression.isEmpty ? [] : [expression]))
    }
    var kept = 0
    let ourTime = try time { kept = try ours(expression: expression, output: mine) }
    let same = FileManager.default.contentsEqual(atPath: theirs, andPath: mine)
    print(String(format: "%@: tcpdump %.3f s, swiftdump pipeline %.3f s, ratio %.2f; %d kept; outputs %@",
                 label, tcpdumpTime, ourTime, ourTime / tcpdumpTime, kept, same ? "identical" : "DIFFER"))
}
