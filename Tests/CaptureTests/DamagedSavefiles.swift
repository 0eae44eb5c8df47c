import Foundation

/// Savefiles damaged in the ways issue 7 lists, built in memory for the tests.
enum DamagedSavefiles {
    /// A little-endian pcap file header.
    static func pcapHeader(snaplen: UInt32 = 65535, linkType: UInt32 = 1, magic: UInt32 = 0xa1b2_c3d4) -> [UInt8] {
        le32(magic) + le16(2) + le16(4) + le32(0) + le32(0) + le32(snaplen) + le32(linkType)
    }

    /// A pcap record of `payload` (caplen and len from the payload unless given).
    static func record(seconds: UInt32, micros: UInt32, payload: [UInt8], caplen: UInt32? = nil, len: UInt32? = nil)
        -> [UInt8]
    {
        le32(seconds) + le32(micros) + le32(caplen ?? UInt32(payload.count)) + le32(len ?? UInt32(payload.count))
            + payload
    }

    /// A 60-byte Ethernet frame whose bytes depend on `seed`.
    static func frame(_ seed: UInt8) -> [UInt8] {
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x08, 0x00] + (0..<46).map { UInt8(truncatingIfNeeded: Int($0) &+ Int(seed)) }
    }

    static func all() -> [(String, Data)] {
        let good = pcapHeader() + record(seconds: 1, micros: 2, payload: frame(1))
            + record(seconds: 3, micros: 4, payload: frame(2))
        var cases: [(String, [UInt8])] = [
            ("empty.pcap", []),
            ("short-header.pcap", Array(good.prefix(10))),
            ("header-only-cut.pcap", Array(good.prefix(23))),
            ("bad-magic.pcap", [0xde, 0xad, 0xbe, 0xef] + Array(good.dropFirst(4))),
            ("record-header-cut.pcap", Array(good.prefix(24 + 16 + 60 + 7))),
            ("record-data-cut.pcap", Array(good.prefix(good.count - 13))),
            ("absurd-caplen.pcap",
             pcapHeader() + record(seconds: 1, micros: 2, payload: frame(1))
                + record(seconds: 3, micros: 4, payload: frame(2), caplen: 0x7fff_ffff)),
            ("caplen-over-max.pcap",
             pcapHeader() + record(seconds: 1, micros: 2, payload: frame(1))
                + record(seconds: 3, micros: 4, payload: frame(2), caplen: 300_000)),
            ("bad-version.pcap", le32(0xa1b2_c3d4) + le16(3) + le16(0) + Array(good.dropFirst(8))),
        ]
        // pcapng: the second interface has another link type than the first; tcpdump stops at its packet.
        let pcapng = shb() + idb(linkType: 1) + epb(interface: 0, payload: frame(3)) + idb(linkType: 101)
            + epb(interface: 1, payload: [0x45] + Array(repeating: 0, count: 19))
        cases.append(("linktype-change.pcapng", pcapng))
        let truncatedNg = shb() + idb(linkType: 1) + epb(interface: 0, payload: frame(4))
        cases.append(("block-cut.pcapng", Array(truncatedNg.dropLast(9))))
        return cases.map { ($0.0, Data($0.1)) }
    }

    // MARK: pcapng blocks (little-endian)

    static func block(type: UInt32, body: [UInt8]) -> [UInt8] {
        let length = UInt32(12 + body.count)
        return le32(type) + le32(length) + body + le32(length)
    }

    static func shb() -> [UInt8] {
        block(type: 0x0A0D_0D0A, body: le32(0x1A2B_3C4D) + le16(1) + le16(0) + le32(0xffff_ffff) + le32(0xffff_ffff))
    }

    static func idb(linkType: UInt16) -> [UInt8] {
        block(type: 1, body: le16(linkType) + le16(0) + le32(65535))
    }

    static func epb(interface: UInt32, payload: [UInt8]) -> [UInt8] {
        var padded = payload
        while padded.count % 4 != 0 { padded.append(0) }
        return block(type: 6, body: le32(interface) + le32(0) + le32(1_000_000) + le32(UInt32(payload.count))
            + le32(UInt32(payload.count)) + padded)
    }

    static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xff), UInt8(value >> 8)] }
    static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
}
