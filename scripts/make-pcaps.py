#!/usr/bin/env python3
"""Generate the project's own small captures in pcaps/ (python3 standard library only).

Every packet is built field by field here, with correct IPv4/TCP/UDP/ICMP/ICMPv6 checksums, fixed
addresses and fixed timestamps, so the output is byte-for-byte the same on every run and machine.

    python3 scripts/make-pcaps.py            # writes pcaps/*.pcap and pcaps/*.pcapng
    python3 scripts/make-pcaps.py --check    # exits 1 if a committed file differs from what it would write
"""

import os
import random
import struct
import sys

BASE_TIME = 1700000000  # 2023-11-14 22:13:20 UTC

# ----------------------------------------------------------------------------------------------------------
# Addresses

MAC_A = bytes.fromhex("020000000001")
MAC_B = bytes.fromhex("020000000002")
MAC_R = bytes.fromhex("0200000000fe")  # a router
BROADCAST = b"\xff" * 6


def ip4(text):
    return bytes(int(part) for part in text.split("."))


def ip6(text):
    head, _, tail = text.partition("::")
    def groups(s):
        return [int(g, 16) for g in s.split(":")] if s else []
    h, t = groups(head), groups(tail)
    if "::" in text:
        h = h + [0] * (8 - len(h) - len(t)) + t
    return b"".join(struct.pack("!H", g) for g in h)


def solicited_node(addr6):
    return ip6("ff02::1:ff00:0")[:13] + addr6[13:]


def multicast_mac6(addr6):
    return b"\x33\x33" + addr6[12:]


# ----------------------------------------------------------------------------------------------------------
# Checksums and headers

def checksum(data):
    if len(data) % 2:
        data += b"\x00"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return (~total) & 0xFFFF


def ipv4(src, dst, proto, payload, ident=0x1234, ttl=64, flags_frag=0x4000, options=b"", tos=0, total=None):
    ihl = 5 + len(options) // 4
    length = total if total is not None else 20 + len(options) + len(payload)
    header = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, tos, length, ident, flags_frag, ttl, proto, 0,
                         ip4(src), ip4(dst)) + options
    header = header[:10] + struct.pack("!H", checksum(header)) + header[12:]
    return header + payload


def ipv6(src, dst, next_header, payload, hop_limit=64, flow=0):
    return struct.pack("!IHBB16s16s", (6 << 28) | flow, len(payload), next_header, hop_limit,
                       ip6(src), ip6(dst)) + payload


def pseudo4(src, dst, proto, length):
    return struct.pack("!4s4sBBH", ip4(src), ip4(dst), 0, proto, length)


def pseudo6(src, dst, proto, length):
    return struct.pack("!16s16sIxxxB", ip6(src), ip6(dst), length, proto)


def with_checksum(segment, offset, pseudo):
    value = checksum(pseudo + segment)
    return segment[:offset] + struct.pack("!H", value) + segment[offset + 2:]


def tcp(sport, dport, seq, ack, flags, payload=b"", window=64240, options=b"", urgent=0):
    offset = (20 + len(options)) // 4
    return struct.pack("!HHIIBBHHH", sport, dport, seq, ack, offset << 4, flags, window, 0, urgent) + options + payload


def udp(sport, dport, payload):
    return struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload


FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10


def tcp4(src, dst, sport, dport, seq, ack, flags, payload=b"", options=b"", window=64240, ident=0x1234):
    seg = tcp(sport, dport, seq, ack, flags, payload, window, options)
    seg = with_checksum(seg, 16, pseudo4(src, dst, 6, len(seg)))
    return ipv4(src, dst, 6, seg, ident=ident)


def udp4(src, dst, sport, dport, payload, ident=0x1234, **kw):
    seg = udp(sport, dport, payload)
    seg = with_checksum(seg, 6, pseudo4(src, dst, 17, len(seg)))
    return ipv4(src, dst, 17, seg, ident=ident, **kw)


