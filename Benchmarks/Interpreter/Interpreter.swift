// Interpreter (issue 7): ns/packet of BPFCore's classic BPF interpreter (CompiledFilter, libpcap semantics) over
// packets held in memory, savefile read and write throughput (SavefileReader/SavefileWriter), and the whole
// offline path read → filter → write, with mallocs per packet (goal: 0).
//
//   cd Benchmarks && swift package --allow-writing-to-package-directory benchmark --target Interpreter
//   ... benchmark --target Interpreter --scale       # ns and mallocs per packet instead of per 1000 packets
//
// Each iteration handles 1000 packets (scaling factor kilo): demo.pcap's mixed traffic, cycled. The savefile
// cases use a 1000-packet file in the temporary directory, opened outside the measured part of each iteration.
// Side-by-side comparisons live in the plain executables: `swift run -c release bpfcore-bench` (against
// libpcap's bpf_filter) and `swift run -c release capture-bench` (against `tcpdump -r -w`), in the main package.
import BPFCore
import Benchmark
import BenchSupport
import Capture
import FilterLang
import Foundation

let packetMetrics: [BenchmarkMetric] = [.wallClock, .mallocCountTotal, .throughput]

/// Runs `filter` over 1000 packets per iteration.
func filterBenchmark(_ name: String, _ set: PacketSet, _ filter: CompiledFilter) {
    let packets = set.packets
    Benchmark(name, configuration: .init(metrics: packetMetrics, scalingFactor: .kilo, maxDuration: .seconds(2))) {
        benchmark in
        var kept: UInt32 = 0
        var index = 0
        for _ in benchmark.scaledIterations {
            let packet = packets[index]
            kept &+= filter.run(packet: packet.bytes, wireLength: packet.header.wireLength) == 0 ? 0 : 1
            index = index + 1 == packets.count ? 0 : index + 1
        }
        blackHole(kept)
    }
}

/// Scratch files for the savefile cases: one folder per benchmark process.
enum Scratch {
    static let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("swiftdump-bench-\(ProcessInfo.processInfo.processIdentifier)")
    static var input: String { folder.appendingPathComponent("input.pcap").path }
    static var output: String { folder.appendingPathComponent("output.pcap").path }

    static func create(_ set: PacketSet, packets: Int) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(set.savefile(count: packets)).write(to: URL(fileURLWithPath: input))
    }

    static func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// A savefile case: `body` runs measured, with a reader over the 1000-packet input file and a writer to the
/// output file, both opened (and closed) outside the measurement.
func savefileBenchmark(
    _ name: String, _ set: PacketSet,
    _ body: @escaping (Benchmark, inout SavefileReader, inout SavefileWriter) throws -> Void
) {
    let count = BenchmarkScalingFactor.kilo.rawValue
    let configuration = Benchmark.Configuration(
        metrics: packetMetrics, scalingFactor: .kilo, maxDuration: .seconds(2),
        setup: { try Scratch.create(set, packets: count) }, teardown: { Scratch.remove() })
    Benchmark(name, configuration: configuration) { benchmark in
        do {
            var reader = try SavefileReader(path: Scratch.input)
            var writer = try SavefileWriter(path: Scratch.output, matching: reader)
            benchmark.startMeasurement()
            try body(benchmark, &reader, &writer)
            try writer.flush()
            benchmark.stopMeasurement()
            try writer.close()
        } catch {
            benchmark.error("\(error)")
        }
    }
}

let benchmarks: @Sendable () -> Void = {
    let demo = BenchPaths.pcap("demo.pcap")
    guard let set = PacketSet(files: [demo]) else {
        print("Interpreter: skipping everything: \(demo.path) is not readable")
        return
    }
    let compiler = FilterCompiler(linkType: set.linkType)
    // Names stay short, stable and free of spaces: they name the threshold files in Thresholds/ (ordo-one
    // writes a space as "_" but looks the file up with the space).
    let programs = [
        ("accept-all", ""),  // ret #262144: the loop and call overhead
        ("tcp-port-80", "tcp port 80"),
        ("tcp-syn", "tcp[tcpflags] & tcp-syn != 0"),
        // No packet of demo.pcap matches: every packet runs the whole chain of host tests.
        ("50-hosts-none-match", (0..<50).map { "host 192.168.1.\($0)" }.joined(separator: " or ")),
    ]
    for (name, expression) in programs {
        do {
            let filter = try CompiledFilter(try compiler.compile(expression))
            filterBenchmark("filter-\(name)", set, filter)
        } catch {
            print("Interpreter: skipping \(name): \(error)")
        }
    }

    savefileBenchmark("savefile-read", set) { _, reader, _ in
        var bytes = 0
        while let packet = try reader.next() { bytes &+= packet.bytes.count }
        blackHole(bytes)
    }
    savefileBenchmark("savefile-write", set) { _, _, writer in
        for index in 0..<1000 { writer.write(set.packets[index % set.packets.count]) }
    }
    savefileBenchmark("replay-copy", set) { _, reader, writer in
        blackHole(try OfflineReplay.run(&reader, filter: AcceptAllPackets(), into: &writer))
    }
    do {
        let filter = try CompiledFilter(try compiler.compile("tcp port 80"))
        savefileBenchmark("replay-filter-tcp-port-80", set) { _, reader, writer in
            blackHole(try OfflineReplay.run(&reader, filter: filter, into: &writer))
        }
    } catch {
        print("Interpreter: skipping read → filter → write: \(error)")
    }
}
