#!/usr/bin/env python3
"""Extra captures for the printer tests (python3 standard library only, deterministic output).

    python3 scripts/make-printer-pcaps.py          # writes pcaps/printers-*.pcap
    python3 scripts/make-printer-pcaps.py --check  # exits 1 if a committed file differs from what it would write

Covers what pcaps/ from make-pcaps.py does not: STP BPDUs and other 802.3/LLC frames, SNAP, more TCP options,
ICMP and ICMPv6 message types, MLD, IPv6 extension headers, DNS record types, VRRP, bad checksums.
"""

import os
import struct
import sys

T0 = 1700100000
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pcaps")
M1, M2 = bytes.fromhex("020000000011"), bytes.fromhex("020000000022")


def a4(s):
    return bytes(int(x) for x in s.split("."))


def a6(s):
    h, _, t = s.partition("::")
    hs = [int(g, 16) for g in h.split(":")] if h else []
    ts = [int(g, 16) for g in t.split(":")] if t else []
    if "::" in s:
        hs = hs + [0] * (8 - len(hs) - len(ts)) + ts
    return b"".join(struct.pack("!H", g) for g in hs)


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def eth(payload, etype=0x0800, dst=M2, src=M1):
    return dst + src + struct.pack("!H", etype) + payload


def ipv4(proto, payload, src="10.1.0.1", dst="10.1.0.2", ttl=64, ident=7, flags=0x4000, options=b"", tos=0):
    ihl = 5 + len(options) // 4
    h = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, tos, ihl * 4 + len(payload), ident, flags, ttl, proto, 0,
                    a4(src), a4(dst)) + options
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload


def l4sum4(proto, seg, src, dst):
    return csum(a4(src) + a4(dst) + struct.pack("!BBH", 0, proto, len(seg)) + seg)


def l4sum6(nh, seg, src, dst):
    return csum(a6(src) + a6(dst) + struct.pack("!IxxxB", len(seg), nh) + seg)


def tcp(sport, dport, seq, ack, flags, win=1024, opts=b"", data=b"", urg=0, src="10.1.0.1", dst="10.1.0.2",
        v6=False, bad=False):
    off = (20 + len(opts)) // 4
    seg = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, off << 4, flags, win, 0, urg) + opts + data
    c = l4sum6(6, seg, src, dst) if v6 else l4sum4(6, seg, src, dst)
    if bad:
        c ^= 0x1234
    return seg[:16] + struct.pack("!H", c) + seg[18:]


def udp(sport, dport, data, src="10.1.0.1", dst="10.1.0.2", v6=False, bad=False, zero=False):
    seg = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
    c = 0 if zero else (l4sum6(17, seg, src, dst) if v6 else l4sum4(17, seg, src, dst))
    if bad:
        c ^= 0x0f0f
    return seg[:6] + struct.pack("!H", c) + seg[8:]


def icmp(t, code, rest, data=b""):
    m = struct.pack("!BBH", t, code, 0) + rest + data
    return m[:2] + struct.pack("!H", csum(m)) + m[4:]


def ipv6(nh, payload, src="2001:db8::1", dst="2001:db8::2", hlim=64, flow=0):
    return struct.pack("!IHBB", (6 << 28) | flow, len(payload), nh, hlim) + a6(src) + a6(dst) + payload


def icmp6(t, code, body, src="2001:db8::1", dst="2001:db8::2"):
    m = struct.pack("!BBH", t, code, 0) + body
    c = l4sum6(58, m, src, dst)
    return m[:2] + struct.pack("!H", c) + m[4:]


def llc_frame(dsap, ssap, ctrl, body, dst=bytes.fromhex("0180c2000000")):
    payload = bytes([dsap, ssap]) + ctrl + body
    frame = dst + M1 + struct.pack("!H", len(payload)) + payload
    return frame + b"\0" * max(0, 60 - len(frame))


def dns_name(n):
    out = b""
    for part in n.strip(".").split("."):
        if part:
            out += bytes([len(part)]) + part.encode()
    return out + b"\0"


def rr(name, typ, data, ttl=300, cls=1):
    return name + struct.pack("!HHIH", typ, cls, ttl, len(data)) + data


CHECK = "--check" in sys.argv[1:]
MISMATCHES = []


