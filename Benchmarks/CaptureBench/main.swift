// capture-bench: the capture front end against the local tcpdump. Not a test: run it by hand, in release mode,
// as root, after `swift build -c release --product swiftdump` (it runs the swiftdump built beside it):
//
//     capture-bench [PACKETS] [--runs N] [--swiftdump PATH]     offline speed on a generated capture (default 1,000,000 packets, 7 runs)
//     capture-bench callgrind [PACKETS]      instruction counts under valgrind (default 100,000 packets)
//     capture-bench flood [OPTIONS]          loopback flood, live capture side by side (see README.md)
//
// Offline speed: `-r big -w out 'tcp port 80'`, `-r big -w out` and `-r big -nn > file` for both programs,
// interleaved (alternating which goes first), medians of wall-clock and CPU time; then the filter interpreter alone
// (CompiledFilter against libpcap's pcap_offline_filter, ns/packet). Both programs' outputs must be identical.
import BPFCore
import Capture
import FilterLang
import Foundation
import Glibc

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("capture-bench: \(message)\n".utf8))
    exit(1)
}

var arguments = Array(CommandLine.arguments.dropFirst())
let command = arguments.first.flatMap { ["flood", "callgrind"].contains($0) ? $0 : nil } ?? "speed"
if command != "speed" { arguments.removeFirst() }
if command == "flood" {
    do {
        try LoFlood.main(arguments)
        exit(0)
    } catch {
        fail("flood: \(error)")
    }
}

var wanted = command == "callgrind" ? 100_000 : 1_000_000
var runs = 7
var swiftdump = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent("swiftdump").path
var rest = arguments[...]
while let argument = rest.popFirst() {
    if argument == "--runs", let value = rest.popFirst().flatMap({ Int($0) }) {
        runs = max(1, value)
    } else if argument == "--swiftdump", let value = rest.popFirst() {
        swiftdump = value
    } else if let value = Int(argument) {
        wanted = value
    } else {
        fail("usage: capture-bench [PACKETS] [--runs N] [--swiftdump PATH] | callgrind [PACKETS] [--swiftdump PATH]"
             + " | flood [OPTIONS]")
    }
}

setenv("TZ", "UTC", 1)
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let demo = root.appendingPathComponent("pcaps/demo.pcap").path
let tcpdump = "/usr/bin/tcpdump"
guard FileManager.default.isExecutableFile(atPath: swiftdump) else {
    fail("no swiftdump at \(swiftdump): swift build -c release --product swiftdump")
}
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("capture-bench-\(getpid())")
do {
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
} catch {
    fail("\(scratch.path): \(error)")
}
defer { try? FileManager.default.removeItem(at: scratch) }

/// Writes `count` packets to `path`: pcaps/demo.pcap's packets over and over.
func makeCapture(_ path: String, count: Int) throws {
    let writer = try SavefileWriter(path: path, linkType: .en10mb, snapshotLength: 262_144)
    var written = 0
    while written < count {
        var reader = try SavefileReader(path: demo)
        while written < count, let packet = try reader.next() {
            writer.write(packet)
            written += 1
        }
    }
    try writer.close()
}

/// One side-by-side case: the arguments both programs get (tcpdump also gets `-Z root`), and where the output goes.
struct Case {
    var label: String
    var arguments: (_ input: String, _ output: String) -> [String]
    var printsToStandardOutput: Bool
}

let cases = [
    Case(label: "-r big -w out 'tcp port 80'", arguments: { ["-r", $0, "-w", $1, "tcp port 80"] },
         printsToStandardOutput: false),
    Case(label: "-r big -w out (copy)", arguments: { ["-r", $0, "-w", $1] }, printsToStandardOutput: false),
    Case(label: "-r big -nn > file", arguments: { input, _ in ["-r", input, "-nn"] }, printsToStandardOutput: true),
]

