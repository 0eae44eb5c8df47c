import BPFCore
@testable import FilterLang
import PcapOracle
import Testing
import TestSupport

/// Random token sequences, many of them odd or invalid: the compiler must never trap, and whatever libpcap
/// compiles must compile to the same program.
@Suite struct CodeGenTokenSoupTests {
    static let vocabulary = [
        "host", "net", "port", "portrange", "proto", "protochain", "src", "dst", "or", "and", "not", "(", ")",
        "ip", "ip6", "tcp", "udp", "ether", "link", "wlan", "arp", "decnet", "iso", "isis", "vlan", "mpls", "pppoes",
        "geneve", "llc", "broadcast", "multicast", "less", "greater", "len", "[", "]", ":", "+", "-", "*", "/", "&",
        "|", "<<", ">>", "=", "!=", "<", ">", "0", "1", "4", "13", "255", "256", "1500", "65535", "65536",
        "4294967295", "0xffffffff", "10.1", "1.2.3.4", "1.2.3.0/24", "300.1.1.1", "::1", "fe80::/10", "1:2:3:4:5:6",
        "$7f", "mask", "255.255.0.0", "icmp-echo", "tcpflags", "tcp-syn", "addr1", "ra", "type", "data", "subtype",
        "inbound", "ifindex", "reason", "byte", "vpi", "sio", "opc", "fisu", "lane", "gateway", "\\ip", "smtp",
    ]

    @Test(arguments: [LinkType.en10mb, .raw, .linuxSLL2, LinkType(rawValue: 127), LinkType(rawValue: 123),
                      LinkType(rawValue: 140), LinkType(rawValue: 117)])
    func tokenSoup(linkType: LinkType) {
        var rng = SeededGenerator(seed: 0x5eed &+ UInt64(bitPattern: Int64(linkType.rawValue)))
        var compiledByBoth = 0
        for _ in 0..<1500 {
            let length = 1 + Int(rng.next() % 7)
            let expr = (0..<length).map { _ in rng.pick(Self.vocabulary) }.joined(separator: " ")
            let ours = Result { () throws(FilterError) -> Program in
                try FilterCompiler(linkType: linkType).compile(expr, optimize: false)
            }
            guard case .success(let theirs) = PcapOracle.compile(expr, linkType: linkType, optimize: false) else { continue }
            switch ours {
            case .success(let program):
                compiledByBoth += 1
                #expect(program == theirs, "\(expr) on \(linkType)")
            case .failure(let error):
                Issue.record("\(expr) on \(linkType): libpcap compiles, ours fails: \(error.message)")
            }
        }
        print("token soup \(linkType): \(compiledByBoth) programs compiled by both")
    }
}
