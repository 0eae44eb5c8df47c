// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets, kept out of the main build. Each is a thin @_cdecl wrapper around an entry of the main
// package's FuzzEntries library (FuzzTesting/Entries), which FuzzRegressionTests replays too. Build and run (see README.md):
//   swift build -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address
//   SWIFT_BACKTRACE=enable=no .build/release/FuzzPrinters -runs=10000000
let package = Package(
    name: "FuzzTesting",
    dependencies: [.package(name: "swiftdump", path: "..")],
    targets: [
        .executableTarget(name: "FuzzPrinters", dependencies: [.product(name: "FuzzEntries", package: "swiftdump")]),
        .executableTarget(name: "FuzzFilter", dependencies: [.product(name: "FuzzEntries", package: "swiftdump")]),
        .executableTarget(name: "FuzzSavefile", dependencies: [.product(name: "FuzzEntries", package: "swiftdump")]),
        .executableTarget(name: "FuzzCBPF", dependencies: [.product(name: "FuzzEntries", package: "swiftdump")]),
    ],
    swiftLanguageModes: [.v6]
)
