import BPFCore
import Capture
import Foundation
import Testing
import TestSupport

@Suite("PcapngWriter")
struct PcapngWriterTests {
    /// Rewrites `input` as pcapng; returns the packet count.
    static func convert(_ input: String, to output: String, precision: TimestampPrecision, comment: String? = nil)
        throws -> Int
    {
        var reader = try SavefileReader(path: input, precision: precision)
        var writer = try PcapngWriter(path: output)
        try writer.addInterface(linkType: reader.linkType, snapshotLength: reader.snapshotLength, name: "eth0",
                            precision: precision)
        var count = 0
        while let packet = try reader.next() {
            try writer.write(packet, comment: comment)
            count += 1
        }
        try writer.close()
        return count
    }

    /// libpcap reads our pcapng back to exactly the packets it read from the original.
    @Test func readsBackIdentically() throws {
        let scratch = try makeScratchDirectory("pcapng")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var files = 0
        for file in SavefileFixtures.project + SavefileFixtures.libpcap + SavefileFixtures.tcpdump {
            for precision in [TimestampPrecision.microseconds, .nanoseconds] {
                let output = scratch.appendingPathComponent("out.pcapng").path
                let count: Int
                do { count = try Self.convert(file.path, to: output, precision: precision,
                                              comment: files % 2 == 0 ? "packet comment" : nil) }
                catch { continue }  // damaged originals: nothing to compare
                var original = try SavefileReader(path: file.path, precision: precision)
                var copy = try SavefileReader(path: output, precision: precision)
                #expect(copy.version.major == 1)
                #expect(copy.linkType == original.linkType, "\(file.lastPathComponent)")
                #expect(copy.snapshotLength == original.snapshotLength, "\(file.lastPathComponent)")
                var seen = 0
                while let a = try original.next() {
                    let b = try #require(try copy.next(), "\(file.lastPathComponent): copy ends early")
                    #expect(a.header == b.header, "\(file.lastPathComponent) packet \(seen)")
                    #expect(Array(a.bytes) == Array(b.bytes), "\(file.lastPathComponent) packet \(seen)")
                    seen += 1
                }
                #expect(try copy.next() == nil)
                #expect(seen == count)
                files += 1
            }
        }
        print("pcapng writer: \(files) file/precision pairs read back identically by libpcap")
        #expect(files > 100)
    }

    /// tcpdump prints our pcapng exactly as it prints the original capture.
    @Test(.enabled(if: TcpdumpRunner.path != nil, "tcpdump is not installed"))
    func tcpdumpPrintsItLikeTheOriginal() throws {
        let scratch = try makeScratchDirectory("pcapng-print")
        defer { try? FileManager.default.removeItem(at: scratch) }
        for name in ["demo.pcap", "eth-ipv6.pcap", "raw.pcap", "linux-sll.pcap", "null.pcap"] {
            let input = Corpus.pcap(name).path
            let output = scratch.appendingPathComponent(name + "ng").path
            _ = try Self.convert(input, to: output, precision: .nanoseconds, comment: "from \(name)")
            let original = try TcpdumpRunner.run(["-nn", "-v", "--nano", "-r", input])
            let copy = try TcpdumpRunner.run(["-nn", "-v", "--nano", "-r", output])
            #expect(copy.status == 0, "\(copy.stderr)")
            #expect(!original.stdout.isEmpty)
            #expect(copy.stdout == original.stdout, "\(name): tcpdump prints the pcapng copy differently")
        }
    }

    @Test func packetForUnknownInterfaceIsAnError() throws {
        let scratch = try makeScratchDirectory("pcapng-err")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var writer = try PcapngWriter(path: scratch.appendingPathComponent("x.pcapng").path)
        let bytes: [UInt8] = [1, 2, 3]
        var failure: CaptureError?
        bytes.withUnsafeBytes { raw in
            do {
                try writer.write(Packet(timestamp: Timestamp(seconds: 0, nanoseconds: 0), bytes: raw, wireLength: 3))
            } catch {
                failure = error as? CaptureError
            }
        }
        #expect(failure?.kind == .writeFile)
        #expect(throws: CaptureError(.writeFile, "/nonexistent-swiftdump-dir/x.pcapng: No such file or directory")) {
            _ = try PcapngWriter(path: "/nonexistent-swiftdump-dir/x.pcapng")
        }
    }
}
