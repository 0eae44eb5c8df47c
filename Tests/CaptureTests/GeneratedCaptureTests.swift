import Capture
import Foundation
import Testing
import TestSupport

@Suite("Generated captures in pcaps/")
struct GeneratedCaptureTests {
    static let python: String? = ["/usr/bin/python3", "/usr/local/bin/python3"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: GeneratedCaptureTests.python != nil, "python3 is not installed"))
    func generatorReproducesCommittedFiles() throws {
        let script = Corpus.repositoryRoot.appendingPathComponent("scripts/make-pcaps.py").path
        let output = try ProcessRunner.run(URL(fileURLWithPath: try #require(Self.python)), [script, "--check"], timeout: 600)
        print(output.stdoutText + output.stderrText, terminator: "")
        #expect(output.status == 0, "pcaps/ differs from what scripts/make-pcaps.py writes")
    }

    /// Every generated capture opens with the link type its name promises and holds the expected packet count.
    @Test(arguments: [
        ("demo.pcap", "EN10MB", 348), ("eth-ipv4-tcp.pcap", "EN10MB", 9), ("eth-ipv4-udp.pcap", "EN10MB", 6),
        ("eth-dns.pcap", "EN10MB", 6), ("eth-icmp.pcap", "EN10MB", 7), ("eth-ipv6.pcap", "EN10MB", 12),
        ("eth-arp.pcap", "EN10MB", 4), ("eth-vlan-qinq.pcap", "EN10MB", 6),
        ("eth-ipv4-options-fragments.pcap", "EN10MB", 7), ("eth-nano.pcap", "EN10MB", 4),
        ("eth-snaplen-96.pcap", "EN10MB", 9), ("eth-mixed.pcapng", "EN10MB", 10), ("raw.pcap", "RAW", 6),
        ("linux-sll.pcap", "LINUX_SLL", 6), ("linux-sll2.pcap", "LINUX_SLL2", 6), ("null.pcap", "NULL", 6),
        ("loop.pcap", "LOOP", 6),
    ])
    func captureOpens(name: String, linkType: String, packets: Int) throws {
        var reader = try SavefileReader(path: Corpus.pcap(name).path)
        #expect(reader.linkType.name == linkType)
        var count = 0
        var previous: Timestamp?
        while let packet = try reader.next() {
            count += 1
            #expect(packet.bytes.count == Int(packet.header.captureLength))
            #expect(packet.header.captureLength <= packet.header.wireLength)
            if let previous { #expect(previous < packet.header.timestamp) }
            previous = packet.header.timestamp
        }
        #expect(count == packets)
    }

    @Test func nanosecondFileKeepsNanoseconds() throws {
        var nano = try SavefileReader(path: Corpus.pcap("eth-nano.pcap").path, precision: .nanoseconds)
        var micro = try SavefileReader(path: Corpus.pcap("eth-nano.pcap").path)
        #expect(nano.precision == .nanoseconds)
        let first = try #require(try nano.next())
        #expect(first.header.timestamp == Timestamp(seconds: 1_700_000_130, nanoseconds: 123_456_789))
        let truncated = try #require(try micro.next())
        #expect(truncated.header.timestamp == Timestamp(seconds: 1_700_000_130, nanoseconds: 123_456_000))
    }

    @Test func snaplenFileReportsItsSnaplenAndCutsPackets() throws {
        var reader = try SavefileReader(path: Corpus.pcap("eth-snaplen-96.pcap").path)
        #expect(reader.snapshotLength == 96)
        var cut = 0
        while let packet = try reader.next() {
            #expect(packet.header.captureLength <= 96)
            if packet.header.captureLength < packet.header.wireLength {
                #expect(packet.header.captureLength == 96)
                cut += 1
            }
        }
        #expect(cut >= 1)
    }
}