def tcp6(src, dst, sport, dport, seq, ack, flags, payload=b"", options=b""):
    seg = tcp(sport, dport, seq, ack, flags, payload, 64800, options)
    seg = with_checksum(seg, 16, pseudo6(src, dst, 6, len(seg)))
    return ipv6(src, dst, 6, seg)


def udp6(src, dst, sport, dport, payload):
    seg = udp(sport, dport, payload)
    seg = with_checksum(seg, 6, pseudo6(src, dst, 17, len(seg)))
    return ipv6(src, dst, 17, seg)


def icmp4(src, dst, icmp_type, code, rest, ident=0x4321, ttl=64):
    msg = struct.pack("!BBH", icmp_type, code, 0) + rest
    msg = msg[:2] + struct.pack("!H", checksum(msg)) + msg[4:]
    return ipv4(src, dst, 1, msg, ident=ident, ttl=ttl, flags_frag=0)


def icmp6(src, dst, icmp_type, code, rest, hop_limit=64):
    msg = struct.pack("!BBH", icmp_type, code, 0) + rest
    msg = with_checksum(msg, 2, pseudo6(src, dst, 58, len(msg)))
    return ipv6(src, dst, 58, msg, hop_limit=hop_limit)


def ether(dst, src, ethertype, payload):
    return dst + src + struct.pack("!H", ethertype) + payload


def pad60(frame):
    return frame + b"\x00" * max(0, 60 - len(frame))


TS_OPTS = lambda tsval, tsecr: b"\x01\x01\x08\x0a" + struct.pack("!II", tsval, tsecr)
SYN_OPTS = (b"\x02\x04\x05\xb4" + b"\x04\x02" + b"\x08\x0a" + struct.pack("!II", 1000, 0)
            + b"\x01" + b"\x03\x03\x07")
SYNACK_OPTS = (b"\x02\x04\x05\xb4" + b"\x04\x02" + b"\x08\x0a" + struct.pack("!II", 2000, 1000)
               + b"\x01" + b"\x03\x03\x07")

# ----------------------------------------------------------------------------------------------------------
# DNS


def dns_name(name):
    out = b""
    for label in name.rstrip(".").split("."):
        out += bytes([len(label)]) + label.encode()
    return out + b"\x00"


def dns_query(ident, name, qtype):
    return struct.pack("!HHHHHH", ident, 0x0100, 1, 0, 0, 0) + dns_name(name) + struct.pack("!HH", qtype, 1)


def dns_response(ident, name, qtype, answers):
    body = struct.pack("!HHHHHH", ident, 0x8180, 1, len(answers), 0, 0) + dns_name(name) + struct.pack("!HH", qtype, 1)
    for rtype, ttl, rdata in answers:
        body += b"\xc0\x0c" + struct.pack("!HHIH", rtype, 1, ttl, len(rdata)) + rdata
    return body


# ----------------------------------------------------------------------------------------------------------
# Conversations (lists of Ethernet frames or link-layer payloads)