func runCase(_ item: Case, program: String, input: String, output: String) throws -> ChildProcess.Measurement {
    let own = program == tcpdump ? ["-Z", "root"] : []
    let errors = output + ".stderr"
    let measurement = try ChildProcess.run(
        program, own + item.arguments(input, output), standardOutput: item.printsToStandardOutput ? output : "/dev/null",
        standardError: errors)
    guard measurement.status == 0 else {
        fail("\(program) \(item.arguments(input, output).joined(separator: " ")) exited \(measurement.status): "
             + ((try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""))
    }
    return measurement
}

if command == "callgrind" {
    // Instructions per packet: (count on the big capture − count on a one-packet capture) / packets.
    let big = scratch.appendingPathComponent("big.pcap").path
    let one = scratch.appendingPathComponent("one.pcap").path
    do {
        try makeCapture(big, count: wanted)
        try makeCapture(one, count: 1)
    } catch {
        fail("\(error)")
    }
    func instructions(_ item: Case, program: String, input: String) throws -> Double {
        let output = scratch.appendingPathComponent("out").path
        let log = scratch.appendingPathComponent("callgrind.log").path
        let own = program == tcpdump ? ["-Z", "root"] : []
        let arguments = ["--tool=callgrind", "--callgrind-out-file=/dev/null", program] + own
            + item.arguments(input, output)
        _ = try ChildProcess.run(
            "/usr/bin/valgrind", arguments, standardOutput: item.printsToStandardOutput ? output : "/dev/null",
            standardError: log)
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        guard let line = text.split(separator: "\n").first(where: { $0.contains("Collected :") }),
            let number = line.split(separator: " ").last.flatMap({ Double($0) })
        else { fail("no instruction count from valgrind for \(program): \(text)") }
        return number
    }
    print("callgrind: \(wanted)-packet capture (pcaps/demo.pcap repeated); instructions per packet, startup excluded")
    print("| case | tcpdump instr/packet | swiftdump instr/packet | ratio | tcpdump startup | swiftdump startup |")
    print("|---|---|---|---|---|---|")
    do {
        for item in cases {
            var perPacket: [Double] = []
            var startup: [Double] = []
            for program in [tcpdump, swiftdump] {
                let base = try instructions(item, program: program, input: one)
                let total = try instructions(item, program: program, input: big)
                perPacket.append((total - base) / Double(wanted))
                startup.append(base)
            }
            print(String(format: "| %@ | %.0f | %.0f | %.2f | %.1fM | %.1fM |", item.label, perPacket[0], perPacket[1],
                         perPacket[1] / perPacket[0], startup[0] / 1e6, startup[1] / 1e6))
        }
    } catch {
        fail("\(error)")
    }
    exit(0)
}

let big = scratch.appendingPathComponent("big.pcap").path
do {
    try makeCapture(big, count: wanted)
} catch {
    fail("\(error)")
}
let size = (try? FileManager.default.attributesOfItem(atPath: big)[.size] as? Int) ?? 0
print("capture: \(wanted) packets (pcaps/demo.pcap repeated), \(size / 1_000_000) MB; \(runs) interleaved runs per case;"
      + " medians")
print("| case | tcpdump wall s | swiftdump wall s | ratio | tcpdump CPU s | swiftdump CPU s | ratio | outputs |")
print("|---|---|---|---|---|---|---|---|")
do {
    for item in cases {
        let theirs = scratch.appendingPathComponent("theirs.out").path
        let mine = scratch.appendingPathComponent("ours.out").path
        var tcpdumpRuns: [ChildProcess.Measurement] = []
        var swiftdumpRuns: [ChildProcess.Measurement] = []
        for run in 0..<runs {
            for program in run % 2 == 0 ? [tcpdump, swiftdump] : [swiftdump, tcpdump] {
                if program == tcpdump {
                    tcpdumpRuns.append(try runCase(item, program: program, input: big, output: theirs))
                } else {
                    swiftdumpRuns.append(try runCase(item, program: program, input: big, output: mine))
                }
            }
        }
        let same = FileManager.default.contentsEqual(atPath: theirs, andPath: mine)
        let wall = (median(tcpdumpRuns.map(\.wallSeconds)), median(swiftdumpRuns.map(\.wallSeconds)))
        let cpu = (median(tcpdumpRuns.map(\.cpuSeconds)), median(swiftdumpRuns.map(\.cpuSeconds)))
        print(String(format: "| %@ | %.3f | %.3f | %.2f | %.3f | %.3f | %.2f | %@ |", item.label, wall.0, wall.1,
                     wall.1 / wall.0, cpu.0, cpu.1, cpu.1 / cpu.0, same ? "identical" : "DIFFER"))
    }
    let interpreter = try InterpreterSpeed.measure(expression: "tcp port 80", path: big, rounds: runs)
    print()
    print(String(format: "interpreter alone, 'tcp port 80' over the %d packets in memory (%d accepted): CompiledFilter "
                 + "%.2f ns/packet, libpcap pcap_offline_filter %.2f ns/packet, ratio %.2f", wanted,
                 interpreter.accepted, interpreter.oursNanoseconds, interpreter.libpcapNanoseconds,
                 interpreter.oursNanoseconds / interpreter.libpcapNanoseconds))
} catch {
    fail("\(error)")
}
