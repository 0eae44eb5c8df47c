#!/usr/bin/env python3
"""Writes a small seed corpus for one fuzz target into DIR, from the project's pcaps/ and the shared corpus's
libpcap/exprs.tsv (read at run time; nothing of ../shared is committed). Usage: make-seeds.py TARGET DIR"""
import os, struct, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PCAPS = os.path.join(ROOT, "pcaps")
EXPRS = os.environ.get("EXPRS_TSV", os.path.join(ROOT, "..", "shared", "corpus", "libpcap", "exprs.tsv"))
if not os.path.exists(EXPRS):
    EXPRS = "/work/shared/corpus/libpcap/exprs.tsv"

# Same order as linkTypes in Sources/FuzzFilter/main.swift.
LINKS = ["EN10MB", "RAW", "NULL", "LOOP", "LINUX_SLL", "LINUX_SLL2", "IEEE802_11", "IEEE802_11_RADIO", "PPP",
         "IPV4", "IPV6", "IEEE802", "FDDI", "PRISM_HEADER", "PPI", "DOCSIS", "MTP2", "PFLOG", "SUNATM",
         "IP_OVER_FC", "DSA_TAG_BRCM", "DSA_TAG_DSA", "ARCNET", "ARCNET_LINUX", "IEEE802_11_RADIO_AVS", "C_HDLC",
         "BACNET_MS_TP"]
# Same order as linkTypes in Sources/FuzzPrinters/main.swift.
PRINTER_LINKS = {1: 0, 12: 1, 0: 2, 108: 3, 113: 4, 276: 5, 228: 6, 229: 7}


def expressions():
    if not os.path.exists(EXPRS):
        print("make-seeds: no exprs.tsv found; expression seeds skipped", file=sys.stderr)
        return []
    out = []
    with open(EXPRS, encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                out.append((parts[0], parts[1]))
    return out


def pcap_files():
    return sorted(os.path.join(PCAPS, n) for n in os.listdir(PCAPS) if n.endswith((".pcap", ".pcapng")))


def pcap_packets(path):
    """(linktype, bytes) of each record of a classic pcap file; pcapng files are skipped."""
    data = open(path, "rb").read()
    if len(data) < 24:
        return []
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        return []
    link = struct.unpack(e + "I", data[20:24])[0] & 0x0FFFFFFF
    out, off = [], 24
    while off + 16 <= len(data):
        _, _, caplen, _ = struct.unpack(e + "IIII", data[off:off + 16])
        off += 16
        out.append((link, data[off:off + caplen]))
        off += caplen
    return out


def main():
    target, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    n = 0

    def put(blob):
        nonlocal n
        with open(os.path.join(outdir, "seed-%05d" % n), "wb") as f:
            f.write(blob)
        n += 1

    if target == "FuzzFilter":
        for i, (expr, link) in enumerate(expressions()):
            index = LINKS.index(link) if link in LINKS else 0
            put(bytes([2 * index + (i & 1)]) + expr.encode())
    elif target == "FuzzSavefile":
        for path in pcap_files():
            data = open(path, "rb").read()
            put(data)
            put(data[: len(data) // 2])
    elif target == "FuzzPrinters":
        for path in pcap_files():
            for j, (link, packet) in enumerate(pcap_packets(path)):
                if link in PRINTER_LINKS:
                    put(bytes([PRINTER_LINKS[link], j % 8, 0, 0]) + packet)
    elif target == "FuzzCBPF":
        packets = [p for path in pcap_files() for (link, p) in pcap_packets(path) if link == 1]
        for i, (expr, link) in enumerate(expressions()[:400]):
            if link != "EN10MB":
                continue
            try:
                text = subprocess.run(["tcpdump", "-ddd", "-y", "EN10MB", expr], capture_output=True, text=True,
                                      timeout=10).stdout
            except (OSError, subprocess.TimeoutExpired):
                print("make-seeds: tcpdump unavailable; program seeds skipped", file=sys.stderr)
                break
            lines = text.split("\n")
            if not lines or not lines[0].strip().isdigit():
                continue
            insns = [tuple(int(x) for x in l.split()) for l in lines[1:] if l.strip()]
            if len(insns) > 63:
                continue
            blob = bytes([len(insns)]) + b"".join(struct.pack("<HBBI", c, jt, jf, k) for c, jt, jf, k in insns)
            put(blob + (packets[i % len(packets)] if packets else b""))
    else:
        sys.exit("make-seeds: unknown target " + target)
    print("make-seeds: %d seeds for %s in %s" % (n, target, outdir), file=sys.stderr)


main()
