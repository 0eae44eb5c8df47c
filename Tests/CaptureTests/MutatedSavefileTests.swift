import Capture
import Foundation
import Testing
import TestSupport

/// Damaged savefiles made by seeded mutation of the fixtures: reading them never traps, every delivered packet
/// is consistent, and a sample matches tcpdump's packets and message exactly.
@Suite("Mutated savefiles")
struct MutatedSavefileTests {
    static func mutate(_ original: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
        var bytes = original
        guard !bytes.isEmpty else { return bytes }
        switch rng.below(4) {
        case 0:  // flip a few bytes anywhere
            for _ in 0...rng.below(8) { bytes[rng.below(bytes.count)] ^= UInt8(truncatingIfNeeded: rng.next() | 1) }
        case 1:  // an extreme value in an aligned 32-bit field near the start or at a record boundary
            let extremes: [UInt32] = [0, 1, 0xffff_ffff, 0x7fff_ffff, 0x0004_0000, 0x0004_0001, 65535, 16]
            let offset = rng.below(min(bytes.count, 128) / 4) * 4
            let value = extremes[rng.below(extremes.count)]
            for i in 0..<4 where offset + i < bytes.count { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * i)) }
        case 2:  // cut anywhere
            bytes.removeLast(rng.below(bytes.count))
        default:  // duplicate a slice (shifts records out of alignment)
            let start = rng.below(bytes.count)
            let length = rng.below(min(64, bytes.count - start))
            bytes.insert(contentsOf: bytes[start..<(start + length)], at: rng.below(bytes.count))
        }
        return bytes
    }

    /// Reads `bytes` to the end or the first error; returns (packets, error message).
    static func read(_ bytes: [UInt8], precision: TimestampPrecision) -> (Int, String?) {
        bytes.withUnsafeBytes { raw -> (Int, String?) in
            do {
                var reader = try SavefileReader(bytes: raw, precision: precision)
                var count = 0
                while let packet = try reader.next() {
                    #expect(packet.bytes.count == Int(packet.header.captureLength))
                    #expect(packet.header.captureLength <= 262_144 || reader.version.major != 2)
                    count += 1
                    if count > 100_000 { break }
                }
                return (count, nil)
            } catch {
                return (0, (error as? CaptureError)?.message ?? "\(error)")
            }
        }
    }

    @Test func mutatedInputsNeverTrap() throws {
        var rng = SeededGenerator(seed: 0x5157_1FD0)
        let seeds = (SavefileFixtures.project + SavefileFixtures.tcpdump).compactMap { try? Data(contentsOf: $0) }
            .map { [UInt8]($0) }.filter { $0.count <= 64 * 1024 }
        #expect(seeds.count >= 40)
        var inputs = 0
        var errors = 0
        for round in 0..<200 {
            for seed in seeds {
                let mutated = Self.mutate(seed, &rng)
                let (_, error) = Self.read(mutated, precision: round % 2 == 0 ? .microseconds : .nanoseconds)
                if error != nil { errors += 1 }
                inputs += 1
            }
        }
        print("mutated savefiles: \(inputs) inputs read without a trap, \(errors) ended with an error")
    }

    /// Reading from memory gives what reading the file gives.
    @Test func inMemoryReadingMatchesFileReading() throws {
        var files = 0
        for file in SavefileFixtures.all {
            let bytes = [UInt8](try Data(contentsOf: file))
            var fromFile: [String] = []
            var fileError: String?
            do {
                var reader = try SavefileReader(path: file.path)
                while let packet = try reader.next() { fromFile.append("\(packet.header) \(Array(packet.bytes))") }
            } catch { fileError = error.message }
            var fromMemory: [String] = []
            var memoryError: String?
            bytes.withUnsafeBytes { raw in
                do {
                    var reader = try SavefileReader(bytes: raw)
                    while let packet = try reader.next() { fromMemory.append("\(packet.header) \(Array(packet.bytes))") }
                } catch { memoryError = (error as? CaptureError)?.message }
            }
            #expect(fromFile == fromMemory, "\(file.lastPathComponent)")
            #expect(fileError == memoryError, "\(file.lastPathComponent)")
            files += 1
        }
        #expect(files >= 80)
    }

    @Test(.enabled(if: TcpdumpRunner.path != nil, "tcpdump is not installed"))
    func mutatedSampleMatchesTcpdump() throws {
        let scratch = try makeScratchDirectory("mutated")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var rng = SeededGenerator(seed: 0xC0FF_EE00)
        let seeds = SavefileFixtures.project.filter { $0.lastPathComponent != "demo.pcap" }
            .compactMap { try? Data(contentsOf: $0) }.map { [UInt8]($0) }
        var compared = 0
        var midFile = 0
        for round in 0..<8 {
            for seed in seeds {
                let mutated = Self.mutate(seed, &rng)
                let input = scratch.appendingPathComponent("m.pcap")
                try Data(mutated).write(to: input)
                let theirs = scratch.appendingPathComponent("theirs.pcap")
                let ours = scratch.appendingPathComponent("ours.pcap")
                try? FileManager.default.removeItem(at: theirs)
                try? FileManager.default.removeItem(at: ours)
                let tcpdump = try TcpdumpRunner.run(["-r", input.path, "-w", theirs.path, "-Z", "root"])
                var message: String?
                do {
                    var reader = try SavefileReader(path: input.path)
                    let writer = try SavefileWriter(path: ours.path, matching: reader)
                    do {
                        while let packet = try reader.next() { writer.write(packet) }
                    } catch {
                        message = error.message
                        midFile += 1
                    }
                    try writer.close()
                } catch {
                    message = error.message
                }
                if let theirError = tcpdump.lastError, theirError.hasPrefix("unknown data link type") { continue }
                #expect(message == tcpdump.lastError, "round \(round): tcpdump said \(tcpdump.stderr)")
                #expect((try? Data(contentsOf: theirs)) == (try? Data(contentsOf: ours)), "round \(round): output differs")
                compared += 1
            }
        }
        print("mutated savefiles vs tcpdump: \(compared) compared (\(midFile) stopped mid-file), packets and messages identical")
    }
}
