import Capture
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TestSupport
import Testing
import TestSupport

/// SavefileReader reads plain pcap files itself in large blocks and hands damaged records over to libpcap.
/// Reading from memory always goes through libpcap, so a file read by path must give exactly what its bytes read
/// from memory give: the same packets (timestamps, lengths, bytes) and the same error at the same place.
@Suite("Savefile fast path")
struct SavefileFastPathTests {
    /// Every packet as text, then the error message if reading stopped on one.
    static func readPath(_ path: String, precision: TimestampPrecision) -> [String] {
        var lines: [String] = []
        do {
            var reader = try SavefileReader(path: path, precision: precision)
            while let packet = try reader.next() {
                lines.append("\(packet.header) \(packet.bytes.count) \(packet.bytes.reduce(0) { $0 &* 31 &+ Int($1) })")
            }
        } catch {
            lines.append("error: \(error.message)")
        }
        return lines
    }

    static func readMemory(_ bytes: [UInt8], precision: TimestampPrecision) -> [String] {
        bytes.withUnsafeBytes { raw in
            var lines: [String] = []
            do {
                var reader = try SavefileReader(bytes: raw, precision: precision)
                while let packet = try reader.next() {
                    lines.append(
                        "\(packet.header) \(packet.bytes.count) \(packet.bytes.reduce(0) { $0 &* 31 &+ Int($1) })")
                }
            } catch {
                lines.append("error: \((error as? CaptureError)?.message ?? "\(error)")")
            }
            return lines
        }
    }

    /// A pcap file of `count` records of varied lengths (up to 1,500 bytes), spanning several 1 MiB blocks.
    static func largeCapture(count: Int, nanoseconds: Bool = false, snaplen: UInt32 = 65_535) -> [UInt8] {
        var bytes: [UInt8] = []
        func put(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        put(nanoseconds ? 0xa1b2_3c4d : 0xa1b2_c3d4)
        put(0x0004_0002)  // version 2.4
        put(0)
        put(0)
        put(snaplen)
        put(1)
        for index in 0..<count {
            let length = 14 + (index &* 7919) % 1_487
            put(UInt32(1_700_000_000 + index / 1000))
            // Out-of-range and "negative" sub-second values too: they must be passed on as libpcap does.
            put(index % 97 == 0 ? 0xffff_fff0 : UInt32((index &* 1_234_567) % 999_999_999))
            put(UInt32(length))
            put(UInt32(length + index % 3))
            bytes += (0..<length).map { UInt8(truncatingIfNeeded: $0 &+ index) }
        }
        return bytes
    }

    @Test(arguments: [TimestampPrecision.microseconds, .nanoseconds])
    func projectAndCorpusFilesMatchLibpcap(precision: TimestampPrecision) throws {
        var files = 0
        for file in SavefileFixtures.all {
            let bytes = [UInt8](try Data(contentsOf: file))
            #expect(Self.readPath(file.path, precision: precision) == Self.readMemory(bytes, precision: precision),
                    "\(file.lastPathComponent)")
            files += 1
        }
        #expect(files >= 80)
    }

