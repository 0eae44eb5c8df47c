// Prints N packets (default 1,000,000) of mixed traffic with `-nn` to /dev/null, side by side with the local
// tcpdump on the same file, and reports both times.
//
//   cd Benchmarks && swift run -c release PrinterThroughput [packets] [source.pcap]   (default: pcaps/demo.pcap)
import Capture
import Foundation

let arguments = CommandLine.arguments
let count = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
// Benchmarks/PrinterThroughput/Sources/PrinterThroughput/main.swift -> the repository root
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let source = arguments.count > 2 ? arguments[2] : repositoryRoot.appendingPathComponent("pcaps/demo.pcap").path
let path = FileManager.default.temporaryDirectory.appendingPathComponent("printer-throughput-\(count).pcap").path

/// Writes `count` packets cycling through the source capture's packets, with increasing timestamps.
func makeCapture() throws {
    var reader = try SavefileReader(path: source)
    var packets: [(PacketHeader, [UInt8])] = []
    while let p = try reader.next() { packets.append((p.header, Array(p.bytes))) }
    guard !packets.isEmpty else { fatalError("no packets in \(source)") }
    var data = Data()
    func le32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    le32(0xa1b2_c3d4); data.append(contentsOf: [2, 0, 4, 0]); le32(0); le32(0); le32(262144)
    le32(UInt32(reader.linkType.rawValue))
    var usec: UInt64 = 1_700_000_000_000_000
    for i in 0..<count {
        let (h, bytes) = packets[i % packets.count]
        usec += 137
        le32(UInt32(usec / 1_000_000)); le32(UInt32(usec % 1_000_000))
        le32(UInt32(bytes.count)); le32(h.wireLength)
        data.append(contentsOf: bytes)
    }
    try data.write(to: URL(fileURLWithPath: path))
}

func timeTcpdump() -> Double {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/tcpdump")
    p.arguments = ["-nn", "-r", path]
    p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
    p.standardError = FileHandle.nullDevice
    let start = Date()
    try? p.run()
    p.waitUntilExit()
    return Date().timeIntervalSince(start)
}

func timeSwift() throws -> (Double, Int) {
    let start = Date()
    var reader = try SavefileReader(path: path)
    var options = PrintOptions()
    options.numeric = 2
    var printer = PacketPrinter(options: options)
    var out = OutputBuffer(capacity: 1 << 20)
    let fd = open("/dev/null", O_WRONLY)
    var bytes = 0
    let linkType = reader.linkType
    while let packet = try reader.next() {
        printer.print(packet, linkType: linkType, into: &out)
        if out.count >= 1 << 16 {
            bytes += out.count
            out.bytes.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
            out.removeAll()
        }
    }
    bytes += out.count
    out.bytes.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
    close(fd)
    return (Date().timeIntervalSince(start), bytes)
}

try makeCapture()
var tcpdumpBest = Double.infinity
var swiftBest = Double.infinity
var outputBytes = 0
for _ in 0..<3 {
    tcpdumpBest = min(tcpdumpBest, timeTcpdump())
    let (t, b) = try timeSwift()
    swiftBest = min(swiftBest, t)
    outputBytes = b
}
print(String(format: "%d packets, -nn, to /dev/null (best of 3): tcpdump %.3f s, swiftdump printer %.3f s (%.2fx), %d bytes of text",
             count, tcpdumpBest, swiftBest, tcpdumpBest / swiftBest, outputBytes))
try? FileManager.default.removeItem(atPath: path)
