import Capture
import Testing

/// The NTP decoder reads the header fields and timestamps without the printer.
@Suite("Decoders: NTP")
struct NTPDecoderTests {
    /// An NTPv4 server reply: stratum 2, poll 6, precision -23, root delay 0.5 s, refid 192.0.2.1, transmit
    /// timestamp 3909000000.5.
    static let reply: [UInt8] = [0x24, 2, 6, 0xe9, 0, 0, 0x80, 0, 0, 1, 0, 0, 192, 0, 2, 1]
        + [UInt8](repeating: 0, count: 24) + [0xe8, 0xfe, 0x9b, 0x40, 0x80, 0, 0, 0]

    @Test func readsTimeMessage() throws {
        try Self.reply.withUnsafeBytes { raw throws in
            let m = NTPMessage(ByteView(packet: raw))
            let status = try m.status()
            #expect(NTPMode(status: status) == .server && (status >> 3) & 7 == 4)
            #expect(try m.stratum() == 2 && m.poll() == 6 && m.precision() == -23)
            let delay = try m.rootDelay()
            #expect(delay.seconds == 0 && delay.fraction == 0x8000)
            #expect(try m.rootDispersion().seconds == 1)
            #expect(try m.referenceID() == 0xc000_0201)
            #expect(try m.timestamp(at: NTPMessage.originTimestampOffset).isZero)
            let xmt = try m.timestamp(at: NTPMessage.transmitTimestampOffset)
            #expect(xmt.seconds == 3_909_000_000 && xmt.fraction == 0x8000_0000)
        }
    }

    @Test func shortMessageThrows() {
        let bytes = Array(Self.reply.prefix(44))
        let results = bytes.withUnsafeBytes { raw in
            let m = NTPMessage(ByteView(packet: raw))
            return ((try? m.timestamp(at: NTPMessage.receiveTimestampOffset)) != nil,
                    (try? m.timestamp(at: NTPMessage.transmitTimestampOffset)) != nil)
        }
        #expect(results.0 && !results.1)
        #expect(NTPMode(status: 0x16) == .control && !NTPMode.control.carriesTime && NTPMode.broadcast.carriesTime)
    }
}
