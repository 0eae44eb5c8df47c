import BPFCore
import Capture
import Foundation
import Testing
import TestSupport

@Suite("Rotation (-C/-G/-W)")
struct RotationTests {
    /// Writes `copies` copies of demo.pcap's packets into one file (about 37 KB each).
    static func makeBigCapture(at path: String, copies: Int) throws {
        let writer = try SavefileWriter(path: path, linkType: .en10mb, snapshotLength: 262_144)
        for _ in 0..<copies {
            var reader = try SavefileReader(path: Corpus.pcap("demo.pcap").path)
            while let packet = try reader.next() { writer.write(packet) }
        }
        try writer.close()
    }

    static func contents(of directory: URL) -> [String: Data] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var result: [String: Data] = [:]
        for name in names { result[name] = try? Data(contentsOf: directory.appendingPathComponent(name)) }
        return result
    }

    @Test(.enabled(if: TcpdumpRunner.path != nil, "tcpdump is not installed"),
          arguments: [[String](), ["-W", "2"], ["-W", "3"], ["-W", "12"]])
    func sizeRotationMatchesTcpdump(fileCountArguments: [String]) throws {
        let scratch = try makeScratchDirectory("rotate")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let big = scratch.appendingPathComponent("big.pcap").path
        try Self.makeBigCapture(at: big, copies: 80)  // ≈ 3 MB: four files of 1 MB
        let theirs = scratch.appendingPathComponent("theirs")
        let ours = scratch.appendingPathComponent("ours")
        try FileManager.default.createDirectory(at: theirs, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: ours, withIntermediateDirectories: true)
        let tcpdump = try TcpdumpRunner.run(
            ["-r", big, "-w", theirs.appendingPathComponent("out").path, "-C", "1", "-Z", "root"] + fileCountArguments)
        #expect(tcpdump.status == 0, "\(tcpdump.stderr)")

        var reader = try SavefileReader(path: big)
        let fileCount = fileCountArguments.last.flatMap { Int($0) }
        var writer = try RotatingSavefileWriter(
            path: ours.appendingPathComponent("out").path, matching: reader,
            rotation: Rotation(maximumFileSize: 1_000_000, fileCount: fileCount))
        var closed: [String] = []
        while let packet = try reader.next() {
            if case .rotated(let file) = try writer.write(packet) { closed.append((file as NSString).lastPathComponent) }
        }
        try writer.close()
        let theirFiles = Self.contents(of: theirs)
        let ourFiles = Self.contents(of: ours)
        #expect(theirFiles.keys.sorted() == ourFiles.keys.sorted())
        for (name, data) in theirFiles {
            #expect(ourFiles[name] == data, "\(name) differs")
        }
        #expect(closed.count == 3)
        print("rotation -C 1 \(fileCountArguments.joined(separator: " ")): files \(ourFiles.keys.sorted()) identical to tcpdump's")
    }

    @Test func timeRotationNamesFilesAndStopsAtTheLimit() throws {
        let scratch = try makeScratchDirectory("rotate-time")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let pattern = scratch.appendingPathComponent("g-%s.pcap").path
        let start: Int64 = 1_700_000_000
        var writer = try RotatingSavefileWriter(
            path: pattern, linkType: .en10mb, snapshotLength: 262_144, precision: .microseconds,
            rotation: Rotation(interval: 10, fileCount: 3), now: start)
        #expect(writer.currentFile.hasSuffix("g-1700000000.pcap"))
        var reader = try SavefileReader(path: Corpus.pcap("eth-ipv4-tcp.pcap").path)
        var outcomes: [RotatingSavefileWriter.Outcome] = []
        for offset: Int64 in [0, 5, 10, 12, 25, 31, 40] {
            guard let packet = try reader.next() else { break }
            let outcome = try writer.write(packet, now: start + offset)
            outcomes.append(outcome)
            if case .fileLimitReached = outcome { break }
        }
        let name = { (seconds: Int64) in scratch.appendingPathComponent("g-\(seconds).pcap").path }
        #expect(outcomes == [
            .written, .written, .rotated(closedFile: name(start)), .written,
            .rotated(closedFile: name(start + 10)), .written,
            .fileLimitReached(closedFile: name(start + 25)),
        ])
        try writer.close()
        for (seconds, packets) in [(start, 2), (start + 10, 2), (start + 25, 2)] {
            var check = try SavefileReader(path: name(seconds))
            var count = 0
            while try check.next() != nil { count += 1 }
            #expect(count == packets, "g-\(seconds).pcap")
        }
    }

    @Test func sizeAndTimeTogetherNumberWithinEachInterval() throws {
        let scratch = try makeScratchDirectory("rotate-both")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let pattern = scratch.appendingPathComponent("b-%s-").path
        var writer = try RotatingSavefileWriter(
            path: pattern, linkType: .en10mb, snapshotLength: 262_144, precision: .microseconds,
            rotation: Rotation(maximumFileSize: 200, interval: 100, fileCount: 2), now: 0)
        #expect(writer.currentFile.hasSuffix("b-0-0"))
        var reader = try SavefileReader(path: Corpus.pcap("eth-ipv4-tcp.pcap").path)
        var files: [String] = []
        var time: Int64 = 0
        while let packet = try reader.next() {
            _ = try writer.write(packet, now: time)
            files.append((writer.currentFile as NSString).lastPathComponent)
            time += 30
        }
        try writer.close()
        // Packets of ~80-140 bytes: a file passes 200 bytes after two packets; at t=120 a new interval starts.
        #expect(files == ["b-0-0", "b-0-0", "b-0-1", "b-0-1", "b-120-0", "b-120-0", "b-120-1", "b-120-1", "b-240-0"])
    }
}
