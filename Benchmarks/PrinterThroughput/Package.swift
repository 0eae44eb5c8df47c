// swift-tools-version:6.1
import PackageDescription

// A separate package so the main build and CI do not compile it; build with `swift build -c release` here.
let package = Package(
    name: "PrinterThroughput",
    dependencies: [.package(name: "swiftdump", path: "../..")],
    targets: [
        .executableTarget(
            name: "PrinterThroughput",
            dependencies: [.product(name: "Capture", package: "swiftdump")]),
    ],
    swiftLanguageModes: [.v6]
)
