import Capture
import Testing

/// The header decoders read the fields a JSON printer would need, and refuse short input.
@Suite("Decoders")
struct DecoderTests {
    // Ethernet + IPv4 + TCP SYN with an MSS option (10.0.0.1:40000 -> 10.0.0.2:80).
    static let frame: [UInt8] = [
        0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00,
        0x45, 0x00, 0x00, 0x2c, 0x00, 0x01, 0x40, 0x00, 0x40, 0x06, 0x00, 0x00, 10, 0, 0, 1, 10, 0, 0, 2,
        0x9c, 0x40, 0x00, 0x50, 0, 0, 0x03, 0xe8, 0, 0, 0, 0, 0x60, 0x02, 0xfa, 0xf0, 0, 0, 0, 0,
        0x02, 0x04, 0x05, 0xb4,
    ]

    @Test func decodesEthernetIPv4TCP() throws {
        try Self.frame.withUnsafeBytes { raw in
            let v = ByteView(packet: raw)
            let eth = try EthernetHeader(v)
            #expect(eth.typeOrLength == 0x0800)
            #expect(eth.source.description == "02:00:00:00:00:01")
            let ip = try IPv4Header(v.advanced(by: 14))
            #expect(ip.version == 4 && ip.headerLength == 20 && ip.totalLength == 44)
            #expect(ip.dontFragment && !ip.moreFragments && ip.proto == 6 && ip.ttl == 64)
            #expect(ip.source.description == "10.0.0.1" && ip.destination.description == "10.0.0.2")
            let tcp = try TCPHeader(v.advanced(by: 34))
            #expect(tcp.sourcePort == 40000 && tcp.destinationPort == 80)
            #expect(tcp.sequence == 1000 && tcp.flags == 0x02 && tcp.headerLength == 24 && tcp.window == 64240)
        }
    }

    @Test func shortInputThrowsTruncated() {
        let bytes: [UInt8] = Array(Self.frame.prefix(40))
        bytes.withUnsafeBytes { raw in
            let v = ByteView(packet: raw)
            #expect(throws: Truncated.self) { _ = try TCPHeader(v.advanced(by: 34)) }
            #expect(throws: Truncated.self) { _ = try IPv6Header(v.advanced(by: 1)) }
            #expect(throws: Truncated.self) { _ = try v.u32(38) }
            #expect(throws: Truncated.self) { _ = try v.advanced(by: 1000).u8(0) }
            #expect(throws: Truncated.self) { _ = try v.u8(-1) }
            #expect((try? v.u16(38)) == 0x0000)
            #expect(v.limited(to: 10).available == 10)
        }
    }

    @Test func ipv6AddressText() {
        let cases: [([UInt8], String)] = [
            ([0x20, 0x01, 0x0d, 0xb8] + Array(repeating: 0, count: 11) + [1], "2001:db8::1"),
            (Array(repeating: 0, count: 16), "::"),
            (Array(repeating: 0, count: 10) + [0xff, 0xff, 192, 0, 2, 1], "::ffff:192.0.2.1"),
            ([0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1], "fe80::1:0:0:1"),
            ([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1], "1:0:1::1:0:1"),
        ]
        for (bytes, text) in cases {
            let decoded = bytes.withUnsafeBytes { raw in (try? IPv6Address(ByteView(packet: raw), at: 0))?.description }
            #expect(decoded == text)
        }
    }

    @Test func checksumShouldBe() {
        // A header whose checksum field is 0 must report the value that makes the sum correct.
        let header: [UInt8] = [0x45, 0, 0, 0x54, 0, 0x14, 0, 0, 0x40, 0x01, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2]
        header.withUnsafeBytes { raw in
            let v = ByteView(packet: raw)
            let sum = InternetChecksum.finish(InternetChecksum.partialSum(v, offset: 0, count: 20))
            #expect(InternetChecksum.shouldBe(stored: 0, computed: sum) == 0x6693)
        }
    }
}
