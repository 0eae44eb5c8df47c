// The filter interpreter alone: BPFCore's CompiledFilter against libpcap's pcap_offline_filter, same program,
// same packets (all records of the generated capture, held in memory), thread CPU time per packet.
import BPFCore
import Capture
import FilterLang
import Glibc
import PcapOracle

enum InterpreterSpeed {
    struct Result {
        var oursNanoseconds: Double
        var libpcapNanoseconds: Double
        var accepted: Int
    }

    /// The records of `path`, copied into one buffer: (offset, captured length, wire length) per packet.
    final class Packets {
        var bytes: [UInt8] = []
        var records: [(offset: Int, count: Int, wire: UInt32)] = []
    }

    static func load(_ path: String) throws -> Packets {
        let packets = Packets()
        var reader = try SavefileReader(path: path)
        while let packet = try reader.next() {
            packets.records.append((packets.bytes.count, packet.bytes.count, packet.header.wireLength))
            packets.bytes += packet.bytes
        }
        return packets
    }

    static func threadCPUNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
    }

    /// Median ns/packet over `rounds` interleaved rounds of each interpreter over every packet.
    static func measure(expression: String, path: String, rounds: Int) throws -> Result {
        let packets = try load(path)
        let reader = try SavefileReader(path: path)
        let compiler = FilterCompiler(linkType: reader.linkType, snaplen: UInt32(reader.snapshotLength),
                                      forSavefile: true, swappedSavefile: reader.isByteSwapped)
        let program = try compiler.compile(expression)
        let ours = try CompiledFilter(program)
        let libpcap = PcapOfflineFilter(program)
        var oursTimes: [Double] = []
        var theirTimes: [Double] = []
        var acceptedOurs = 0
        var acceptedTheirs = 0
        packets.bytes.withUnsafeBytes { all in
            for _ in 0..<rounds {
                var accepted = 0
                var start = threadCPUNanoseconds()
                for record in packets.records {
                    let bytes = UnsafeRawBufferPointer(rebasing: all[record.offset..<(record.offset + record.count)])
                    if ours.run(packet: bytes, wireLength: record.wire) != 0 { accepted += 1 }
                }
                oursTimes.append(Double(threadCPUNanoseconds() - start) / Double(packets.records.count))
                acceptedOurs = accepted
                accepted = 0
                start = threadCPUNanoseconds()
                for record in packets.records {
                    let bytes = UnsafeRawBufferPointer(rebasing: all[record.offset..<(record.offset + record.count)])
                    if libpcap.run(packet: bytes, wireLength: record.wire) != 0 { accepted += 1 }
                }
                theirTimes.append(Double(threadCPUNanoseconds() - start) / Double(packets.records.count))
                acceptedTheirs = accepted
            }
        }
        guard acceptedOurs == acceptedTheirs else {
            throw ChildProcess.Failure(description: "interpreters disagree: \(acceptedOurs) vs \(acceptedTheirs)")
        }
        return Result(oursNanoseconds: median(oursTimes), libpcapNanoseconds: median(theirTimes),
                      accepted: acceptedOurs)
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
