// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets, kept out of the main build. Build and run (see README.md):
//   swift build -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address
//   SWIFT_BACKTRACE=enable=no .build/release/FuzzPrinters -runs=10000000
let package = Package(
    name: "FuzzTesting",
    dependencies: [.package(name: "swiftdump", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzPrinters",
            dependencies: [.product(name: "Capture", package: "swiftdump"), .product(name: "BPFCore", package: "swiftdump")]),
        .executableTarget(
            name: "FuzzFilter",
            dependencies: [.product(name: "FilterLang", package: "swiftdump"), .product(name: "BPFCore", package: "swiftdump")]),
        .executableTarget(
            name: "FuzzSavefile",
            dependencies: [.product(name: "Capture", package: "swiftdump"), .product(name: "BPFCore", package: "swiftdump")]),
        .executableTarget(
            name: "FuzzCBPF", dependencies: [.product(name: "BPFCore", package: "swiftdump")]),
    ],
    swiftLanguageModes: [.v6]
)
