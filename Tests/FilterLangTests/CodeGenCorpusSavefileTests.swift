import BPFCore
import Foundation
@testable import FilterLang
import PcapOracle
import Testing
import TestSupport

/// The corpus captures: every corpus expression written for a capture's link type, compiled as
/// `tcpdump -r capture` compiles it (file snaplen, file byte order), equals libpcap's program.
@Suite struct CodeGenCorpusSavefileTests {
    /// (DLT, snaplen, big-endian) from a pcap file header, or nil for other formats.
    static func header(_ url: URL) -> (Int32, UInt32, Bool)? {
        guard let data = try? Data(contentsOf: url), data.count >= 24 else { return nil }
        let b = [UInt8](data.prefix(24))
        let bigEndian: Bool
        switch (b[0], b[1], b[2], b[3]) {
        case (0xd4, 0xc3, 0xb2, 0xa1), (0x4d, 0x3c, 0xb2, 0xa1): bigEndian = false
        case (0xa1, 0xb2, 0xc3, 0xd4), (0xa1, 0xb2, 0x3c, 0x4d): bigEndian = true
        default: return nil
        }
        func u32(_ at: Int) -> UInt32 {
            let v = (0..<4).map { UInt32(b[at + $0]) }
            return bigEndian ? v[0] << 24 | v[1] << 16 | v[2] << 8 | v[3] : v[3] << 24 | v[2] << 16 | v[1] << 8 | v[0]
        }
        let linktype = Int32(bitPattern: u32(20) & 0x03ff_ffff)
        let dltOf: [Int32: Int32] = [100: 11, 101: 12, 102: 15, 103: 16]
        return (dltOf[linktype] ?? linktype, u32(16), bigEndian)
    }

    @Test func corpusExpressionsOnCorpusCaptures() throws {
        guard let exprs = Corpus.text("libpcap/exprs.tsv") else {
            print("skipped: libpcap/exprs.tsv not found under \(Corpus.sharedRoot.path)")
            return
        }
        var byDLT: [String: [String]] = [:]
        for line in exprs.split(separator: "\n", omittingEmptySubsequences: false) {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count >= 2, !cols[0].lowercased().contains("libpcap.test") else { continue }
            byDLT[cols[1], default: []].append(cols[0])
        }
        let folder = Corpus.url("libpcap/savefiles")
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        var compared = 0
        for file in files.sorted(by: { $0.path < $1.path }) where file.pathExtension == "pcap" {
            guard let (dlt, snaplen, bigEndian) = Self.header(file), let name = LinkType(rawValue: dlt).name else { continue }
            // A file whose version libpcap refuses cannot be compiled on.
            guard case .success = PcapOracle.compile("", savefile: file.path, optimize: false) else { continue }
            let compiler = FilterCompiler(linkType: LinkType(rawValue: dlt), snaplen: snaplen == 0 ? 262_144 : snaplen,
                                          names: CodeGenFixtures.names, forSavefile: true, swappedSavefile: bigEndian)
            for expr in byDLT[name] ?? [] {
                let oracle = PcapOracle.compile(expr, savefile: file.path, optimize: false)
                let ours = Result { () throws(FilterError) -> Program in try compiler.compile(expr, optimize: false) }
                switch (oracle, ours) {
                case (.success(let a), .success(let b)):
                    #expect(a.dump(.assembly) == b.dump(.assembly), "\(expr) on \(file.lastPathComponent)")
                case (.failure(let a), .failure(let b)):
                    #expect(a.message.contains(b.message), "\(expr) on \(file.lastPathComponent)")
                default:
                    Issue.record("\(expr) on \(file.lastPathComponent): libpcap \(oracle), ours \(ours)")
                }
                compared += 1
            }
        }
        print("corpus captures: \(compared) (capture, expression) pairs compared")
        #expect(compared > 0)
    }
}
