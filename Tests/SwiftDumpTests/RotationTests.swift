import Foundation
import Testing
import TestSupport

/// `-w` with `-C`/`-W` rotation and `-z`: the same files, names and bytes as tcpdump.
@Suite("swiftdump -C/-W/-z")
struct RotationTests {
    /// A 2.6 MB capture: demo.pcap's records repeated 70 times behind its file header.
    private static func bigCapture(in directory: URL) throws -> URL {
        let demo = try Data(contentsOf: Corpus.pcap("demo.pcap"))
        var big = Data(demo.prefix(24))
        let records = demo.dropFirst(24)
        for _ in 0..<70 { big.append(records) }
        let url = directory.appendingPathComponent("big.pcap")
        try big.write(to: url)
        return url
    }

    private static func files(in directory: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            result[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return result
    }

    @Test func sizeRotationMatchesTcpdump() throws {
        guard ToolRunner.swiftdump != nil, ToolRunner.tcpdump != nil else { return }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("swiftdump-rot-\(getpid())")
        try? FileManager.default.removeItem(at: root)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let input = try Self.bigCapture(in: root).path
        for (index, extra) in [["-C", "1"], ["-C", "1", "-W", "2"], ["-C", "1", "-W", "12"]].enumerated() {
            let ours = root.appendingPathComponent("ours\(index)")
            let theirs = root.appendingPathComponent("theirs\(index)")
            try FileManager.default.createDirectory(at: ours, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: theirs, withIntermediateDirectories: true)
            // tcpdump drops to user tcpdump when run as root; -Z root keeps the comparison about the files.
            let a = try ToolRunner.swiftdump(["-r", input, "-w", ours.appendingPathComponent("out").path] + extra)
            let b = try ToolRunner.tcpdump(
                ["-Z", "root", "-r", input, "-w", theirs.appendingPathComponent("out").path] + extra)
            #expect(a.status == 0 && b.status == 0, "\(extra): \(a.stderrText) / \(b.stderrText)")
            let mine = try Self.files(in: ours)
            let reference = try Self.files(in: theirs)
            #expect(mine.keys.sorted() == reference.keys.sorted(), "\(extra)")
            for (name, bytes) in reference {
                #expect(mine[name] == bytes, "\(extra): \(name) differs")
            }
        }
    }

    @Test func postRotateCommandRunsOnClosedFiles() throws {
        guard ToolRunner.swiftdump != nil else { return }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("swiftdump-z-\(getpid())")
        try? FileManager.default.removeItem(at: root)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let input = try Self.bigCapture(in: root).path
        let script = root.appendingPathComponent("mark.sh")
        try "#!/bin/sh\ntouch \"$1.closed\"\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let out = root.appendingPathComponent("out").path
        let result = try ToolRunner.swiftdump(["-r", input, "-w", out, "-C", "1", "-z", script.path])
        #expect(result.status == 0, "\(result.stderrText)")
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline && !FileManager.default.fileExists(atPath: out + "1.closed") {
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(FileManager.default.fileExists(atPath: out + ".closed"), "-z ran on the first file")
        #expect(FileManager.default.fileExists(atPath: out + "1.closed"), "-z ran on the second file")
        #expect(!FileManager.default.fileExists(atPath: out + "2.closed"), "the last file is not rotated out")
    }
}
