import Capture
import Testing

/// The BOOTP/DHCP decoder reads the fixed header and walks the options without the printer.
@Suite("Decoders: BOOTP/DHCP")
struct BOOTPDecoderTests {
    /// A DHCP request: xid 0x01020304, broadcast flag, giaddr 10.2.0.1, chaddr 02:00:00:00:00:11, then the
    /// cookie, DHCP-Message Discover, two PADs, Hostname "ab", END.
    static func message(optionsCut: Int? = nil) -> [UInt8] {
        var b: [UInt8] = [1, 1, 6, 2, 1, 2, 3, 4, 0, 9, 0x80, 0]
        b += [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 2, 0, 1]
        b += [2, 0, 0, 0, 0, 0x11] + [UInt8](repeating: 0, count: 10)
        b += [UInt8](repeating: 0, count: 64 + 128)
        b += [99, 130, 83, 99, 53, 1, 1, 0, 0, 12, 2, UInt8(ascii: "a"), UInt8(ascii: "b"), 255]
        if let cut = optionsCut { b.removeLast(b.count - (240 + cut)) }
        return b
    }

    @Test func readsFixedFields() throws {
        try Self.message().withUnsafeBytes { raw throws in
            let m = BOOTPMessage(ByteView(packet: raw))
            #expect(try m.op() == BOOTPMessage.request)
            #expect(try m.hops() == 2 && m.transactionID() == 0x0102_0304 && m.seconds() == 9)
            #expect(try m.flags() == 0x8000 && m.gatewayAddress() == 0x0a02_0001 && m.clientAddress() == 0)
            #expect(try m.hasEthernetClient() && m.clientMAC().description == "02:00:00:00:00:11")
            #expect(try m.vendorArea() == .rfc1048)
        }
    }

    @Test func walksOptions() throws {
        try Self.message().withUnsafeBytes { raw throws in
            var r = BOOTPMessage(ByteView(packet: raw)).options()
            var tags: [UInt8] = []
            var lengths: [Int] = []
            while let o = try r.next() {
                tags.append(o.tag)
                lengths.append(o.length)
                if o.tag == DHCPOptionHeader.pad { #expect(r.skipPadding() == 1) }
            }
            #expect(tags == [53, 0, 12, 255])
            #expect(lengths == [1, 0, 2, 0])
        }
    }

    @Test func shortOptionsStopOrThrow() throws {
        // Cut after the Hostname tag: its length byte is missing, which is truncation.
        try Self.message(optionsCut: 6).withUnsafeBytes { raw throws in
            var r = BOOTPMessage(ByteView(packet: raw)).options()
            #expect(try r.next()?.tag == 53)
            #expect(try r.next()?.tag == 0)
            _ = r.skipPadding()
            #expect(throws: Truncated.self) { _ = try r.next() }
        }
        // Cut inside the Hostname value: the header is found, its value is not all there.
        try Self.message(optionsCut: 8).withUnsafeBytes { raw throws in
            let v = ByteView(packet: raw)
            var r = BOOTPMessage(v).options()
            var last: DHCPOptionHeader?
            while let o = try r.next() { last = o }
            #expect(last?.tag == 12 && last?.length == 2)
            if let o = last { #expect(!v.has(o.valueOffset, o.length)) }
        }
        // No vendor area at all.
        let short = Array(Self.message().prefix(200))
        let result = short.withUnsafeBytes { raw in Result { () throws(Truncated) in
            try BOOTPMessage(ByteView(packet: raw)).vendorArea() } }
        #expect(throws: Truncated.self) { _ = try result.get() }
    }

    @Test func recognisesVendorAreas() throws {
        var cmu = Self.message()
        cmu.replaceSubrange(236..<240, with: [0x43, 0x4d, 0x55, 0])
        var other = Self.message()
        other.replaceSubrange(236..<240, with: [1, 2, 3, 4])
        let kinds = [cmu, other].map { bytes in
            bytes.withUnsafeBytes { raw in try? BOOTPMessage(ByteView(packet: raw)).vendorArea() }
        }
        #expect(kinds == [.cmu, .other(0x0102_0304)])
    }
}
