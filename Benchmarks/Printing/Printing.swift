// Printing (issue 6): per-packet decode and print into an OutputBuffer (no output syscalls) over captures held
// in memory, with tcpdump's option sets `-nn` and `-nn -v`; the interesting metric is mallocs per packet
// (goal: 0 in the common path).
//
//   cd Benchmarks && swift package --allow-writing-to-package-directory benchmark --target Printing
//   ... benchmark --target Printing --scale          # metrics per packet instead of per 1000 packets
//
// Each iteration prints 1000 packets (scaling factor kilo), cycling through the set. Unscaled, "Malloc (total)"
// is mallocs per 1000 packets; with `--scale` it is per packet. The side-by-side comparison with tcpdump
// writing text to a file is the plain executable PrinterThroughput.
import BPFCore
import Benchmark
import BenchSupport
import Capture

let printMetrics: [BenchmarkMetric] = [.wallClock, .mallocCountTotal, .throughput]

/// Prints 1000 packets of `set` per iteration, cycling; the printer and buffer live across iterations, as in
/// swiftdump (relative TCP sequence numbers keep their state, the buffer is emptied when half full).
func printingBenchmark(_ name: String, _ set: PacketSet, _ options: PrintOptions, seconds: Int = 2) {
    var printer = PacketPrinter(options: options)
    var out = OutputBuffer(capacity: 1 << 20)
    var next = 0
    let packets = set.packets
    let linkType = set.linkType
    Benchmark(name, configuration: .init(metrics: printMetrics, scalingFactor: .kilo, maxDuration: .seconds(seconds))) {
        benchmark in
        for _ in benchmark.scaledIterations {
            printer.print(packets[next], linkType: linkType, into: &out)
            next = next + 1 == packets.count ? 0 : next + 1
            if out.count >= 1 << 19 { out.removeAll() }
        }
        blackHole(out.count)
    }
}

func options(verbose: Int) -> PrintOptions {
    var options = PrintOptions()
    options.numeric = 2
    options.verbose = verbose
    return options
}

let benchmarks: @Sendable () -> Void = {
    let demo = BenchPaths.pcap("demo.pcap")
    if let set = PacketSet(files: [demo]) {
        // Names stay short, stable and free of spaces: they name the threshold files in Thresholds/ (ordo-one
        // writes a space as "_" but looks the file up with the space).
        printingBenchmark("demo-nn", set, options(verbose: 0))
        printingBenchmark("demo-nn-v", set, options(verbose: 1))
    } else {
        print("Printing: skipping demo.pcap: \(demo.path) is not readable")
    }
    let files = BenchPaths.ethernetCaptures()
    if let set = PacketSet(files: files) {
        // "all": every Ethernet capture of pcaps/ in one set.
        printingBenchmark("all-nn", set, options(verbose: 0))
        printingBenchmark("all-nn-v", set, options(verbose: 1))
    } else {
        print("Printing: skipping the Ethernet captures of pcaps/: none readable")
    }
    // One capture at a time (every link type), to tell which protocol a per-packet allocation comes from.
    for file in BenchPaths.captures() where file.lastPathComponent != "demo.pcap" {
        guard let one = PacketSet(files: [file]) else { continue }
        printingBenchmark("\(file.deletingPathExtension().lastPathComponent)-nn-v", one, options(verbose: 1), seconds: 1)
    }
}