def write(name, packets, linktype=1):
    data = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, linktype)
    for i, p in enumerate(packets):
        frame, wire = (p if isinstance(p, tuple) else (p, len(p)))
        data += struct.pack("<IIII", T0 + i // 4, (i * 250001) % 1000000, len(frame), wire) + frame
    path = os.path.join(ROOT, name)
    if CHECK:
        try:
            same = open(path, "rb").read() == data
        except OSError:
            same = False
        if not same:
            MISMATCHES.append(name)
        return
    with open(path, "wb") as f:
        f.write(data)


def link_frames():
    bid = bytes.fromhex("8000020000000011")
    config = struct.pack("!HBBB", 0, 0, 0, 0x01) + bid + struct.pack("!I", 4) + bid + struct.pack(
        "!HHHHH", 0x8001, 256, 20 * 256, 2 * 256, 15 * 256 + 3)
    rstp = struct.pack("!HBBB", 0, 2, 2, 0x3c) + bid + struct.pack("!I", 20000) + bid + struct.pack(
        "!HHHHH", 0x8002, 1, 20 * 256, 2 * 256 + 128, 15 * 256) + b"\0"
    tcn = struct.pack("!HBB", 0, 0, 0x80)
    snap_ip = bytes.fromhex("aaaa03000000") + struct.pack("!H", 0x0800) + ipv4(
        17, udp(1000, 2000, b"snap", src="10.1.0.1", dst="10.1.0.2"))
    snap_other = bytes.fromhex("aaaa03") + bytes.fromhex("0000f8") + struct.pack("!H", 0x4242) + b"other" * 4
    return [
        llc_frame(0x42, 0x42, b"\x03", config),
        llc_frame(0x42, 0x42, b"\x03", rstp),
        llc_frame(0x42, 0x42, b"\x03", tcn),
        llc_frame(0xAA, 0xAA, b"\x03", snap_ip[3:], dst=M2),
        llc_frame(0xAA, 0xAA, b"\x03", snap_other[3:], dst=M2),
        llc_frame(0xF0, 0xF1, b"\xaf", b"\x81\x01\x00", dst=M2),       # XID response
        llc_frame(0x04, 0x04, b"\xe3", b"test data", dst=M2),          # TEST
        llc_frame(0x10, 0x20, b"\x01\x0a", b"", dst=M2),               # supervisory RR
        llc_frame(0x10, 0x10, b"\x04\x06", b"info", dst=M2),           # information
        eth(b"\x00\x01" * 20, etype=0x88B5),                            # unknown ethertype
        eth(struct.pack("!HH", 0x2005, 0x0800) + ipv4(1, icmp(8, 0, struct.pack("!HH", 9, 9), b"x" * 8)),
            etype=0x8100),
    ]


def ip_frames():
    s, d = "10.1.0.1", "10.1.0.2"
    opts = b"\x02\x04\x05\xb4\x01\x03\x03\x07\x04\x02\x08\x0a\x00\x00\x00\x01\x00\x00\x00\x00"
    sack = b"\x01\x01\x05\x12" + struct.pack("!IIII", 5000, 6000, 7000, 8000)
    odd = b"\x99\x03\xab\x1b\x04\x10\x00\x00\x00\x00\x00"
    md5 = b"\x13\x12" + bytes(range(16)) + b"\x00\x00"
    f = []
    f.append(eth(ipv4(6, tcp(40000, 80, 1000, 0, 0x02, 65535, opts))))
    f.append(eth(ipv4(6, tcp(80, 40000, 9000, 1001, 0x12, 65535, opts, src=d, dst=s), src=d, dst=s)))
    f.append(eth(ipv4(6, tcp(40000, 80, 1001, 9001, 0x10, 512, b"\x01\x01" + sack[2:]))))
    f.append(eth(ipv4(6, tcp(40000, 80, 1001, 9001, 0x18, 512, data=b"GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n"))))
    f.append(eth(ipv4(6, tcp(80, 40000, 9001, 1039, 0x18, 512, data=b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi",
                             src=d, dst=s), src=d, dst=s)))
    f.append(eth(ipv4(6, tcp(40000, 80, 1039, 9041, 0x30, 512, data=b"abc", urg=2))))
    f.append(eth(ipv4(6, tcp(40000, 80, 1042, 9041, 0x11, 512, odd))))
    f.append(eth(ipv4(6, tcp(40001, 443, 5, 0, 0x04, 0, data=b"reset reason text"))))
    f.append(eth(ipv4(6, tcp(40002, 179, 1, 0, 0xC2, 100, md5, bad=True))))
    f.append(eth(ipv4(6, tcp(40003, 22, 1, 0, 0x02, 100, b"\x02\x04\x05"))))        # bad option length
    f.append(eth(ipv4(17, udp(5000, 6000, b"bad sum", bad=True))))
    f.append(eth(ipv4(17, udp(5000, 6001, b"no sum", zero=True))))
    f.append(eth(ipv4(17, udp(5000, 6002, b"short")[:4] + struct.pack("!H", 4) + b"\0\0short")))
    f.append(eth(ipv4(253, b"experimental payload")))
    f.append(eth(ipv4(6, b"", flags=0x2000 | 100)))                                  # later fragment
    f.append(eth(ipv4(1, icmp(8, 0, struct.pack("!HH", 1, 1), b"ping"), tos=0x03, ttl=1)))
    f.append(eth(ipv4(1, icmp(8, 0, struct.pack("!HH", 1, 2), b"ping"), flags=0x8000)))
    f.append(eth(ipv4(1, icmp(8, 0, struct.pack("!HH", 1, 3), b"ping"),
                      options=b"\x83\x07\x04" + a4("10.9.9.9") + b"\x00")))           # LSRR
    f.append(eth(ipv4(1, icmp(8, 0, struct.pack("!HH", 1, 4), b"ping"),
                      options=b"\x44\x0c\x05\x01" + a4("10.1.0.1") + struct.pack("!I", 12345))))  # TS+ADDR
    f.append(eth(ipv4(1, icmp(8, 0, struct.pack("!HH", 1, 5), b"ping"), options=b"\x01\x01\x01\x00")))
    inner = ipv4(17, udp(5353, 9, b"q"), src=d, dst="10.7.7.7")
    for t, c, rest in [(3, 0, b"\0" * 4), (3, 1, b"\0" * 4), (3, 2, b"\0" * 4), (3, 4, struct.pack("!HH", 0, 1400)),
                       (3, 13, b"\0" * 4), (3, 99, b"\0" * 4), (5, 1, a4("10.1.0.254")), (5, 0, a4("10.1.0.254")),
                       (11, 1, b"\0" * 4), (12, 0, b"\x08\0\0\0"), (12, 1, b"\0" * 4), (4, 0, b"\0" * 4)]:
        f.append(eth(ipv4(1, icmp(t, c, rest, inner), src=d, dst=s)))
    f.append(eth(ipv4(1, icmp(13, 0, struct.pack("!HH", 3, 4), struct.pack("!III", 1000, 0, 0)))))
    f.append(eth(ipv4(1, icmp(14, 0, struct.pack("!HH", 3, 4), struct.pack("!III", 1000, 3723004, 86399999)),
                      src=d, dst=s)))
    f.append(eth(ipv4(1, icmp(17, 0, struct.pack("!HH", 5, 6), b"\0" * 4))))
    f.append(eth(ipv4(1, icmp(18, 0, struct.pack("!HH", 5, 6), a4("255.255.255.0")), src=d, dst=s)))
    f.append(eth(ipv4(1, icmp(9, 0, struct.pack("!BBH", 2, 2, 1800), a4("10.1.0.254") + struct.pack("!I", 0) +
                                 a4("10.1.0.253") + struct.pack("!I", 10)), src=d, dst="224.0.0.1", ttl=1)))
    f.append(eth(ipv4(1, icmp(10, 0, b"\0" * 4), dst="224.0.0.2", ttl=1)))
    f.append(eth(ipv4(1, icmp(42, 0, b"\0" * 4))))
    bad = icmp(0, 0, struct.pack("!HH", 1, 1), b"pong")
    f.append(eth(ipv4(1, bad[:2] + b"\xde\xad" + bad[4:], src=d, dst=s)))
    vrrp = struct.pack("!BBBBBBH", 0x21, 7, 100, 1, 0, 1, 0) + a4("10.1.0.100") + b"\0" * 8
    vrrp = vrrp[:6] + struct.pack("!H", csum(vrrp)) + vrrp[8:]
    f.append(eth(ipv4(112, vrrp, dst="224.0.0.18", ttl=255)))
    igmp3 = struct.pack("!BBHHH", 0x22, 0, 0, 0, 1) + struct.pack("!BBH", 4, 0, 1) + a4("239.2.2.2") + a4("10.1.0.9")
    igmp3 = igmp3[:2] + struct.pack("!H", csum(igmp3)) + igmp3[4:]
    f.append(eth(ipv4(2, igmp3, dst="224.0.0.22", ttl=1, options=b"\x94\x04\x00\x00")))
    q = struct.pack("!BBH", 0x11, 100, 0) + a4("0.0.0.0") + struct.pack("!BBH", 2, 125, 0)
    q = q[:2] + struct.pack("!H", csum(q)) + q[4:]
    f.append(eth(ipv4(2, q, dst="224.0.0.1", ttl=1)))
    return f


def dns_frames():
    s, d = "10.1.0.1", "10.1.0.53"
    qn = dns_name("example.org")
    q = struct.pack("!HHHHHH", 0x4242, 0x0100, 1, 0, 0, 1) + qn + struct.pack("!HH", 15, 1) + \
        b"\0" + struct.pack("!HHIH", 41, 1232, 0x8000, 12) + struct.pack("!HH", 10, 8) + bytes(range(8))
    ans = (rr(b"\xc0\x0c", 15, struct.pack("!H", 10) + dns_name("mail.example.org")) +
           rr(b"\xc0\x0c", 16, b"\x05hello\x05world") +
           rr(b"\xc0\x0c", 6, dns_name("ns.example.org") + dns_name("admin.example.org") +
              struct.pack("!IIIII", 2023111401, 7200, 3600, 1209600, 300), ttl=86400 * 9 + 3661) +
           rr(dns_name("_sip._udp.example.org"), 33, struct.pack("!HHH", 10, 60, 5060) + dns_name("sip.example.org")) +
           rr(b"\xc0\x0c", 5, dns_name("www.example.org")) +
           rr(b"\xc0\x0c", 99, b"spf"))
    r = struct.pack("!HHHHHH", 0x4242, 0x8580, 1, 6, 0, 0) + qn + struct.pack("!HH", 15, 1) + ans
    ptr_q = struct.pack("!HHHHHH", 7, 0x0110, 1, 0, 0, 0) + dns_name("2.0.1.10.in-addr.arpa") + struct.pack("!HH", 12, 1)
    ptr_r = struct.pack("!HHHHHH", 7, 0x8183, 1, 0, 1, 0) + dns_name("2.0.1.10.in-addr.arpa") + struct.pack("!HH", 12, 1) + \
        rr(dns_name("in-addr.arpa"), 6, dns_name("a.root") + dns_name("b.root") + struct.pack("!IIIII", 1, 2, 3, 4, 5))
    notify = struct.pack("!HHHHHH", 9, 0x2000, 1, 0, 0, 0) + qn + struct.pack("!HH", 6, 1)
    chaos = struct.pack("!HHHHHH", 10, 0x0100, 1, 0, 0, 0) + dns_name("version.bind") + struct.pack("!HH", 16, 3)
    trunc = struct.pack("!HHHHHH", 11, 0x8380, 1, 1, 0, 0) + qn + struct.pack("!HH", 1, 1) + rr(b"\xc0\x0c", 1, a4("1.2.3.4"))
    return [eth(ipv4(17, udp(33000, 53, q, src=s, dst=d), src=s, dst=d)),
            eth(ipv4(17, udp(53, 33000, r, src=d, dst=s), src=d, dst=s)),
            eth(ipv4(17, udp(33001, 53, ptr_q, src=s, dst=d), src=s, dst=d)),
            eth(ipv4(17, udp(53, 33001, ptr_r, src=d, dst=s), src=d, dst=s)),
            eth(ipv4(17, udp(33002, 53, notify, src=s, dst=d), src=s, dst=d)),
            eth(ipv4(17, udp(33003, 53, chaos, src=s, dst=d), src=s, dst=d)),
            eth(ipv4(17, udp(53, 33004, trunc[:-3], src=d, dst=s), src=d, dst=s)),
            eth(ipv4(6, tcp(33005, 53, 100, 200, 0x18, 512, data=struct.pack("!H", len(q)) + q, src=s, dst=d),
                     src=s, dst=d))]


def v6_frames():
    s, d, ll, rt = "2001:db8::1", "2001:db8::2", "fe80::1", "fe80::fe"
    f = []
    f.append(eth(ipv6(58, icmp6(2, 0, struct.pack("!I", 1280) + b"\0" * 48, d, s), d, s), 0x86DD))
    inner = ipv6(17, udp(5000, 7, b"x", s, "2001:db8::99", v6=True), s, "2001:db8::99")
    f.append(eth(ipv6(58, icmp6(1, 4, b"\0" * 4 + inner, d, s), d, s), 0x86DD))
    f.append(eth(ipv6(58, icmp6(1, 0, b"\0" * 4 + inner, d, s), d, s), 0x86DD))
    f.append(eth(ipv6(58, icmp6(3, 0, b"\0" * 4 + inner, d, s), d, s), 0x86DD))
    f.append(eth(ipv6(58, icmp6(4, 1, struct.pack("!I", 40) + inner, d, s), d, s), 0x86DD))
    mld = icmp6(130, 0, struct.pack("!HH", 1000, 0) + a6("::"), ll, "ff02::1")
    f.append(eth(ipv6(0, b"\x3a\x00\x05\x02\x00\x00\x01\x00" + mld, ll, "ff02::1", 1), 0x86DD))
    rep = icmp6(131, 0, struct.pack("!HH", 0, 0) + a6("ff05::2"), ll, "ff05::2")
    f.append(eth(ipv6(0, b"\x3a\x00\x05\x02\x00\x00\x01\x00" + rep, ll, "ff05::2", 1), 0x86DD))
    q2 = icmp6(130, 0, struct.pack("!HH", 10000, 0) + a6("ff05::3") + struct.pack("!BBH", 2, 125, 1) + a6(s), ll, "ff02::1")
    f.append(eth(ipv6(0, b"\x3a\x00\x05\x02\x00\x00\x01\x00" + q2, ll, "ff02::1", 1), 0x86DD))
    r2 = icmp6(143, 0, struct.pack("!HH", 0, 2) + struct.pack("!BBH", 1, 0, 1) + a6("ff05::4") + a6(d) +
               struct.pack("!BBH", 4, 0, 0) + a6("ff05::5"), ll, "ff02::16")
    f.append(eth(ipv6(0, b"\x3a\x00\x05\x02\x00\x00\x01\x00" + r2, ll, "ff02::16", 1), 0x86DD))
    redir = icmp6(137, 0, b"\0" * 4 + a6(rt) + a6("2001:db8::77") + b"\x02\x01" + M2, rt, ll)
    f.append(eth(ipv6(58, redir, rt, ll, 255), 0x86DD))
    ra = icmp6(134, 0, struct.pack("!BBHII", 64, 0xC8, 1800, 30000, 1000) +
               b"\x19\x03\0\0" + struct.pack("!I", 600) + a6("2001:db8::53") +
               b"\x1f\x03\0\0" + struct.pack("!I", 600) + dns_name("example.org") + b"\0" * 3 +
               b"\x18\x02\x30\x08" + struct.pack("!I", 0xFFFFFFFF) + a6("2001:db8:1::")[:8] +
               b"\x07\x01\0\0" + struct.pack("!I", 5000) +
               b"\x63\x01" + b"\0" * 6, rt, "ff02::1")
    f.append(eth(ipv6(58, ra, rt, "ff02::1", 255), 0x86DD))
    f.append(eth(ipv6(58, icmp6(133, 0, b"\0" * 4 + b"\x01\x01" + M1, ll, "ff02::2"), ll, "ff02::2", 255), 0x86DD))
    f.append(eth(ipv6(58, icmp6(199, 3, b"abcd", s, d), s, d), 0x86DD))
    dst_opts = b"\x11\x00\x01\x04\x00\x00\x00\x00"
    f.append(eth(ipv6(60, dst_opts + udp(8700, 8701, b"opt", s, d, v6=True), s, d), 0x86DD))
    rh0 = b"\x11\x02\x00\x01\x00\x00\x00\x00" + a6("2001:db8::99")
    f.append(eth(ipv6(43, rh0 + udp(8700, 8702, b"rt", s, "2001:db8::99", v6=True), s, d), 0x86DD))
    frag = b"\x3a\x00\x00\x01\x00\x00\xbe\xef"
    f.append(eth(ipv6(44, frag + icmp6(128, 0, struct.pack("!HH", 3, 3) + b"z" * 16, s, d), s, d), 0x86DD))
    f.append(eth(ipv6(44, b"\x3a\x00\x00\x18\x00\x00\xbe\xef" + b"z" * 16, s, d), 0x86DD))
    f.append(eth(ipv6(6, tcp(1234, 80, 77, 0, 0x02, 100, src=s, dst=d, v6=True), s, d, flow=0x12345 | (0xb8 << 20)),
                 0x86DD))
    f.append(eth(ipv6(17, udp(9000, 9001, b"v6 bad", s, d, v6=True, bad=True), s, d), 0x86DD))
    f.append(eth(ipv6(59, b"", s, d), 0x86DD))
    return f


COOKIE = bytes([99, 130, 83, 99])


def bootp(op=1, htype=1, hlen=6, hops=0, xid=0x3903F326, secs=0, flags=0, ciaddr="0.0.0.0", yiaddr="0.0.0.0",
          siaddr="0.0.0.0", giaddr="0.0.0.0", chaddr=M1, sname=b"", file=b"", vend=None, options=b""):
    """A BOOTP message; `vend` replaces the whole vendor area, else magic cookie + `options`."""
    b = struct.pack("!BBBBIHH", op, htype, hlen, hops, xid, secs, flags) + a4(ciaddr) + a4(yiaddr) + a4(siaddr) + \
        a4(giaddr) + chaddr.ljust(16, b"\0")[:16] + sname.ljust(64, b"\0")[:64] + file.ljust(128, b"\0")[:128]
    return b + (vend if vend is not None else COOKIE + options)


def opt(tag, data):
    return bytes([tag, len(data)]) + data


def dhcp_udp(msg, server=False, src=None, dst=None, v4dst="255.255.255.255"):
    src = src or ("10.1.0.254" if server else "0.0.0.0")
    dst = dst or v4dst
    sport, dport = (67, 68) if server else (68, 67)
    return eth(ipv4(17, udp(sport, dport, msg, src=src, dst=dst), src=src, dst=dst, flags=0, ttl=64),
               dst=b"\xff" * 6 if dst == "255.255.255.255" else M2, src=M1)


def dhcp_frames():
    cid = opt(61, b"\x01" + M1)
    prl = opt(55, bytes([1, 3, 6, 15, 28, 42, 119, 121, 252, 0, 255, 44, 46, 47]))
    discover = bootp(flags=0x8000, options=opt(53, b"\x01") + cid + opt(50, a4("10.1.0.77")) + opt(57, b"\x05\xdc") +
                     prl + opt(12, b"client-one") + opt(60, b"dhcpcd-9.4.1:Linux") + b"\xff" + b"\0" * 20)
    common = opt(1, a4("255.255.255.0")) + opt(3, a4("10.1.0.1")) + opt(6, a4("10.1.0.53") + a4("9.9.9.9")) + \
        opt(15, b"example.org") + opt(51, struct.pack("!I", 86400)) + opt(58, struct.pack("!I", 43200)) + \
        opt(59, struct.pack("!I", 75600)) + opt(54, a4("10.1.0.254"))
    offer = bootp(op=2, yiaddr="10.1.0.77", siaddr="10.1.0.254", options=opt(53, b"\x02") + common + b"\xff")
    fqdn = opt(81, b"\x01\x00\x00" + b"client-one.example.org")
    request = bootp(secs=3, options=opt(53, b"\x03") + cid + opt(50, a4("10.1.0.77")) + opt(54, a4("10.1.0.254")) +
                    fqdn + opt(12, b"client-one") + b"\xff")
    routes = opt(121, b"\x18\x0a\x02\x00" + a4("10.1.0.1") + b"\x00" + a4("10.1.0.1") + b"\x20" + a4("10.3.3.3") +
                 a4("10.1.0.2") + b"\x0c\xac\x10" + a4("10.1.0.3"))
    ack = bootp(op=2, secs=3, yiaddr="10.1.0.77", siaddr="10.1.0.254", sname=b"boot-server", file=b"pxelinux.0",
                options=opt(53, b"\x05") + common + routes + opt(249, b"\x00" + a4("10.1.0.1")) + opt(46, b"\x08") +
                opt(52, b"\x03") + opt(42, a4("10.1.0.123")) + opt(2, struct.pack("!i", -3600)) +
                opt(66, b"tftp.example.org") + opt(67, b"/boot/x\x01\xe9") + opt(19, b"\x00\x01\x02") +
                opt(33, a4("10.5.0.0") + a4("10.1.0.1")) + opt(26, b"\x05\xdc") + opt(44, a4("10.1.0.44")) +
                opt(120, b"\x01\x02\x03") + opt(200, b"\xaa\xbb") + opt(201, b"\x01\x02\x03\x04\x05\x06\x07\x08") +
                opt(202, b"") + b"\xff")
    inform = bootp(ciaddr="10.1.0.77", options=opt(53, b"\x08") + opt(61, b"\x00host-id\x7f") +
                   opt(77, b"\x04iPXE\x03abc") + opt(55, bytes([1, 15, 6, 252])) + b"\xff")
    agent = opt(82, b"\x01\x08eth0:100" + b"\x02\x06" + M1 + b"\x05\x03\x01\x02\x03" + b"\x06\x03sub" + b"\x09\x09ab")
    relayed = bootp(hops=1, giaddr="10.2.0.1", options=opt(53, b"\x01") + cid + agent + b"\xff")
    nak = bootp(op=2, options=opt(53, b"\x06") + opt(54, a4("10.1.0.254")) + opt(56, b"wrong network") + b"\xff")
    release = bootp(ciaddr="10.1.0.77", options=opt(53, b"\x07") + opt(54, a4("10.1.0.254")) + b"\xff")
    decline = bootp(options=opt(53, b"\x04") + opt(50, a4("10.1.0.78")) + b"\xff")
    leasequery = bootp(options=opt(53, b"\x0a") + opt(53, b"\x63") + opt(53, b"\x01\x02") + b"\xff")
    odd = bootp(options=opt(1, a4("255.255.0.0") + b"\x01") + opt(46, b"") + opt(52, b"\x07") + opt(61, b"") +
                opt(61, b"\x06\x01\x02") + opt(61, b"\x63\x01") + opt(81, b"\x00\x00") + opt(81, b"\xfb\x01\x02x") +
                opt(77, b"\x05") + opt(77, b"\x00\x01") + opt(77, b"\x05ab") + opt(121, b"\x21\x00\x00\x00\x00") +
                opt(121, b"\x18\x0a\x00\x00\x0a") + opt(121, b"\x10") + opt(28, a4("10.1.255.255")[:3]) +
                opt(23, b"\x40") + opt(43, b"\x01\x02\xff") + b"\0\0\0" + opt(38, struct.pack("!I", 7200)) + b"\xff")
    cmu = bootp(vend=b"CMU\0" + struct.pack("!I", 1) + a4("255.255.255.0") + a4("10.1.0.1") + a4("10.1.0.53") +
                b"\0" * 4 + a4("10.1.0.5") + b"\0" * 8 + a4("10.1.0.123") + b"\0" * 24)
    cmu2 = bootp(op=2, vend=b"CMU\0" + struct.pack("!I", 0x06000000) + a4("255.255.0.0") + b"\0" * 52)
    plain = bootp(op=2, htype=6, hlen=6, xid=0, yiaddr="10.1.0.88", siaddr="10.1.0.254", sname=b"srv",
                  file=b"/tftpboot/vmunix", vend=b"\x12\x34\x56\x78" + b"\0" * 60)
    zero_vend = bootp(htype=1, hlen=8, chaddr=bytes(range(1, 9)), vend=b"\0" * 64)
    unknown_op = bootp(op=3, options=b"\xff")
    long_sname = bootp(op=2, sname=b"s" * 64, options=opt(53, b"\x02") + b"\xff")
    long_file = bootp(op=2, file=b"f" * 128, options=opt(53, b"\x02") + b"\xff")
    sname_escape = bootp(op=2, sname=b"tab\there\x80", options=opt(53, b"\x05") + b"\xff")
    after_end = bootp(options=opt(53, b"\x01") + b"\xff" + opt(12, b"ghost") + b"\0" * 3)
    return [
        dhcp_udp(discover),
        dhcp_udp(offer, server=True, dst="10.1.0.77"),
        dhcp_udp(request),
        dhcp_udp(ack, server=True, dst="10.1.0.77"),
        dhcp_udp(inform, src="10.1.0.77", dst="10.1.0.254"),
        dhcp_udp(relayed, src="10.2.0.1", dst="10.1.0.254"),
        dhcp_udp(nak, server=True),
        dhcp_udp(release, src="10.1.0.77", dst="10.1.0.254"),
        dhcp_udp(decline),
        dhcp_udp(leasequery, src="10.2.0.1", dst="10.1.0.254"),
        dhcp_udp(odd),
        dhcp_udp(cmu),
        dhcp_udp(cmu2, server=True),
        dhcp_udp(plain, server=True, dst="10.1.0.88"),
        dhcp_udp(zero_vend),
        dhcp_udp(unknown_op),
        dhcp_udp(long_sname, server=True),
        dhcp_udp(long_file, server=True),
        dhcp_udp(sname_escape, server=True),
        dhcp_udp(after_end),
        eth(ipv4(17, udp(53, 67, b"\x01" * 30))),                     # DNS port wins over BOOTP
        eth(ipv4(17, udp(68, 67, b""))),                               # empty BOOTP payload
        eth(ipv6(17, udp(546, 67, bootp(options=opt(53, b"\x01") + b"\xff"), src="2001:db8::1", dst="2001:db8::2",
                     v6=True)), 0x86DD),
    ]


def dhcp_catalog_frames():
    """Every option code with 8-, 3- and 5-byte values: checks the option names and value formats."""
    values = [bytes.fromhex("ffffffff0a000002"), b"ABC", bytes.fromhex("ff0a000002")]
    frames = []
    for data in values:
        for lo, hi in [(1, 64), (64, 128), (128, 192), (192, 255)]:
            opts = b"".join(opt(t, data) for t in range(lo, hi))
            frames.append(dhcp_udp(bootp(options=opts + b"\xff")))
    frames.append(dhcp_udp(bootp(options=opt(55, bytes(range(0, 128))) + opt(55, bytes(range(128, 256))) + b"\xff")))
    return frames


def dhcp_truncated():
    """DHCP messages cut inside the fixed header, the name fields, the cookie, an option length and a value."""
    full = dhcp_frames()
    ack, discover = full[3], full[0]
    head = 14 + 20 + 8
    return ([(ack[:n], len(ack)) for n in (head, head + 1, head + 3, head + 9, head + 11, head + 20, head + 30,
                                           head + 40, head + 50, head + 120, head + 236, head + 238, head + 242,
                                           head + 250, head + 259)] +
            [(discover[:n], len(discover)) for n in (head + 246, head + 247, head + 249, head + 262)])


def ntp_time(li=0, vn=4, mode=3, stratum=0, poll=6, precision=-20, delay=(0, 0), disp=(0, 0), refid=b"\0" * 4,
             ref=(0, 0), org=(0, 0), rec=(0, 0), xmt=(0, 0), tail=b""):
    return struct.pack("!BBbbHHHH", li << 6 | vn << 3 | mode, stratum, poll, precision, delay[0], delay[1],
                       disp[0], disp[1]) + refid + b"".join(struct.pack("!II", *t) for t in (ref, org, rec, xmt)) + tail


def ntp_control(li=0, vn=2, r=0, e=0, m=0, op=2, seq=1, status=0, assoc=0, offset=0, count=0, data=b""):
    return struct.pack("!BBHHHHH", li << 6 | vn << 3 | 6, r << 7 | e << 6 | m << 5 | op, seq, status, assoc, offset,
                       count) + data


def ntp_udp(payload, server=False, sport=None, dport=None):
    c, sv = "10.1.0.1", "10.1.0.123"
    src, dst = (sv, c) if server else (c, sv)
    sp = sport or (123 if server else 40123)
    dp = dport or (40123 if server else 123)
    return eth(ipv4(17, udp(sp, dp, payload, src=src, dst=dst), src=src, dst=dst))


def ntp_frames():
    t0 = 3909000000                       # 2023-11-14 in NTP seconds
    md5 = struct.pack("!I", 7) + bytes(range(16))
    sha1 = struct.pack("!I", 4294967295) + bytes(range(100, 120))
    f = [
        ntp_udp(ntp_time(li=3, xmt=(t0, 0x80000000))),
        ntp_udp(ntp_time(mode=4, stratum=2, poll=6, precision=-23, delay=(0, 0x0800), disp=(1, 0x8000),
                         refid=a4("192.0.2.1"), ref=(t0 - 100, 0x12345678), org=(t0, 0x80000000),
                         rec=(t0, 0x80100000), xmt=(t0, 0x80200000)), server=True),
        ntp_udp(ntp_time(mode=4, stratum=1, poll=10, refid=b"GPS\0", ref=(t0, 1), org=(t0 + 5, 0xF0000000),
                         rec=(t0 + 4, 0x10000000), xmt=(t0 + 6, 0x00000001), tail=md5), server=True),
        ntp_udp(ntp_time(vn=3, mode=1, stratum=3, poll=-6, refid=a4("10.1.0.9"), org=(t0, 0x10000000),
                         rec=(t0 - 1, 0x20000000), xmt=(t0, 0x10000000), tail=sha1), sport=123, dport=123),
        ntp_udp(ntp_time(mode=2, stratum=3, org=(t0, 0x20000000), rec=(t0, 0x10000000), xmt=(t0, 0x30000000),
                         tail=struct.pack("!I", 0)), sport=123, dport=123),
        ntp_udp(ntp_time(li=1, mode=5, stratum=4, poll=17, precision=-128, refid=b"\x7f\0\0\x01",
                         xmt=(t0 + 86400 * 400, 0xFFFFFFFF)), server=True),
        ntp_udp(ntp_time(li=2, stratum=16, poll=40, precision=127, xmt=(0, 0x40000000), tail=b"\0" * 12)),
        ntp_udp(ntp_time(stratum=62, refid=a4("10.1.0.62"), xmt=(t0, 0))),
        ntp_udp(ntp_time(mode=4, stratum=63, refid=a4("10.1.0.63"), xmt=(t0, 0)), server=True),
        ntp_udp(ntp_time(vn=1, mode=0, stratum=15, poll=-31, refid=b"\xde\xad\xbe\xef", ref=(1, 0),
                         org=(0xFFFFFFFF, 0xFFFFFFFF), rec=(0, 0), xmt=(0xFFFFFFFF, 0)), sport=123, dport=123),
        ntp_udp(ntp_time(mode=7)[:20]),
        ntp_udp(ntp_time()[:20]),
        ntp_udp(ntp_control(op=2)),
        ntp_udp(ntp_control(r=1, m=1, op=2, seq=7, status=0x0615, assoc=12345, count=12, data=b"version=\"4\"\0"),
                server=True),
        ntp_udp(ntp_control(r=1, e=1, op=31, status=0x0400, count=40, data=b"short")),
        ntp_udp(ntp_control()[:8]),
        eth(ipv6(17, udp(40123, 123, ntp_time(xmt=(t0, 5)), src="2001:db8::1", dst="2001:db8::2", v6=True),
                 src="2001:db8::1", dst="2001:db8::2"), 0x86DD),
        eth(ipv4(17, udp(123, 53, ntp_time()))),                # DNS wins
        eth(ipv4(17, udp(123, 68, ntp_time()))),                # BOOTP comes before NTP
    ]
    return f


def ntp_truncated():
    full = ntp_frames()
    auth, ctl = full[2], full[13]
    head = 14 + 20 + 8
    return ([(auth[:head + n], len(auth)) for n in (0, 1, 2, 3, 5, 9, 13, 15, 20, 30, 39, 45, 50, 54, 70)] +
            [(ctl[:head + n], len(ctl)) for n in (1, 2, 5, 7, 9, 11, 13, 20)])


def o6(code, data=b""):
    return struct.pack("!HH", code, len(data)) + data


def dhcp6_udp(msg, server=False, src=None, dst=None):
    src = src or ("fe80::fe" if server else "fe80::11")
    dst = dst or ("fe80::11" if server else "ff02::1:2")
    sp, dp = (547, 546) if server else (546, 547)
    return eth(ipv6(17, udp(sp, dp, msg, src, dst, v6=True), src, dst), 0x86DD)


def dhcp6_frames():
    xid = lambda t, x=0x5a5a5a: struct.pack("!I", t << 24 | x)
    duid_ll = o6(1, struct.pack("!HH", 3, 1) + M1)
    duid_llt = o6(2, struct.pack("!HHI", 1, 1, 700000000) + M2)
    duid_en = o6(2, struct.pack("!HI", 2, 311) + b"\x01\x02\x03\x04")
    ia_addr = o6(5, a6("2001:db8::100") + struct.pack("!II", 3600, 7200) + o6(13, struct.pack("!H", 0) + b"ok"))
    solicit = xid(1) + duid_ll + o6(8, b"\x00\x00") + o6(6, struct.pack("!HHHHH", 23, 24, 56, 82, 39)) + \
        o6(3, struct.pack("!III", 1, 0, 0)) + o6(14) + o6(39, b"\x00\x04host") + o6(16, b"\0\0\x01\x37\0\x03abc") + \
        o6(20) + o6(25, struct.pack("!III", 2, 0, 0))
    advertise = xid(2) + duid_llt + duid_ll + o6(3, struct.pack("!III", 1, 1800, 2880) + ia_addr) + o6(7, b"\xff") + \
        o6(23, a6("2001:db8::53") + a6("2001:db8::54")) + o6(24, dns_name("example.org") + dns_name("lab.example.org")) + \
        o6(13, struct.pack("!H", 2) + b"no addresses")
    request = xid(3) + duid_ll + duid_llt + o6(25, struct.pack("!III", 2, 0, 0) + o6(
        26, struct.pack("!IIB", 3600, 7200, 56) + a6("2001:db8:1200::") + o6(13, struct.pack("!H", 6)))) + \
        o6(8, b"\x00\x64")
    reply = xid(7) + duid_llt + duid_ll + o6(4, struct.pack("!I", 9) + ia_addr) + o6(32, struct.pack("!I", 86400)) + \
        o6(31, a6("2001:db8::123")) + o6(22, a6("2001:db8::5060")) + o6(21, dns_name("sip.example.org")) + \
        o6(41, b"EST5EDT4,M3.2.0/02:00,M11.1.0/02:00") + o6(42, b"Europe/Zurich") + o6(112, b"https://mud.example/x") + \
        o6(64, b"\x04aftr\x07example\x03org\x00") + o6(64, b"\x09toolong") + o6(12, a6("2001:db8::fe")) + \
        o6(13, struct.pack("!H", 11)) + o6(13, struct.pack("!H", 300))
    ntp = xid(7) + o6(56, o6(1, a6("2001:db8::123")) + o6(3, dns_name("ntp.example.org")) + o6(2, b"\x01\x02") +
                      o6(9, b"x")) + o6(56, o6(1, a6("2001:db8::1")) + o6(2, b"\0" * 30))
    auth = xid(10, 1) + duid_llt + o6(19, b"\x05") + o6(19, b"\x0b") + o6(19, b"\x07") + \
        o6(11, bytes([3, 1, 0]) + struct.pack("!Q", 5) + b"\x01" + bytes(range(16))) + \
        o6(11, bytes([2, 1, 0]) + struct.pack("!Q", 6) + b"realm" + struct.pack("!I", 0x1234) + bytes(range(16))) + \
        o6(11, bytes([2, 2, 1]) + struct.pack("!Q", 7) + b"short") + o6(11, bytes([4, 1, 0]) + struct.pack("!Q", 8)) + \
        o6(11, bytes([3, 1, 0]) + struct.pack("!Q", 9) + b"\x09" + bytes(16)) + o6(11, b"tiny")
    others = [xid(t) + duid_ll for t in (4, 5, 6, 8, 9)] + [xid(11) + duid_en + o6(6, struct.pack("!HHH", 23, 200, 0))]
    odd = xid(1) + o6(1, b"\x00") + o6(1, struct.pack("!HH", 1, 1)) + o6(2, struct.pack("!HH", 2, 1)) + \
        o6(1, struct.pack("!H", 3)) + o6(1, struct.pack("!HH", 9, 9)) + o6(5, b"\0" * 10) + o6(6, b"\0\x17\0") + \
        o6(7, b"\0\0") + o6(8, b"\0") + o6(13, b"\0") + o6(3, b"\0" * 8) + o6(4, b"\0") + o6(26, b"\0" * 24) + \
        o6(32, b"\0" * 3) + o6(37, b"\0" * 3) + o6(44, b"\0" * 16) + o6(47, b"\0" * 15) + o6(23, b"\0" * 15) + \
        o6(56, b"\0\0") + o6(64, b"\0\0") + o6(41, b"abc") + o6(200, b"unknown option") + o6(0)
    inner = xid(1) + duid_ll + o6(8, b"\x00\x00")
    relay_fwd = bytes([12, 0]) + a6("2001:db8:5::1") + a6("fe80::11") + o6(18, b"eth0/1/2/3/4/5") + \
        o6(37, struct.pack("!I", 9) + b"remote-identity") + o6(38, b"sub") + o6(9, inner)
    relay_reply = bytes([13, 1]) + a6("2001:db8:5::1") + a6("fe80::11") + o6(18, b"\x01") + \
        o6(9, bytes([13, 0]) + a6("::") + a6("fe80::22") + o6(9, xid(2) + duid_llt))
    short_relay = bytes([12, 0]) + a6("2001:db8:5::1") + a6("fe80::11") + o6(9, bytes([12, 0]) + b"\0" * 10)
    lq = xid(14) + duid_ll + o6(44, b"\x01" + a6("2001:db8::100") + o6(6, struct.pack("!H", 23))) + \
        o6(44, b"\x07" + a6("2001:db8::101"))
    lq_reply = xid(15) + duid_llt + o6(45, duid_ll + ia_addr + o6(46, struct.pack("!I", 600)) +
                                        o6(47, a6("2001:db8:5::1") + b"relay-message-bytes") +
                                        o6(48, a6("2001:db8:5::1"))) + o6(45)
    overrun = xid(1) + duid_ll + struct.pack("!HH", 8, 50) + b"\0\0"
    inner_overrun = xid(7) + o6(3, struct.pack("!III", 1, 2, 3) + struct.pack("!HH", 5, 40) + b"\0" * 4) + duid_ll
    return [
        dhcp6_udp(solicit), dhcp6_udp(advertise, server=True), dhcp6_udp(request), dhcp6_udp(reply, server=True),
        dhcp6_udp(ntp, server=True), dhcp6_udp(auth, server=True)] + [dhcp6_udp(m) for m in others] + [
        dhcp6_udp(odd), dhcp6_udp(relay_fwd, src="2001:db8:5::1", dst="2001:db8::547"),
        dhcp6_udp(relay_reply, server=True, src="2001:db8::547", dst="2001:db8:5::1"),
        dhcp6_udp(short_relay, src="2001:db8:5::1", dst="2001:db8::547"),
        dhcp6_udp(lq), dhcp6_udp(lq_reply, server=True), dhcp6_udp(overrun), dhcp6_udp(inner_overrun, server=True),
        dhcp6_udp(xid(20) + duid_ll), dhcp6_udp(b"\x01\x00"),
        eth(ipv4(17, udp(546, 547, solicit))),
    ]


def dhcp6_truncated():
    full = dhcp6_frames()
    adv, relay = full[1], full[13]
    head = 14 + 40 + 8
    return ([(adv[:head + n], len(adv)) for n in (0, 2, 4, 6, 9, 20, 23, 40, 60, 75, 100, 130, 150)] +
            [(relay[:head + n], len(relay)) for n in (1, 10, 20, 33, 40, 60, 80, 95, 100)])


def syslog_frames():
    msgs = [b"<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8",
            b"<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\"] "
            b"An application event log entry...",
            b"<0>kernel panic", b"<191>debug\ttab\x01\xff\x00after-nul", b"<13>", b"<>empty priority",
            b"<999>unknown facility", b"<1234>four digits", b"<12 no close", b"no priority", b"<7",
            b"<86>" + b"x" * 300]
    f = [eth(ipv4(17, udp(40514, 514, m, dst="10.1.0.5"), dst="10.1.0.5")) for m in msgs]
    f.append(eth(ipv4(17, udp(514, 514, b"<30>both ports"))))
    f.append(eth(ipv4(17, udp(514, 53, b"<30>dns wins"))))
    f.append(eth(ipv4(17, udp(123, 514, b"<30>ntp wins"))))
    f.append(eth(ipv4(17, udp(40514, 514, b""))))
    f.append(eth(ipv6(17, udp(40514, 514, b"<14>over IPv6", src="2001:db8::1", dst="2001:db8::2", v6=True)),
                 0x86DD))
    long = f[0]
    head = 14 + 20 + 8
    f += [(long[:head + n], len(long)) for n in (1, 3, 4, 20)]
    return f


def cut(frames, n):
    return [(p[:n], len(p)) for p in frames]


if __name__ == "__main__":
    link, ip, dns, v6 = link_frames(), ip_frames(), dns_frames(), v6_frames()
    write("printers-llc-stp.pcap", link)
    write("printers-ipv4.pcap", ip)
    write("printers-dns.pcap", dns)
    write("printers-ipv6.pcap", v6)
    write("printers-dhcp.pcap", dhcp_frames())
    write("printers-dhcp-options.pcap", dhcp_catalog_frames())
    write("printers-dhcp-truncated.pcap", dhcp_truncated())
    write("printers-ntp.pcap", ntp_frames())
    write("printers-ntp-truncated.pcap", ntp_truncated())
    write("printers-dhcp6.pcap", dhcp6_frames())
    write("printers-dhcp6-truncated.pcap", dhcp6_truncated())
    write("printers-syslog.pcap", syslog_frames())
    write("printers-truncated.pcap", cut(ip, 48) + cut(dns, 70) + cut(v6, 66) + cut(link, 30) + cut(ip, 15))
    if CHECK:
        if MISMATCHES:
            print("differs from what scripts/make-printer-pcaps.py writes: " + ", ".join(MISMATCHES))
            sys.exit(1)
        print("pcaps/printers-*.pcap match scripts/make-printer-pcaps.py")