def tcp_conversation(client, server, cport, sport, request, response, mac_c=MAC_A, mac_s=MAC_B):
    frames = []
    c_isn, s_isn = 0x10000000, 0x20000000
    e = lambda src_mac, dst_mac, pkt: pad60(ether(dst_mac, src_mac, 0x0800, pkt))
    frames.append(e(mac_c, mac_s, tcp4(client, server, cport, sport, c_isn, 0, SYN, options=SYN_OPTS, ident=1)))
    frames.append(e(mac_s, mac_c, tcp4(server, client, sport, cport, s_isn, c_isn + 1, SYN | ACK,
                                       options=SYNACK_OPTS, window=65160, ident=0)))
    frames.append(e(mac_c, mac_s, tcp4(client, server, cport, sport, c_isn + 1, s_isn + 1, ACK,
                                       options=TS_OPTS(1001, 2000), window=502, ident=2)))
    frames.append(e(mac_c, mac_s, tcp4(client, server, cport, sport, c_isn + 1, s_isn + 1, PSH | ACK, request,
                                       options=TS_OPTS(1002, 2000), window=502, ident=3)))
    frames.append(e(mac_s, mac_c, tcp4(server, client, sport, cport, s_isn + 1, c_isn + 1 + len(request), ACK,
                                       options=TS_OPTS(2001, 1002), window=509, ident=1)))
    frames.append(e(mac_s, mac_c, tcp4(server, client, sport, cport, s_isn + 1, c_isn + 1 + len(request),
                                       PSH | ACK, response, options=TS_OPTS(2002, 1002), window=509, ident=2)))
    frames.append(e(mac_c, mac_s, tcp4(client, server, cport, sport, c_isn + 1 + len(request),
                                       s_isn + 1 + len(response), FIN | ACK, options=TS_OPTS(1003, 2002),
                                       window=501, ident=4)))
    frames.append(e(mac_s, mac_c, tcp4(server, client, sport, cport, s_isn + 1 + len(response),
                                       c_isn + 2 + len(request), FIN | ACK, options=TS_OPTS(2003, 1003),
                                       window=509, ident=3)))
    frames.append(e(mac_c, mac_s, tcp4(client, server, cport, sport, c_isn + 2 + len(request),
                                       s_isn + 2 + len(response), ACK, options=TS_OPTS(1004, 2003),
                                       window=501, ident=5)))
    return frames


HTTP_REQUEST = b"GET /index.html HTTP/1.1\r\nHost: example.test\r\nUser-Agent: swiftdump-gen\r\n\r\n"
HTTP_RESPONSE = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 22\r\n\r\n"
                 b"hello from swiftdump\r\n")


def udp_frames():
    out = []
    for i in range(4):
        payload = b"swiftdump udp datagram %d" % i
        out.append(pad60(ether(MAC_B, MAC_A, 0x0800, udp4("10.0.0.1", "10.0.0.2", 40000 + i, 9999, payload,
                                                          ident=0x100 + i))))
    # A broadcast datagram and one to a multicast group.
    out.append(pad60(ether(BROADCAST, MAC_A, 0x0800, udp4("10.0.0.1", "10.0.0.255", 40100, 9, b"broadcast datagram",
                                                          ident=0x200))))
    out.append(pad60(ether(bytes.fromhex("01005e0000fb"), MAC_A, 0x0800,
                           udp4("10.0.0.1", "224.0.0.251", 5353, 5353, b"\x00" * 12, ident=0x201, ttl=255))))
    return out


def dns_frames():
    out = []
    q = dns_query(0x1a2b, "example.test", 1)
    r = dns_response(0x1a2b, "example.test", 1, [(1, 300, ip4("192.0.2.10"))])
    out.append(pad60(ether(MAC_R, MAC_A, 0x0800, udp4("10.0.0.1", "10.0.0.53", 53001, 53, q, ident=0x300))))
    out.append(pad60(ether(MAC_A, MAC_R, 0x0800, udp4("10.0.0.53", "10.0.0.1", 53, 53001, r, ident=0x400))))
    q6 = dns_query(0x3c4d, "example.test", 28)
    r6 = dns_response(0x3c4d, "example.test", 28, [(28, 300, ip6("2001:db8::10"))])
    out.append(pad60(ether(MAC_R, MAC_A, 0x0800, udp4("10.0.0.1", "10.0.0.53", 53002, 53, q6, ident=0x301))))
    out.append(pad60(ether(MAC_A, MAC_R, 0x0800, udp4("10.0.0.53", "10.0.0.1", 53, 53002, r6, ident=0x401))))
    nx = struct.pack("!HHHHHH", 0x5e6f, 0x8183, 1, 0, 0, 0) + dns_name("missing.example.test") + struct.pack("!HH", 1, 1)
    out.append(pad60(ether(MAC_R, MAC_A, 0x0800, udp4("10.0.0.1", "10.0.0.53", 53003, 53,
                                                      dns_query(0x5e6f, "missing.example.test", 1), ident=0x302))))
    out.append(pad60(ether(MAC_A, MAC_R, 0x0800, udp4("10.0.0.53", "10.0.0.1", 53, 53003, nx, ident=0x402))))
    return out


