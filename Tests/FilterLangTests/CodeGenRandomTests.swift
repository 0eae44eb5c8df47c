import BPFCore
@testable import FilterLang
import PcapOracle
import Testing
import TestSupport

/// Random combinations of primitives, arithmetic and encapsulations, compiled by libpcap and by us.
@Suite struct CodeGenRandomTests {
    static let primitives = [
        "ip", "ip6", "arp", "rarp", "tcp", "udp", "icmp", "icmp6", "sctp", "igmp", "pim", "vrrp", "ah", "esp",
        "host 10.1.2.3", "src host 10.1.2.3", "dst net 10.0.0.0/8", "net 172.16", "src and dst net 192.168.1.0 mask 255.255.255.0",
        "host fe80::1", "net 2001:db8::/32", "port 53", "tcp dst port 80", "udp src portrange 1000-2000", "sctp port 9",
        "ether host 1:2:3:4:5:6", "ether src 0:1:2:3:4:5", "ether broadcast", "ether multicast", "ip multicast",
        "ip6 multicast", "ip broadcast", "less 64", "greater 1500", "ip proto 47", "ip6 proto 17", "proto 6",
        "ether proto 0x88cc", "vlan", "vlan 7", "mpls", "mpls 16", "pppoed", "pppoes", "pppoes 9", "llc", "stp", "ipx",
        "netbeui", "iso", "clnp", "isis", "l1", "decnet host 1.2", "atalk", "aarp", "lat", "sca", "mopdl", "moprc",
        "inbound", "outbound", "ip protochain 6", "ip6 protochain 44", "geneve", "geneve 5", "wlan type data",
        "wlan addr1 1:2:3:4:5:6", "wlan dir tods", "radio[0] = 0",
        "byte 3 & 4", "byte 2 = 1", "byte 1 < 3", "byte 5 | 1", "rnr 3", "reason match", "action pass", "on eth0",
        "vpi 1", "vci > 3", "lane", "oam", "metac", "connectmsg", "sio 3", "fisu", "hdpc != 3", "link host $c0",
        "type mgt subtype beacon", "llc u", "llc rr", "ifindex 4", "ether proto \\ip", "link proto \\arp",
        "tcp portrange ftp-telnet", "udp port domain", "portrange 10-5",
    ]
    static let arithmeticAtoms = ["len", "4", "0x10", "ip[0]", "ip[2:2]", "tcp[13]", "udp[4:2]", "icmp[0]", "ip6[6]",
                                  "ether[12:2]", "link[0]", "tcp[tcpflags]", "icmp6[0]", "ip[ip[0] & 0xf]"]
    static let operators = ["+", "-", "*", "/", "&", "|", "^", "<<", ">>", "%"]
    static let relations = [">", ">=", "=", "!=", "<", "<="]

    static func arithmetic(_ r: inout SeededGenerator, depth: Int) -> String {
        if depth == 0 || r.chance(40) { return r.pick(arithmeticAtoms) }
        if r.chance(10) { return "-" + arithmetic(&r, depth: depth - 1) }
        return "(\(arithmetic(&r, depth: depth - 1)) \(r.pick(operators)) \(arithmetic(&r, depth: depth - 1)))"
    }

    static func expression(_ r: inout SeededGenerator, depth: Int) -> String {
        if depth == 0 || r.chance(35) {
            if r.chance(25) {
                return "\(arithmetic(&r, depth: 2)) \(r.pick(relations)) \(arithmetic(&r, depth: 1))"
            }
            return r.pick(primitives)
        }
        switch r.next() % 4 {
        case 0: return "not \(expression(&r, depth: depth - 1))"
        case 1: return "(\(expression(&r, depth: depth - 1)) or \(expression(&r, depth: depth - 1)))"
        default: return "\(expression(&r, depth: depth - 1)) and \(expression(&r, depth: depth - 1))"
        }
    }

    @Test(arguments: [LinkType.en10mb, .raw, .linuxSLL, .linuxSLL2, .null, .loop, LinkType(rawValue: 105),
                      LinkType(rawValue: 127), LinkType(rawValue: 117), LinkType(rawValue: 123), LinkType(rawValue: 10),
                      LinkType(rawValue: 192), LinkType(rawValue: 9),
                      LinkType(rawValue: 140), LinkType(rawValue: 7), LinkType(rawValue: 104), LinkType(rawValue: 8)])
    func randomExpressionsMatchLibpcap(linkType: LinkType) {
        var rng = SeededGenerator(seed: UInt64(bitPattern: Int64(linkType.rawValue)) &* 7919)
        var same = 0, programs = 0
        let count = 300
        for _ in 0..<count {
            let expr = Self.expression(&rng, depth: 4)
            let oracle = PcapOracle.compile(expr, linkType: linkType, optimize: false)
            let ours = Result { () throws(FilterError) -> Program in
                try FilterCompiler(linkType: linkType).compile(expr, optimize: false)
            }
            switch (oracle, ours) {
            case (.success(let a), .success(let b)):
                programs += 1
                if a == b { same += 1 } else { Issue.record("\(expr) on \(linkType): programs differ") }
            case (.failure(let a), .failure(let b)):
                if a.message.contains(b.message) && !b.message.isEmpty {
                    same += 1
                } else {
                    Issue.record("\(expr) on \(linkType): libpcap '\(a.message)', ours '\(b.message)'")
                }
            case (.success, .failure(let b)):
                Issue.record("\(expr) on \(linkType): libpcap compiles, ours fails '\(b.message)'")
            case (.failure(let a), .success):
                Issue.record("\(expr) on \(linkType): libpcap fails '\(a.message)', ours compiles")
            }
        }
        print("random \(linkType): \(same)/\(count) identical, \(programs) programs")
        #expect(same == count)
    }
}
