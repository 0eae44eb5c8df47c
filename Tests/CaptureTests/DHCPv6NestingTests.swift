import BPFCore
import Capture
import Testing

/// DHCPv6 lets options hold options and relay messages hold messages; a crafted jumbo packet nests thousands of
/// levels. The printer stops at a fixed depth with ` [|dhcp6]` instead of exhausting the stack.
@Suite("Printer: DHCPv6 nesting")
struct DHCPv6NestingTests {
    static func frame(dhcp payload: [UInt8]) -> [UInt8] {
        let udpLength = 8 + payload.count
        var f: [UInt8] = [0x02, 0, 0, 0, 0, 0x22, 0x02, 0, 0, 0, 0, 0x11, 0x86, 0xdd]
        f += [0x60, 0, 0, 0, UInt8(udpLength >> 8), UInt8(udpLength & 0xff), 17, 64]
        f += [0xfe, 0x80] + [UInt8](repeating: 0, count: 13) + [0x11]
        f += [0xfe, 0x80] + [UInt8](repeating: 0, count: 13) + [0x22]
        f += [0x02, 0x22, 0x02, 0x23, UInt8(udpLength >> 8), UInt8(udpLength & 0xff), 0, 0]
        return f + payload
    }

    static func printed(_ bytes: [UInt8]) -> String {
        var printer = PacketPrinter(options: TestOptions.parse(["-n", "-v"]))
        var out = OutputBuffer()
        let header = PacketHeader(timestamp: Timestamp(seconds: 0, nanoseconds: 0),
                                  captureLength: UInt32(bytes.count), wireLength: UInt32(bytes.count))
        bytes.withUnsafeBytes { printer.print(header, $0, linkType: .en10mb, into: &out) }
        return out.text
    }

    /// IA_NA inside IA_NA, 3000 deep (16 bytes a level).
    @Test func deeplyNestedOptionsStop() {
        var inner: [UInt8] = []
        for _ in 0..<3000 {
            let body = [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0] + inner
            inner = [0, 3, UInt8(body.count >> 8), UInt8(body.count & 0xff)] + body
        }
        let text = Self.printed(Self.frame(dhcp: [7, 0, 0, 1] + Array(inner.prefix(60000))))
        #expect(text.contains("dhcp6 reply (xid=1 (IA_NA IAID:1 T1:0 T2:0 (IA_NA"))
        #expect(text.components(separatedBy: "(IA_NA").count - 1 == 33)
        #expect(text.hasSuffix(" [|dhcp6]" + String(repeating: ")", count: 34) + "\n"))
    }

    /// Relay-forward messages inside relay-message options, 1500 deep (38 bytes a level).
    @Test func deeplyNestedRelaysStop() {
        var inner: [UInt8] = [1, 0, 0, 9]
        for _ in 0..<1500 {
            let relay = [12, 0] + [UInt8](repeating: 0, count: 32) + [0, 9, UInt8(inner.count >> 8),
                                                                      UInt8(inner.count & 0xff)] + inner
            inner = relay
            if inner.count > 60000 { break }
        }
        let text = Self.printed(Self.frame(dhcp: inner))
        #expect(text.contains("dhcp6 relay-fwd (linkaddr=:: peeraddr=:: (relay-message (dhcp6 relay-fwd"))
        #expect(text.components(separatedBy: "relay-fwd").count - 1 == 34)
        #expect(text.contains(" [|dhcp6]"))
    }
}