def icmp_frames():
    out = []
    data = bytes(range(0x10, 0x38))
    for seq in (1, 2):
        req = icmp4("10.0.0.1", "10.0.0.2", 8, 0, struct.pack("!HH", 0x77, seq) + data, ident=0x500 + seq)
        rep = icmp4("10.0.0.2", "10.0.0.1", 0, 0, struct.pack("!HH", 0x77, seq) + data, ident=0x600 + seq)
        out.append(pad60(ether(MAC_B, MAC_A, 0x0800, req)))
        out.append(pad60(ether(MAC_A, MAC_B, 0x0800, rep)))
    # Port unreachable quoting a UDP datagram.
    quoted = udp4("10.0.0.1", "10.0.0.2", 40001, 33434, b"probe", ident=0x700)
    out.append(pad60(ether(MAC_A, MAC_B, 0x0800,
                           icmp4("10.0.0.2", "10.0.0.1", 3, 3, b"\x00\x00\x00\x00" + quoted[:28], ident=0x701))))
    # Time exceeded in transit from a router.
    quoted = udp4("10.0.0.1", "198.51.100.7", 40002, 33435, b"probe", ident=0x702, ttl=1)
    out.append(pad60(ether(MAC_A, MAC_R, 0x0800,
                           icmp4("10.0.0.254", "10.0.0.1", 11, 0, b"\x00\x00\x00\x00" + quoted[:28], ident=0x703))))
    # Host unreachable, need-to-frag.
    quoted = tcp4("10.0.0.1", "203.0.113.9", 40003, 443, 1, 0, SYN, ident=0x704)
    out.append(pad60(ether(MAC_A, MAC_R, 0x0800,
                           icmp4("10.0.0.254", "10.0.0.1", 3, 4, struct.pack("!HH", 0, 1400) + quoted[:28],
                                 ident=0x705))))
    return out


A6 = "2001:db8::1"
B6 = "2001:db8::2"
LL_A = "fe80::1"
LL_R = "fe80::fe"


def ipv6_frames():
    out = []
    e6 = lambda dst, src, pkt: pad60(ether(dst, src, 0x86DD, pkt))
    out.append(e6(MAC_B, MAC_A, tcp6(A6, B6, 50000, 443, 0x30000000, 0, SYN, options=SYN_OPTS)))
    out.append(e6(MAC_A, MAC_B, tcp6(B6, A6, 443, 50000, 0x40000000, 0x30000001, SYN | ACK, options=SYNACK_OPTS)))
    out.append(e6(MAC_B, MAC_A, tcp6(A6, B6, 50000, 443, 0x30000001, 0x40000001, ACK, options=TS_OPTS(1001, 2000))))
    out.append(e6(MAC_B, MAC_A, tcp6(A6, B6, 50000, 443, 0x30000001, 0x40000001, RST | ACK)))
    out.append(e6(MAC_B, MAC_A, udp6(A6, B6, 50001, 9999, b"swiftdump udp over ipv6")))
    echo = struct.pack("!HH", 0x99, 1) + b"ping6 payload!!!"
    out.append(e6(MAC_B, MAC_A, icmp6(A6, B6, 128, 0, echo)))
    out.append(e6(MAC_A, MAC_B, icmp6(B6, A6, 129, 0, echo)))
    # Neighbor solicitation / advertisement.
    target = ip6(B6)
    ns = b"\x00" * 4 + target + b"\x01\x01" + MAC_A
    sn = solicited_node(target)
    sn_text = ":".join("%x" % struct.unpack("!H", sn[i:i + 2])[0] for i in range(0, 16, 2))
    out.append(e6(multicast_mac6(sn), MAC_A, icmp6(A6, sn_text, 135, 0, ns, hop_limit=255)))
    na = struct.pack("!I", 0x60000000) + target + b"\x02\x01" + MAC_B
    out.append(e6(MAC_A, MAC_B, icmp6(B6, A6, 136, 0, na, hop_limit=255)))
    # Router solicitation / advertisement.
    out.append(e6(multicast_mac6(ip6("ff02::2")), MAC_A,
                  icmp6(LL_A, "ff02::2", 133, 0, b"\x00" * 4 + b"\x01\x01" + MAC_A, hop_limit=255)))
    prefix = (b"\x03\x04\x40\xc0" + struct.pack("!III", 86400, 14400, 0) + ip6("2001:db8::"))
    ra = struct.pack("!BBHII", 64, 0, 1800, 0, 0) + b"\x01\x01" + MAC_R + prefix
    out.append(e6(multicast_mac6(ip6("ff02::1")), MAC_R, icmp6(LL_R, "ff02::1", 134, 0, ra, hop_limit=255)))
    # A hop-by-hop options header (router alert) in front of UDP.
    inner = udp(50002, 9999, b"hbh")
    inner = with_checksum(inner, 6, pseudo6(A6, B6, 17, len(inner)))
    hbh = bytes([17, 0]) + b"\x05\x02\x00\x00" + b"\x01\x00"
    out.append(e6(MAC_B, MAC_A, ipv6(A6, B6, 0, hbh + inner)))
    return out


