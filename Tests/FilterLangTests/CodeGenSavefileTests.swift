import BPFCore
import Foundation
@testable import FilterLang
import PcapOracle
import Testing

/// Compiling for a savefile (`tcpdump -r`): the snaplen comes from the file, `ip6` on NULL/LOOP/ENC accepts
/// every BSD AF_INET6 value, NULL/ENC constants follow the file's byte order, and `inbound`/`ifindex` need
/// a direction field in the link header.
@Suite struct CodeGenSavefileTests {
    /// Writes a pcap file header (no packets) for `linkType` in little- or big-endian order.
    static func header(linkType: Int32, bigEndian: Bool) throws -> String {
        var bytes: [UInt8] = []
        func put32(_ v: UInt32) {
            let b = [UInt8(v & 0xff), UInt8(v >> 8 & 0xff), UInt8(v >> 16 & 0xff), UInt8(v >> 24)]
            bytes += bigEndian ? b.reversed() : b
        }
        func put16(_ v: UInt16) {
            let b = [UInt8(v & 0xff), UInt8(v >> 8)]
            bytes += bigEndian ? b.reversed() : b
        }
        put32(0xa1b2_c3d4); put16(2); put16(4); put32(0); put32(0); put32(65535); put32(UInt32(bitPattern: linkType))
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("codegen-\(linkType)-\(bigEndian ? "be" : "le")-\(UUID().uuidString).pcap").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let expressions = ["ip", "ip6", "link proto \\ip6", "ether proto 2", "tcp port 80", "host 1.2.3.4",
                              "inbound", "outbound", "ifindex 3", "ip6 and udp", "not ip"]
    static let linkTypes: [Int32] = [0, 1, 108, 109, 113, 117, 8, 226, 276, 12]

    @Test(arguments: [false, true])
    func matchesLibpcapOnSavefiles(bigEndian: Bool) throws {
        var checked = 0
        for dlt in Self.linkTypes {
            let path = try Self.header(linkType: dlt, bigEndian: bigEndian)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let compiler = FilterCompiler(linkType: LinkType(rawValue: dlt), snaplen: 65535, names: CodeGenFixtures.names,
                                          forSavefile: true, swappedSavefile: bigEndian)
            for expr in Self.expressions {
                let oracle = PcapOracle.compile(expr, savefile: path, optimize: false)
                let ours = Result { () throws(FilterError) -> Program in try compiler.compile(expr, optimize: false) }
                switch (oracle, ours) {
                case (.success(let a), .success(let b)):
                    #expect(a.dump(.assembly) == b.dump(.assembly), "\(expr) on DLT \(dlt)")
                case (.failure(let a), .failure(let b)):
                    #expect(a.message.contains(b.message), "\(expr) on DLT \(dlt)")
                default:
                    Issue.record("\(expr) on DLT \(dlt): libpcap \(oracle), ours \(ours)")
                }
                checked += 1
            }
        }
        #expect(checked == Self.expressions.count * Self.linkTypes.count)
    }
}
