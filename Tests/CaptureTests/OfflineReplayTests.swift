import BPFCore
import Capture
import Foundation
import PcapOracle
import Testing

/// Runs a program with libpcap's interpreter (the oracle).
struct OracleProgramFilter: PacketFilter {
    let program: Program
    func accepts(_ packet: Packet) -> Bool {
        PcapOracle.filter(program, packet: Array(packet.bytes), wireLength: packet.header.wireLength) != 0
    }
}

/// Counts what it is handed and remembers the capture lengths.
struct CountingSink: PacketSink {
    var lengths: [UInt32] = []
    mutating func consume(_ packet: Packet) throws(CaptureError) { lengths.append(packet.header.captureLength) }
}

@Suite("Offline replay matches tcpdump -r X -w out EXPR")
struct OfflineReplayTests {
    /// Expressions over many protocol families; each is compiled for the file's link type.
    static let expressions = [
        "", "tcp", "udp", "icmp", "ip6", "arp", "not ip", "vlan", "port 53", "tcp[tcpflags] & tcp-syn != 0",
        "greater 200", "less 80", "ip and not tcp", "ether broadcast", "ip multicast or ip6 multicast",
        "udp port 53 or icmp6", "ip[6:2] & 0x3fff != 0", "host 10.0.0.1 or net 192.168.0.0/16",
        "tcp port 80 and len > 100", "ip proto 47 or ip proto 50 or ip proto 51",
    ]

    static func replay(_ input: String, expression: String, limit: Int?, to output: String) throws
        -> (OfflineReplay.Summary?, String?)
    {
        var reader = try SavefileReader(path: input)
        let program: Program
        switch PcapOracle.compile(expression, savefile: input) {
        case .success(let compiled): program = compiled
        case .failure(let error): return (nil, error.message)
        }
        var writer = try SavefileWriter(path: output, matching: reader)
        // The product path: BPFCore's interpreter over the reader's buffers.
        let filter = try CompiledFilter(program)
        let result = Result { () throws(ReplayFailure) -> OfflineReplay.Summary in
            try OfflineReplay.run(&reader, filter: filter, limit: limit, into: &writer)
        }
        try writer.close()
        switch result {
        case .success(let summary): return (summary, nil)
        case .failure(let failure): return (failure.summary, failure.error.message)
        }
    }

    @Test(.enabled(if: TcpdumpRunner.path != nil, "tcpdump is not installed"))
    func filteredCopiesMatchTcpdump() throws {
        let scratch = try makeScratchDirectory("replay")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var compared = 0
        var rejected = 0
        var kept = 0
        for file in SavefileFixtures.all {
            for expression in Self.expressions {
                let theirs = scratch.appendingPathComponent("theirs.pcap")
                let ours = scratch.appendingPathComponent("ours.pcap")
                try? FileManager.default.removeItem(at: theirs)
                try? FileManager.default.removeItem(at: ours)
                let tcpdump = try TcpdumpRunner.run(
                    ["-r", file.path, "-w", theirs.path, "-Z", "root"] + (expression.isEmpty ? [] : [expression]))
                var summary: OfflineReplay.Summary?
                var error: String?
                do {
                    (summary, error) = try Self.replay(file.path, expression: expression, limit: nil, to: ours.path)
                } catch let failure as CaptureError {
                    error = failure.message
                }
                let name = "\(file.lastPathComponent) '\(expression)'"
                if tcpdump.status == 0 {
                    #expect(error == nil, "\(name): we failed with \(error ?? "")")
                } else {
                    #expect(error == tcpdump.lastError, "\(name): tcpdump said \(tcpdump.stderr)")
                    if summary == nil { rejected += 1; continue }
                }
                let theirBytes = try? Data(contentsOf: theirs)
                let ourBytes = try? Data(contentsOf: ours)
                #expect(theirBytes == ourBytes,
                        "\(name): output differs (\(theirBytes?.count ?? -1) vs \(ourBytes?.count ?? -1) bytes)")
                kept += summary?.kept ?? 0
                compared += 1
            }
        }
        print("offline replay: \(compared) file/expression pairs byte-identical to tcpdump -w (\(kept) packets kept), \(rejected) rejected by both compilers")
        #expect(compared > 1000)
    }

    @Test(.enabled(if: TcpdumpRunner.path != nil, "tcpdump is not installed"))
    func countLimitStopsLikeTcpdump() throws {
        let scratch = try makeScratchDirectory("limit")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = SavefileFixtures.libpcap.first { $0.lastPathComponent == "vxlan.pcap" }
        let input = try #require(file).path
        for limit in [1, 2, 5] {
            let theirs = scratch.appendingPathComponent("theirs-\(limit).pcap")
            let ours = scratch.appendingPathComponent("ours-\(limit).pcap")
            let tcpdump = try TcpdumpRunner.run(["-r", input, "-w", theirs.path, "-Z", "root", "-c", "\(limit)", "ip"])
            #expect(tcpdump.status == 0)
            let (summary, error) = try Self.replay(input, expression: "ip", limit: limit, to: ours.path)
            #expect(error == nil)
            #expect(summary?.kept == limit)
            #expect((try? Data(contentsOf: theirs)) == (try? Data(contentsOf: ours)), "-c \(limit) output differs")
        }
    }

    /// Our interpreter and libpcap's keep the same packets of every generated capture.
    @Test func interpreterAgreesWithLibpcapOnGeneratedCaptures() throws {
        var decisions = 0
        for file in SavefileFixtures.project {
            for expression in Self.expressions {
                guard case .success(let program) = PcapOracle.compile(expression, savefile: file.path) else { continue }
                let ours = try CompiledFilter(program)
                let theirs = OracleProgramFilter(program: program)
                var reader = try SavefileReader(path: file.path)
                while let packet = try reader.next() {
                    #expect(ours.accepts(packet) == theirs.accepts(packet),
                            "\(file.lastPathComponent) '\(expression)' packet \(decisions)")
                    decisions += 1
                }
            }
        }
        print("interpreter vs libpcap on pcaps/: \(decisions) decisions agree")
        #expect(decisions > 5000)
    }

    @Test func replayStopsOnDamageAfterDeliveringEarlierPackets() throws {
        let scratch = try makeScratchDirectory("damage")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let damaged = try #require(DamagedSavefiles.all().first { $0.0 == "record-data-cut.pcap" })
        let input = scratch.appendingPathComponent("cut.pcap")
        try damaged.1.write(to: input)
        var reader = try SavefileReader(path: input.path)
        var sink = CountingSink()
        #expect(throws: ReplayFailure.self) {
            try OfflineReplay.run(&reader, filter: AcceptAllPackets(), into: &sink)
        }
        #expect(sink.lengths == [60])
        do {
            var again = try SavefileReader(path: input.path)
            var other = CountingSink()
            _ = try OfflineReplay.run(&again, filter: AcceptAllPackets(), into: &other)
            Issue.record("the damaged file was read without an error")
        } catch let error as ReplayFailure {
            #expect(error.summary == OfflineReplay.Summary(read: 1, kept: 1))
            #expect(error.error.message == "pcap_loop: truncated dump file; tried to read 60 captured bytes, only got 47")
        }
    }
}