def arp_frames():
    def arp(op, sha, spa, tha, tpa):
        return struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, op, sha, ip4(spa), tha, ip4(tpa))
    return [
        pad60(ether(BROADCAST, MAC_A, 0x0806, arp(1, MAC_A, "10.0.0.1", b"\x00" * 6, "10.0.0.2"))),
        pad60(ether(MAC_A, MAC_B, 0x0806, arp(2, MAC_B, "10.0.0.2", MAC_A, "10.0.0.1"))),
        pad60(ether(BROADCAST, MAC_B, 0x0806, arp(1, MAC_B, "10.0.0.2", b"\x00" * 6, "10.0.0.2"))),  # gratuitous
        pad60(ether(BROADCAST, MAC_A, 0x8035, arp(3, MAC_A, "0.0.0.0", MAC_A, "0.0.0.0"))),  # RARP request
    ]


def vlan_frames():
    out = []
    tag = lambda tpid, pcp, vid: struct.pack("!HH", tpid, (pcp << 13) | vid)
    pkt = udp4("10.1.0.1", "10.1.0.2", 40000, 9999, b"tagged", ident=0x800)
    out.append(pad60(MAC_B + MAC_A + tag(0x8100, 0, 100) + struct.pack("!H", 0x0800) + pkt))
    pkt = icmp4("10.1.0.2", "10.1.0.1", 0, 0, struct.pack("!HH", 1, 1) + b"tagged", ident=0x801)
    out.append(pad60(MAC_A + MAC_B + tag(0x8100, 5, 100) + struct.pack("!H", 0x0800) + pkt))
    pkt = udp6(A6, B6, 50003, 9999, b"tagged v6")
    out.append(pad60(MAC_B + MAC_A + tag(0x8100, 0, 200) + struct.pack("!H", 0x86DD) + pkt))
    # QinQ: 802.1ad outer tag 300, 802.1Q inner tag 100.
    pkt = udp4("10.2.0.1", "10.2.0.2", 40001, 9999, b"double tagged", ident=0x802)
    out.append(pad60(MAC_B + MAC_A + tag(0x88A8, 0, 300) + tag(0x8100, 0, 100) + struct.pack("!H", 0x0800) + pkt))
    pkt = tcp4("10.2.0.1", "10.2.0.2", 40002, 80, 5, 0, SYN, options=SYN_OPTS, ident=0x803)
    out.append(pad60(MAC_B + MAC_A + tag(0x8100, 0, 300) + tag(0x8100, 0, 101) + struct.pack("!H", 0x0800) + pkt))
    arp = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, MAC_A, ip4("10.1.0.1"), b"\x00" * 6, ip4("10.1.0.2"))
    out.append(pad60(BROADCAST + MAC_A + tag(0x8100, 0, 100) + struct.pack("!H", 0x0806) + arp))
    return out


