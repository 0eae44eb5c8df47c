// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "swiftdump",
    products: [
        .executable(name: "swiftdump", targets: ["swiftdump"]),
        .executable(name: "cbpf2ebpf", targets: ["cbpf2ebpf-tool"]),
        .library(name: "BPFCore", targets: ["BPFCore"]),
        .library(name: "FilterLang", targets: ["FilterLang"]),
        .library(name: "Capture", targets: ["Capture"]),
        .library(name: "CBPFToEBPF", targets: ["cbpf2ebpf"]),
        .library(name: "FuzzEntries", targets: ["FuzzEntries"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C libraries: module maps and shim headers only.
        .systemLibrary(name: "CPcap", pkgConfig: "libpcap", providers: [.apt(["libpcap-dev"])]),
        .systemLibrary(name: "CLibBPF", pkgConfig: "libbpf", providers: [.apt(["libbpf-dev"])]),

        // The classic BPF core shared by the compiler, the translator and capture.
        .target(name: "BPFCore"),
        // Parsers for the /etc network databases (services, protocols, ethers, networks).
        .target(name: "NetDB"),
        .target(name: "FilterLang", dependencies: ["BPFCore", "NetDB"]),
        .target(name: "Capture", dependencies: ["BPFCore", "CPcap", "NetDB"]),
        .target(name: "cbpf2ebpf", dependencies: ["BPFCore", "CLibBPF"]),

        .executableTarget(
            name: "swiftdump",
            dependencies: [
                "BPFCore", "FilterLang", "Capture", "cbpf2ebpf",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "cbpf2ebpf-tool",
            dependencies: [
                "BPFCore", "cbpf2ebpf",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Benchmarks (run by hand in release mode; not tests).
        .executableTarget(
            name: "ebpf-bench", dependencies: ["cbpf2ebpf", "BPFCore", "FilterLang"], path: "Benchmarks/EBPFBench"),
        .executableTarget(
            name: "capture-bench", dependencies: ["Capture", "BPFCore", "FilterLang", "PcapOracle"],
            path: "Benchmarks/CaptureBench",
            exclude: ["README.md"]),
        .executableTarget(name: "bpfcore-bench", dependencies: ["BPFCore", "PcapOracle"], path: "Benchmarks/BPFCoreBench"),

        // Fuzzing (FuzzTesting/): the entry functions the libFuzzer targets of the FuzzTesting package wrap and
        // FuzzRegressionTests replays, and the seeded savefile mutation driver.
        .target(name: "FuzzEntries", dependencies: ["BPFCore", "FilterLang", "Capture"], path: "FuzzTesting/Entries"),
        .executableTarget(
            name: "savefile-mutation-fuzz", dependencies: ["Capture", "BPFCore", "TestSupport"],
            path: "FuzzTesting/SavefileMutation"),

        // Test-only helpers. PcapOracle is the only place that may call libpcap's compiler and interpreter.
        .target(name: "PcapOracle", dependencies: ["CPcap", "BPFCore"], path: "Tests/PcapOracle"),
        .target(name: "TestSupport", dependencies: ["BPFCore"], path: "Tests/TestSupport"),

        .testTarget(name: "NetDBTests", dependencies: ["NetDB"]),
        .testTarget(name: "BPFCoreTests", dependencies: ["BPFCore", "PcapOracle", "TestSupport"]),
        .testTarget(name: "FilterLangTests", dependencies: ["FilterLang", "BPFCore", "PcapOracle", "TestSupport"]),
        .testTarget(name: "CaptureTests", dependencies: ["Capture", "BPFCore", "FilterLang", "FuzzEntries", "PcapOracle", "TestSupport"]),
        .testTarget(name: "cbpf2ebpfTests", dependencies: ["cbpf2ebpf", "BPFCore", "PcapOracle", "TestSupport"]),
        .testTarget(name: "SwiftDumpTests", dependencies: ["swiftdump", "cbpf2ebpf-tool", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
