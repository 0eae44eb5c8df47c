import Foundation
import TestSupport

/// Ethernet frames from the project's captures (classic pcap files of link type EN10MB), for equivalence runs.
enum EthernetCaptures {
    /// Captures used, with a cap on how many frames each contributes (nil: all).
    static let files: [(String, Int?)] = [
        ("libpcap/savefiles/AH-IPcomp-IPv4.pcap", nil), ("libpcap/savefiles/AH-IPcomp-IPv6.pcap", nil),
        ("libpcap/savefiles/ISIS_external_lsp.pcap", nil), ("libpcap/savefiles/ah-ipip-ping.pcap", nil),
        ("libpcap/savefiles/carp.pcap", nil), ("libpcap/savefiles/decnet.pcap", nil),
        ("libpcap/savefiles/dhcp-rfc3004.pcap", nil), ("libpcap/savefiles/gateway_or_not.pcap", nil),
        ("libpcap/savefiles/geneve.pcap", nil), ("libpcap/savefiles/ipv6_ah_modes.pcap", nil),
        ("libpcap/savefiles/ipv6_ext_headers.pcap", nil), ("libpcap/savefiles/isakmp4500.pcap", nil),
        ("libpcap/savefiles/llc.pcap", nil), ("libpcap/savefiles/loopback.pcap", nil),
        ("libpcap/savefiles/pim-packet-assortment.pcap", nil), ("libpcap/savefiles/pppoe.pcap", nil),
        ("libpcap/savefiles/pppoes.pcap", nil), ("libpcap/savefiles/vrrp.pcap", nil),
        ("libpcap/savefiles/vxlan.pcap", nil),
        ("tcpdump/pcaps/802.1ad_QinQ.pcap", nil), ("tcpdump/pcaps/QinQpacket.pcap", 60),
        ("tcpdump/pcaps/arp-oobr.pcap", 20), ("tcpdump/pcaps/dns_tcp.pcap", nil), ("tcpdump/pcaps/dns_udp.pcap", nil),
        ("tcpdump/pcaps/edns-opts.pcap", nil), ("tcpdump/pcaps/icmpv6.pcap", nil),
        ("tcpdump/pcaps/icmpv6-ra-pref64.pcap", nil), ("tcpdump/pcaps/ipv6-routing-header.pcap", nil),
        ("tcpdump/pcaps/ipv6-bad-version.pcap", nil), ("tcpdump/pcaps/ipv4_tcp_http_xml.pcap", nil),
        ("tcpdump/pcaps/print-flags.pcap", nil), ("tcpdump/pcaps/tcp_rst_data.pcap", nil),
        ("tcpdump/pcaps/ip6_frag_asan.pcap", nil), ("tcpdump/pcaps/ipv4_invalid_length.pcap", nil),
    ]

    /// The frames (captured bytes) of every listed capture that exists, in order.
    static func load() -> [[UInt8]] {
        var frames: [[UInt8]] = []
        for (file, cap) in files {
            guard let data = try? Data(contentsOf: Corpus.url(file)) else { continue }
            let read = Self.frames(of: [UInt8](data))
            frames += cap.map { Array(read.prefix($0)) } ?? read
        }
        return frames
    }

    /// Parses a classic pcap file of link type 1; returns no frames for anything else.
    static func frames(of bytes: [UInt8]) -> [[UInt8]] {
        guard bytes.count >= 24 else { return [] }
        let magic = Array(bytes[0..<4])
        let little: Bool
        switch magic {
        case [0xd4, 0xc3, 0xb2, 0xa1], [0x4d, 0x3c, 0xb2, 0xa1]: little = true
        case [0xa1, 0xb2, 0xc3, 0xd4], [0xa1, 0xb2, 0x3c, 0x4d]: little = false
        default: return []
        }
        func u32(_ at: Int) -> Int {
            let b = bytes[at..<at + 4].map { UInt32($0) }
            return Int(little ? b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24 : b[3] | b[2] << 8 | b[1] << 16 | b[0] << 24)
        }
        guard u32(20) & 0xffff == 1 else { return [] }
        var frames: [[UInt8]] = []
        var at = 24
        while at + 16 <= bytes.count {
            let captured = u32(at + 8)
            guard at + 16 + captured <= bytes.count else { break }
            frames.append(Array(bytes[at + 16..<at + 16 + captured]))
            at += 16 + captured
        }
        return frames
    }
}