def ipv4_options_fragment_frames():
    out = []
    # Record route (3 slots) + NOP + end-of-list padding.
    rr = b"\x07\x0f\x04" + b"\x00" * 12 + b"\x00"
    seg = udp(40000, 9999, b"record route")
    seg = with_checksum(seg, 6, pseudo4("10.0.0.1", "10.0.0.2", 17, len(seg)))
    out.append(pad60(ether(MAC_B, MAC_A, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 17, seg, ident=0x900, options=rr))))
    # Router alert (IGMPv2 membership report).
    igmp = struct.pack("!BBH4s", 0x16, 0, 0, ip4("239.1.2.3"))
    igmp = igmp[:2] + struct.pack("!H", checksum(igmp)) + igmp[4:]
    out.append(pad60(ether(bytes.fromhex("01005e010203"), MAC_A, 0x0800,
                           ipv4("10.0.0.1", "239.1.2.3", 2, igmp, ident=0x901, ttl=1, options=b"\x94\x04\x00\x00",
                                tos=0xc0))))
    # Timestamp option.
    tsopt = b"\x44\x0c\x05\x00" + b"\x00" * 8
    seg = icmp4("10.0.0.1", "10.0.0.2", 8, 0, struct.pack("!HH", 5, 1))[20:]
    out.append(pad60(ether(MAC_B, MAC_A, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 1, seg, ident=0x902, options=tsopt,
                                                      flags_frag=0))))
    # A UDP datagram of 3000 bytes in three fragments (1480 + 1480 + 48 payload bytes).
    data = bytes((i * 7) & 0xFF for i in range(3000 - 8))
    seg = udp(40003, 9999, data)
    seg = with_checksum(seg, 6, pseudo4("10.0.0.1", "10.0.0.2", 17, len(seg)))
    pieces = [seg[0:1480], seg[1480:2960], seg[2960:]]
    offset = 0
    for index, piece in enumerate(pieces):
        more = 0x2000 if index < len(pieces) - 1 else 0
        out.append(pad60(ether(MAC_B, MAC_A, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 17, piece, ident=0x903,
                                                          flags_frag=more | (offset // 8)))))
        offset += len(piece)
    # An IPv6 fragment header.
    frag = bytes([17, 0]) + struct.pack("!HI", 0x0001, 0xabcdef)  # offset 0, M=1
    inner = udp(50004, 9999, b"v6 fragment")
    out.append(pad60(ether(MAC_B, MAC_A, 0x86DD, ipv6(A6, B6, 44, frag + inner))))
    return out


def ip_datagrams():
    """IPv4 and IPv6 datagrams for the link types that carry bare IP."""
    return [
        tcp4("10.0.0.1", "10.0.0.2", 40000, 80, 1, 0, SYN, options=SYN_OPTS, ident=0xa00),
        tcp4("10.0.0.2", "10.0.0.1", 80, 40000, 100, 2, SYN | ACK, options=SYNACK_OPTS, ident=0xa01),
        udp4("10.0.0.1", "10.0.0.53", 53004, 53, dns_query(0x7788, "example.test", 1), ident=0xa02),
        icmp4("10.0.0.1", "10.0.0.2", 8, 0, struct.pack("!HH", 9, 1) + b"raw ping", ident=0xa03),
        udp6(A6, B6, 50005, 9999, b"raw v6"),
        icmp6(A6, B6, 128, 0, struct.pack("!HH", 9, 1) + b"raw ping6"),
    ]


def version_of(datagram):
    return datagram[0] >> 4


def sll(datagram, packet_type=0):
    proto = 0x0800 if version_of(datagram) == 4 else 0x86DD
    return struct.pack("!HHH8sH", packet_type, 1, 6, MAC_A + b"\x00\x00", proto) + datagram


def sll2(datagram, packet_type=0, ifindex=1):  # 1 is lo on every Linux host (tcpdump names it)
    proto = 0x0800 if version_of(datagram) == 4 else 0x86DD
    return struct.pack("!HHIHBB8s", proto, 0, ifindex, 1, packet_type, 6, MAC_A + b"\x00\x00") + datagram


def null_header(datagram):
    family = 2 if version_of(datagram) == 4 else 24  # AF_INET, AF_INET6 (BSD)
    return struct.pack("<I", family) + datagram  # DLT_NULL: the capturing host's byte order (little-endian here)


def loop_header(datagram):
    family = 2 if version_of(datagram) == 4 else 24
    return struct.pack("!I", family) + datagram  # DLT_LOOP: network byte order


# ----------------------------------------------------------------------------------------------------------
# Writers

LINKTYPE_NULL, LINKTYPE_ETHERNET, LINKTYPE_RAW, LINKTYPE_LOOP = 0, 1, 101, 108
LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2 = 113, 276


def pcap_bytes(packets, linktype, snaplen=65535, nano=False):
    magic = 0xA1B23C4D if nano else 0xA1B2C3D4
    out = struct.pack("<IHHiIII", magic, 2, 4, 0, 0, snaplen, linktype)
    for (sec, frac), data in packets:
        caplen = min(len(data), snaplen)
        out += struct.pack("<IIII", sec, frac, caplen, len(data)) + data[:caplen]
    return out


def pcapng_bytes(packets, linktype, snaplen=65535, if_name=b"eth0"):
    def block(block_type, body):
        body += b"\x00" * (-len(body) % 4)
        length = 12 + len(body)
        return struct.pack("<II", block_type, length) + body + struct.pack("<I", length)

    def option(code, value):
        return struct.pack("<HH", code, len(value)) + value + b"\x00" * (-len(value) % 4)

    shb = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)
                + option(4, b"swiftdump make-pcaps.py") + option(0, b""))
    idb = block(1, struct.pack("<HHI", linktype, 0, snaplen) + option(2, if_name) + option(9, b"\x06")
                + option(0, b""))
    out = shb + idb
    for (sec, frac), data in packets:
        ticks = sec * 1000000 + frac
        out += block(6, struct.pack("<IIIII", 0, ticks >> 32, ticks & 0xFFFFFFFF, len(data), len(data)) + data)
    return out


def timed(frames, start=0, step_us=1000, micro=True):
    """Attach timestamps: BASE_TIME + start seconds, then step_us apart."""
    out = []
    for index, data in enumerate(frames):
        total = start * 1000000 + index * step_us + 123456
        sec, usec = BASE_TIME + total // 1000000, total % 1000000
        out.append(((sec, usec if micro else usec * 1000 + 789), data))
    return out


def demo_frames():
    """A few hundred mixed packets: several TCP conversations, DNS, ICMP, ARP, IPv6, VLAN, fragments."""
    rng = random.Random(20231114)
    groups = []
    servers = ["10.0.0.2", "10.0.0.3", "192.168.1.20", "172.16.5.4"]
    for i in range(28):
        server = servers[i % len(servers)]
        port = [80, 443, 22, 8080][i % 4]
        request = HTTP_REQUEST if port in (80, 8080) else bytes(rng.randrange(256) for _ in range(40 + i))
        response = HTTP_RESPONSE if port in (80, 8080) else bytes(rng.randrange(256) for _ in range(60 + 3 * i))
        groups.append(tcp_conversation("10.0.0.1", server, 41000 + i, port, request, response))
    groups += [dns_frames(), icmp_frames(), arp_frames(), ipv6_frames(), vlan_frames(), udp_frames(),
               ipv4_options_fragment_frames()]
    for i in range(24):
        name = "host%d.example.test" % i
        q = dns_query(0x100 + i, name, 1)
        r = dns_response(0x100 + i, name, 1, [(1, 60, ip4("192.0.2.%d" % (20 + i)))])
        groups.append([pad60(ether(MAC_R, MAC_A, 0x0800, udp4("10.0.0.1", "10.0.0.53", 54000 + i, 53, q))),
                       pad60(ether(MAC_A, MAC_R, 0x0800, udp4("10.0.0.53", "10.0.0.1", 53, 54000 + i, r)))])
    # Interleave the groups deterministically, keeping each group's order.
    queues = [list(g) for g in groups]
    frames = []
    while any(queues):
        live = [q for q in queues if q]
        frames.append(rng.choice(live).pop(0))
    return frames


def build():
    files = {}
    eth = lambda frames, start: pcap_bytes(timed(frames, start), LINKTYPE_ETHERNET)
    files["eth-ipv4-tcp.pcap"] = eth(tcp_conversation("10.0.0.1", "10.0.0.2", 40000, 80, HTTP_REQUEST,
                                                      HTTP_RESPONSE), 0)
    files["eth-ipv4-udp.pcap"] = eth(udp_frames(), 10)
    files["eth-dns.pcap"] = eth(dns_frames(), 20)
    files["eth-icmp.pcap"] = eth(icmp_frames(), 30)
    files["eth-ipv6.pcap"] = eth(ipv6_frames(), 40)
    files["eth-arp.pcap"] = eth(arp_frames(), 50)
    files["eth-vlan-qinq.pcap"] = eth(vlan_frames(), 60)
    files["eth-ipv4-options-fragments.pcap"] = eth(ipv4_options_fragment_frames(), 70)
    datagrams = ip_datagrams()
    files["raw.pcap"] = pcap_bytes(timed(datagrams, 80), LINKTYPE_RAW)
    files["linux-sll.pcap"] = pcap_bytes(timed([sll(d, i % 5) for i, d in enumerate(datagrams)], 90),
                                         LINKTYPE_LINUX_SLL)
    files["linux-sll2.pcap"] = pcap_bytes(timed([sll2(d, i % 5) for i, d in enumerate(datagrams)], 100),
                                          LINKTYPE_LINUX_SLL2)
    files["null.pcap"] = pcap_bytes(timed([null_header(d) for d in datagrams], 110), LINKTYPE_NULL)
    files["loop.pcap"] = pcap_bytes(timed([loop_header(d) for d in datagrams], 120), LINKTYPE_LOOP)
    files["eth-nano.pcap"] = pcap_bytes(timed(icmp_frames()[:4], 130, micro=False), LINKTYPE_ETHERNET, nano=True)
    files["eth-snaplen-96.pcap"] = pcap_bytes(timed(tcp_conversation("10.0.0.1", "10.0.0.2", 40001, 80,
                                                                     HTTP_REQUEST, HTTP_RESPONSE), 140),
                                              LINKTYPE_ETHERNET, snaplen=96)
    files["eth-mixed.pcapng"] = pcapng_bytes(timed(dns_frames() + arp_frames(), 150), LINKTYPE_ETHERNET)
    files["demo.pcap"] = pcap_bytes(timed(demo_frames(), 200, step_us=2500), LINKTYPE_ETHERNET, snaplen=262144)
    return files


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pcaps")
    check = "--check" in sys.argv[1:]
    os.makedirs(root, exist_ok=True)
    stale = []
    for name, data in sorted(build().items()):
        path = os.path.join(root, name)
        if check:
            try:
                with open(path, "rb") as f:
                    if f.read() != data:
                        stale.append(name)
            except FileNotFoundError:
                stale.append(name)
        else:
            with open(path, "wb") as f:
                f.write(data)
            print("%-36s %6d bytes" % (name, len(data)))
    if check and stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
