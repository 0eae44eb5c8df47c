// swift-tools-version:6.1
// swiftdump's benchmarks: a separate package, so neither the main `swift build` nor CI builds it (or resolves
// ordo-one/benchmark). See README.md in this folder.
//
//   cd Benchmarks && swift package --allow-writing-to-package-directory benchmark            # ordo-one targets
//   cd Benchmarks && swift run -c release OptimizerTiming --tcpdump                           # plain executables
//
// ordo-one's plugin runs every executable target whose folder sits directly in `Benchmarks/` and depends on
// `Benchmark`: FilterCompile, Printing, Interpreter. OptimizerTiming and PrinterThroughput are plain executables
// (side-by-side timings against tcpdump, which cannot run in-process).
import PackageDescription

let swiftdump: [Target.Dependency] = [
    .product(name: "BPFCore", package: "swiftdump"),
    .product(name: "FilterLang", package: "swiftdump"),
    .product(name: "Capture", package: "swiftdump"),
    .product(name: "CBPFToEBPF", package: "swiftdump"),
]

func benchmarkTarget(_ name: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: swiftdump + ["BenchSupport", .product(name: "Benchmark", package: "benchmark")],
        path: name,
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")])
}

let package = Package(
    name: "swiftdump-benchmarks",
    dependencies: [
        .package(name: "swiftdump", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(name: "BenchSupport", dependencies: swiftdump, path: "BenchSupport"),
        benchmarkTarget("FilterCompile"),
        benchmarkTarget("Printing"),
        benchmarkTarget("Interpreter"),

        // Plain executables: side-by-side timings against tcpdump (ordo-one cannot time another process).
        // Their folders are deeper than `Benchmarks/<Name>`, so ordo-one's plugin does not take them for benchmarks.
        .executableTarget(
            name: "OptimizerTiming",
            dependencies: [.product(name: "FilterLang", package: "swiftdump"), .product(name: "BPFCore", package: "swiftdump")],
            path: "OptimizerBench/Sources/OptimizerTiming"),
        .executableTarget(
            name: "PrinterThroughput",
            dependencies: [.product(name: "Capture", package: "swiftdump")],
            path: "PrinterThroughput/Sources/PrinterThroughput"),
    ],
    swiftLanguageModes: [.v6]
)