    @Test func largeFilesCutAnywhereMatchLibpcap() throws {
        let scratch = try makeScratchDirectory("fastpath")
        defer { try? FileManager.default.removeItem(at: scratch) }
        for nanoseconds in [false, true] {
            let whole = Self.largeCapture(count: 3_000, nanoseconds: nanoseconds)
            #expect(whole.count > 2 << 20)
            // Whole, cut inside a record header, inside record data, and right at a block boundary.
            for cut in [0, 5, 700, 1_000_000, whole.count - (1 << 20) - 3, (1 << 20) + 24 - 16] {
                let bytes = Array(whole.dropLast(cut))
                let file = scratch.appendingPathComponent("big.pcap")
                try Data(bytes).write(to: file)
                for precision in [TimestampPrecision.microseconds, .nanoseconds] {
                    let fromPath = Self.readPath(file.path, precision: precision)
                    #expect(fromPath == Self.readMemory(bytes, precision: precision), "cut \(cut), nano \(nanoseconds)")
                    if cut == 0 { #expect(fromPath.count == 3_000) }
                }
            }
        }
    }

    /// A record longer than the snapshot length, and one longer than 262144 bytes: both are handed to libpcap,
    /// which cuts the first to the snapshot length and rejects the second, after the records before them.
    @Test func oversizedRecordsAreHandedToLibpcap() throws {
        let scratch = try makeScratchDirectory("fastpath-oversized")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var bytes = Self.largeCapture(count: 800, snaplen: 200)
        // largeCapture writes lengths above 200; lower the snapshot length after the fact to 1000 instead so
        // that only some records exceed it.
        withUnsafeBytes(of: UInt32(1000).littleEndian) { bytes.replaceSubrange(16..<20, with: $0) }
        let file = scratch.appendingPathComponent("oversized.pcap")
        try Data(bytes).write(to: file)
        let cutToSnaplen = Self.readPath(file.path, precision: .microseconds)
        #expect(cutToSnaplen == Self.readMemory(bytes, precision: .microseconds))
        #expect(cutToSnaplen.count == 800)

        // A captured length of 300000 in record 500 of a file whose records all fit its snapshot length.
        bytes = Self.largeCapture(count: 800)
        var offset = 24
        for _ in 0..<500 {
            let length = bytes[(offset + 8)..<(offset + 12)].reversed().reduce(0) { $0 << 8 | Int($1) }
            offset += 16 + length
        }
        withUnsafeBytes(of: UInt32(300_000).littleEndian) { bytes.replaceSubrange((offset + 8)..<(offset + 12), with: $0) }
        try Data(bytes).write(to: file)
        let rejected = Self.readPath(file.path, precision: .microseconds)
        #expect(rejected == Self.readMemory(bytes, precision: .microseconds))
        #expect(rejected.count == 501)
        #expect(rejected.last?.hasPrefix("error: pcap_loop: invalid packet capture length 300000") == true)
    }

    @Test func mutatedFilesMatchLibpcap() throws {
        let scratch = try makeScratchDirectory("fastpath-mutated")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var rng = SeededGenerator(seed: 0xFA57_9A7E)
        let seeds = (SavefileFixtures.project + SavefileFixtures.tcpdump).filter { $0.pathExtension == "pcap" }
            .compactMap { try? Data(contentsOf: $0) }.map { [UInt8]($0) }.filter { $0.count <= 64 * 1024 }
        #expect(seeds.count >= 20)
        let file = scratch.appendingPathComponent("m.pcap")
        var inputs = 0
        for round in 0..<20 {
            for seed in seeds {
                let mutated = MutatedSavefileTests.mutate(seed, &rng)
                try Data(mutated).write(to: file)
                let precision: TimestampPrecision = round % 2 == 0 ? .microseconds : .nanoseconds
                #expect(Self.readPath(file.path, precision: precision) == Self.readMemory(mutated, precision: precision),
                        "round \(round)")
                inputs += 1
            }
        }
        print("savefile fast path: \(inputs) mutated files read by path and from memory, identical")
    }

    /// A path that names a pipe (`/dev/fd/N`, as a shell's `<(…)` gives) or a FIFO is left to libpcap alone:
    /// the fast path must neither take bytes from the stream nor block opening it.
    @Test func pipesAndFIFOsAreReadByLibpcapAlone() throws {
        let file = Corpus.repositoryRoot.appendingPathComponent("pcaps/demo.pcap")
        let bytes = [UInt8](try Data(contentsOf: file))
        #expect(bytes.count < 65_536, "the pipe must hold the whole capture")
        let expected = Self.readMemory(bytes, precision: .microseconds)
        #expect(expected.count > 100)

        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let written = bytes.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) }
        #expect(written == bytes.count)
        close(ends[1])
        #expect(Self.readPath("/dev/fd/\(ends[0])", precision: .microseconds) == expected)
        close(ends[0])

        let scratch = try makeScratchDirectory("fastpath-fifo")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let fifo = scratch.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let payload = bytes
        Thread.detachNewThread {
            let descriptor = open(fifo, O_WRONLY)
            guard descriptor >= 0 else { return }
            _ = payload.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
        }
        #expect(Self.readPath(fifo, precision: .microseconds) == expected)
    }
}
