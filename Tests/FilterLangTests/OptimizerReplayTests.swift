import BPFCore
import FilterLang
import Foundation
import PcapOracle
import Testing
import TestSupport

/// Offline replay: on every classic pcap capture of the repository and of the shared corpus, the program
/// swiftdump's optimizer produces keeps exactly the packets libpcap 1.10.3's optimized program keeps, for the
/// corpus expressions of the capture's link type and a few common ones.
@Suite struct OptimizerReplayTests {
    struct Capture {
        var name: String
        var linkType: LinkType
        var snaplen: UInt32
        var packets: [(bytes: [UInt8], wire: UInt32)]
    }

    /// Reads a classic pcap file (either byte order); nil for pcapng or damaged files.
    static func readPcap(_ url: URL, limit: Int) -> Capture? {
        guard let data = try? Data(contentsOf: url), data.count >= 24 else { return nil }
        let bytes = [UInt8](data)
        func u32(_ at: Int, _ swapped: Bool) -> UInt32? {
            guard at >= 0, at + 4 <= bytes.count else { return nil }
            let v = UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16
                | UInt32(bytes[at + 3]) << 24
            return swapped ? v.byteSwapped : v
        }
        guard let magic = u32(0, false) else { return nil }
        let swapped: Bool
        switch magic {
        case 0xa1b2_c3d4, 0xa1b2_3c4d: swapped = false
        case 0xd4c3_b2a1, 0x4d3c_b2a1: swapped = true
        default: return nil
        }
        guard let snap = u32(16, swapped), let rawLink = u32(20, swapped) else { return nil }
        var link = Int32(rawLink & 0x03ff_ffff)
        if link == 101 { link = 12 }  // LINKTYPE_RAW is DLT_RAW on Linux
        var packets: [(bytes: [UInt8], wire: UInt32)] = []
        var at = 24
        while packets.count < limit, let incl = u32(at + 8, swapped), let orig = u32(at + 12, swapped) {
            let start = at + 16, end = start + Int(incl)
            guard incl <= 0x0400_0000, end <= bytes.count else { break }
            packets.append((Array(bytes[start..<end]), orig))
            at = end
        }
        return Capture(name: url.lastPathComponent, linkType: LinkType(rawValue: link),
                       snaplen: snap == 0 ? 262_144 : snap, packets: packets)
    }

    static func captures() -> [Capture] {
        var urls: [URL] = []
        let fm = FileManager.default
        for dir in [Corpus.url("libpcap/savefiles"), Corpus.repositoryRoot.appendingPathComponent("pcaps"),
                    Corpus.url("tcpdump/pcaps")] {
            let names = (try? fm.contentsOfDirectory(atPath: dir.path)) ?? []
            urls += names.sorted().filter { $0.hasSuffix(".pcap") }.map { dir.appendingPathComponent($0) }
        }
        return urls.compactMap { readPcap($0, limit: 120) }
    }

    static let common = ["tcp port 80", "ip", "ip6", "arp", "udp", "icmp", "tcp", "vlan", "port 53",
                         "host 10.0.0.1 or host 192.168.1.1 or port 443", "not tcp and not udp",
                         "ip[0] & 0xf != 5", "tcp[tcpflags] & (tcp-syn|tcp-fin) != 0", "greater 100",
                         "ether broadcast or ether multicast", "ip6 and tcp", "udp portrange 1-1000"]

    @Test func replayKeepsTheSamePackets() throws {
        let caps = Self.captures()
        guard !caps.isEmpty else {
            print("skipped: no classic pcap captures found")
            return
        }
        let golden = OptimizerTestSupport.golden() ?? []
        var runs = 0, packetsChecked = 0
        var differences: [String] = []
        // Every corpus expression of a link type runs on one capture of that type (spread round-robin), and
        // the common expressions on every capture: each expression is replayed, at a bearable cost.
        var capturesPerType: [Int32: Int] = [:]
        for cap in caps { capturesPerType[cap.linkType.rawValue, default: 0] += 1 }
        var seenPerType: [Int32: Int] = [:]
        for cap in caps {
            guard let dltName = cap.linkType.name else { continue }
            let slot = seenPerType[cap.linkType.rawValue, default: 0]
            seenPerType[cap.linkType.rawValue] = slot + 1
            let stride = capturesPerType[cap.linkType.rawValue] ?? 1
            var exprs = Self.common
            let corpus = golden.filter { $0.DLT == dltName && $0.opt_rc == 0 }.map(\.expr)
            exprs += corpus.enumerated().filter { $0.offset % stride == slot }.map(\.element)
            let compiler = FilterCompiler(linkType: cap.linkType, snaplen: cap.snaplen)
            for expr in exprs where !expr.lowercased().contains("0xffffffff") {
                guard case .success(let theirs) = PcapOracle.compile(expr, linkType: cap.linkType, optimize: true,
                                                                    snaplen: Int32(clamping: cap.snaplen)),
                      let program = try? compiler.compile(expr, optimize: true),
                      let ours = try? CompiledFilter(program) else { continue }
                runs += 1
                for p in cap.packets {
                    packetsChecked += 1
                    let a = ours.run(p.bytes, wireLength: p.wire)
                    let b = PcapOracle.filter(theirs, packet: p.bytes, wireLength: p.wire)
                    if a != b {
                        differences.append("\(cap.name): \(expr)")
                        break
                    }
                }
            }
        }
        print("replay: \(runs) (capture, expression) pairs, \(packetsChecked) packet runs, \(differences.count) differing")
        for d in differences.prefix(20) { print("  DIFFERS \(d)") }
        #expect(runs > 100)
        #expect(differences.isEmpty)
    }
}
