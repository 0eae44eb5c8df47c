import BPFCore
import Foundation
@testable import FilterLang
import TestSupport

/// The name databases libpcap's test suite installs (`*.libpcap.test` hosts, ethers and networks) plus the
/// services and protocols the corpus uses, with the values of a Debian /etc: compilation in tests never
/// depends on the machine's files.
enum CodeGenFixtures {
    static func v6(_ text: String) -> HostAddress {
        // Expand a "fd00:a1b2:c3d4::…" literal with one "::".
        let halves = text.components(separatedBy: "::")
        let head = halves[0].split(separator: ":").map { UInt16($0, radix: 16) ?? 0 }
        let tail = halves.count > 1 ? halves[1].split(separator: ":").map { UInt16($0, radix: 16) ?? 0 } : []
        let groups = head + [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
        return .ipv6(groups.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] })
    }

    static func v4(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32) -> HostAddress { .ipv4(a << 24 | b << 16 | c << 8 | d) }

    static let names: InMemoryNames = {
        let v6a = v6("fd00:a1b2:c3d4::1020:3040:5060:7080")
        let x3456 = v6("fd00:a1b2:c3d4::a0b0:c0d0:e0f0:3456"), x1278 = v6("fd00:a1b2:c3d4::a0b0:c0d0:e0f0:1278")
        let v4a = v4(10, 20, 30, 40)
        let four = [v4(192, 168, 241, 3), v4(192, 168, 244, 2), v4(192, 168, 242, 4), v4(192, 168, 243, 1)]
        // getaddrinfo's order differs with and without IPv6 addresses present.
        let fourAlone = [v4(192, 168, 243, 1), v4(192, 168, 242, 4), v4(192, 168, 244, 2), v4(192, 168, 241, 3)]
        let hosts: [String: [HostAddress]] = [
            "noeth-ipv4-noipv6.host123.libpcap.test": [v4a],
            "noeth-ipv4-ipv6.host123.libpcap.test": [v6a, v4a],
            "eth-ipv4-noipv6.host123.libpcap.test": [v4a],
            "eth-ipv4-ipv6.host123.libpcap.test": [v6a, v4a],
            "noeth-noipv4-ipv6.host123.libpcap.test": [v6a],
            "eth-noipv4-ipv6.host123.libpcap.test": [v6a],
            "eth-ipv4x4-noipv6.host357.libpcap.test": fourAlone,
            "eth-noipv4-ipv6x2.host357.libpcap.test": [x1278, x3456],
            "eth-ipv4x4-ipv6x2.host357.libpcap.test": [x3456, x1278] + four,
        ]
        let mac123: [UInt8] = [0xaa, 0x00, 0x04, 0x00, 0x14, 0x0e], mac357: [UInt8] = [0xaa, 0x00, 0x04, 0x00, 0x01, 0x08]
        let ethers: [String: [UInt8]] = [
            "eth-noipv4-noipv6.host123.libpcap.test": mac123, "eth-noipv4-ipv6.host123.libpcap.test": mac123,
            "eth-ipv4-noipv6.host123.libpcap.test": mac123, "eth-ipv4-ipv6.host123.libpcap.test": mac123,
            "eth-ipv4x4-noipv6.host357.libpcap.test": mac357, "eth-noipv4-ipv6x2.host357.libpcap.test": mac357,
            "eth-ipv4x4-ipv6x2.host357.libpcap.test": mac357,
        ]
        let networks: [String: UInt32] = [
            "net-10-0-0-0.libpcap.test": 0x0a00_0000, "net-10-20-0-0.libpcap.test": 0x0a14_0000,
            "net-10-20-30-0.libpcap.test": 0x0a14_1e00,
        ]
        var services: [String: Int] = [:]
        for (name, port, protos) in [("smtp", 25, ["tcp"]), ("domain", 53, ["tcp", "udp"]), ("bootps", 67, ["udp"]),
                                     ("bootpc", 68, ["udp"]), ("http", 80, ["tcp"]), ("ssh", 22, ["tcp"]),
                                     ("telnet", 23, ["tcp"]), ("ftp", 21, ["tcp"]), ("ftp-data", 20, ["tcp"]),
                                     ("https", 443, ["tcp", "udp"]), ("ntp", 123, ["udp"]), ("snmp", 161, ["tcp", "udp"])] {
            for p in protos { services["\(name)/\(p)"] = port }
        }
        let protocols: [String: Int] = [
            "ip": 0, "icmp": 1, "igmp": 2, "ipencap": 4, "tcp": 6, "egp": 8, "igp": 9, "pup": 12, "udp": 17,
            "ipv6": 41, "ipv6-route": 43, "ipv6-frag": 44, "rsvp": 46, "gre": 47, "esp": 50, "ah": 51,
            "ipv6-icmp": 58, "ipv6-nonxt": 59, "ipv6-opts": 60, "ospf": 89, "pim": 103, "vrrp": 112, "sctp": 132,
            "l2tp": 115, "ipip": 94, "isis": 124, "udplite": 136, "mpls-in-ip": 137,
        ]
        return InMemoryNames(hosts: hosts, ethers: ethers, networks: networks, services: services, protocols: protocols)
    }()

    /// One line of golden-1.10.3.jsonl.
    struct GoldenCase: Sendable, CustomStringConvertible {
        var expr: String
        var dlt: String
        var unoptRC: Int
        var unopt: String
        var unoptErr: String
        var opt: String
        var optRC: Int = -1
        var optErr: String = ""
        var description: String { "[\(dlt)] \(expr)" }
    }

    static func goldenCases() -> [GoldenCase]? {
        guard let text = Corpus.text("libpcap/golden-1.10.3.jsonl") else { return nil }
        var out: [GoldenCase] = []
        for line in text.split(separator: "\n") {
            guard let data = line.data(using: .utf8),
                  let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
            out.append(GoldenCase(expr: obj["expr"] as? String ?? "", dlt: obj["DLT"] as? String ?? "",
                                  unoptRC: obj["unopt_rc"] as? Int ?? -1, unopt: obj["unopt"] as? String ?? "",
                                  unoptErr: obj["unopt_err"] as? String ?? "", opt: obj["opt"] as? String ?? "",
                                  optRC: obj["opt_rc"] as? Int ?? -1, optErr: obj["opt_err"] as? String ?? ""))
        }
        return out
    }
}
