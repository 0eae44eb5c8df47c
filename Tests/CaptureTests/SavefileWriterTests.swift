import BPFCore
import Capture
import Foundation
import Testing
import TestSupport

@Suite("SavefileWriter")
struct SavefileWriterTests {
    @Test(.enabled(if: TcpdumpRunner.path != nil, "tcpdump is not installed"))
    func unwritablePathFailsLikeTcpdump() throws {
        let input = Corpus.pcap("raw.pcap").path
        let target = "/nonexistent-swiftdump-dir/out.pcap"
        let tcpdump = try TcpdumpRunner.run(["-r", input, "-w", target])
        #expect(tcpdump.status == 1)
        let reader = try SavefileReader(path: input)
        #expect(throws: CaptureError(.writeFile, try #require(tcpdump.lastError))) {
            _ = try SavefileWriter(path: target, matching: reader)
        }
    }

    /// A writer made from a link type alone writes libpcap's header: host-endian magic (µs or ns), version 2.4,
    /// the snapshot length, and the LINKTYPE_ number (DLT_RAW 12 is written as LINKTYPE_RAW 101).
    @Test(arguments: [
        (LinkType.en10mb, 262_144, TimestampPrecision.microseconds, "d4c3b2a1" + "02000400" + "0000000000000000" + "00000400" + "01000000"),
        (LinkType.raw, 65_535, TimestampPrecision.microseconds, "d4c3b2a1" + "02000400" + "0000000000000000" + "ffff0000" + "65000000"),
        (LinkType.linuxSLL2, 96, TimestampPrecision.nanoseconds, "4d3cb2a1" + "02000400" + "0000000000000000" + "60000000" + "14010000"),
    ])
    func headerMatchesLibpcap(linkType: LinkType, snaplen: Int, precision: TimestampPrecision, hex: String) throws {
        let scratch = try makeScratchDirectory("header")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let path = scratch.appendingPathComponent("h.pcap").path
        let payload: [UInt8] = Array(0..<20)
        do {
            let writer = try SavefileWriter(path: path, linkType: linkType, snapshotLength: snaplen, precision: precision)
            #expect(writer.bytesWritten == 24)
            payload.withUnsafeBytes { bytes in
                writer.write(Packet(timestamp: Timestamp(seconds: 1_700_000_000, nanoseconds: 123_456_789),
                                    bytes: bytes, wireLength: 60))
            }
            try writer.flush()
            #expect(writer.bytesWritten == 24 + 16 + 20)
            try writer.close()
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let header = data.prefix(24).map { String(format: "%02x", $0) }.joined()
        #expect(header == hex)
        let fraction: UInt32 = precision == .nanoseconds ? 123_456_789 : 123_456
        let record = data.dropFirst(24).prefix(16)
        let expected = [UInt32(1_700_000_000), fraction, 20, 60].flatMap { value in
            (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
        }
        #expect(Array(record) == expected)
        #expect(Array(data.dropFirst(40)) == payload)
        // And it reads back.
        var reader = try SavefileReader(path: path, precision: precision)
        #expect(reader.linkType == linkType)
        #expect(reader.snapshotLength == snaplen)
        let packet = try #require(try reader.next())
        #expect(packet.header.wireLength == 60)
        #expect(Array(packet.bytes) == payload)
        #expect(try reader.next() == nil)
    }
}
