// swift-tools-version:6.1
// Compile-time benchmarks for FilterLang's optimizer. A separate package: the main `swift build` and CI never
// build it. Run: `cd Benchmarks/OptimizerBench && swift run -c release OptimizerTiming [--tcpdump]`.
import PackageDescription

let package = Package(
    name: "swiftdump-benchmarks",
    dependencies: [
        .package(name: "swiftdump", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "OptimizerTiming",
            dependencies: [
                .product(name: "FilterLang", package: "swiftdump"),
                .product(name: "BPFCore", package: "swiftdump"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
