/// The operand of a qualified primitive (`a` in `src host a`), classified exactly as libpcap's
/// lexer classifies it, because libpcap picks the code generator by token type:
/// `ID` → `gen_scode`, `NUM` → `gen_ncode(NULL, n)`, `HID` → `gen_ncode(s, 0)`,
/// `HID/NUM` and `HID mask HID` → `gen_mcode`, `HID6[/NUM]` → `gen_mcode6`, `EID` → `gen_ecode`,
/// `AID` → `gen_acode`.
public enum Operand: Hashable, Sendable {
    /// A number (`NUM`, possibly parenthesised: `port (80)`), including named constants such as
    /// `icmp-echo`.
    case number(UInt32)
    /// A dotted IPv4 form with 2–4 parts (`HID`): `10.1`, `192.168.1.1`.
    case ipv4(IPv4Literal)
    /// `HID/NUM`: `10.0.0.0/8`.
    case ipv4Prefix(IPv4Literal, prefixLength: UInt32)
    /// `HID mask HID`: `10.0.0.0 mask 255.0.0.0`.
    case ipv4Masked(IPv4Literal, mask: IPv4Literal)
    /// An IPv6 literal (`HID6`), compiled as a /128 network.
    case ipv6(IPv6Literal)
    /// `HID6/NUM`: `2001:db8::/32`.
    case ipv6Prefix(IPv6Literal, prefixLength: UInt32)
    /// A MAC address (`EID`) in any of libpcap's forms: `0:1:2:3:4:5`, `00-01-02-03-04-05`,
    /// `0.1.2.3.4.5`, `0001.0203.0405`, `000102030405`.
    case mac(MACLiteral)
    /// An ARCnet address `$xx` (`AID`).
    case arcnet(ARCnetLiteral)
    /// A name (`ID`): host, network, service, protocol or ether name, a port range such as
    /// `1000-2000` or `ftp-telnet` (libpcap lexes it as one identifier), or anything else
    /// `gen_scode` interprets. A backslash-escaped keyword (`\ip`) arrives here without its
    /// backslash, with `escaped` set.
    case name(String, escaped: Bool)
}

/// A dotted IPv4 form as written (`HID`, 2–4 parts, each a decimal, `0x` hex or octal number as
/// far as the lexer is concerned).
public struct IPv4Literal: Hashable, Sendable {
    /// The text as written.
    public var text: String
    /// The number of dot-separated parts (2…4).
    public var partCount: Int
    /// The value libpcap's `__pcap_atoin` computes from `text` (parts read as decimal, each shifted
    /// in by 8 bits, so `10.1` is `0x0a01`), or nil where `__pcap_atoin` fails (a part > 255).
    public var value: UInt32?
    /// The number of bits `__pcap_atoin` reports (8 × `partCount`).
    public var bitLength: Int { 8 * partCount }

    /// Creates a literal from its text, computing ``value`` and ``partCount``.
    public init(text: String) {
        self.text = text
        var parts = 1
        var result: UInt32 = 0
        var current: UInt32 = 0
        var failed = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                if current > 255 { failed = true }
                result = (result &<< 8) | (current & 0xff)
                current = 0
                parts += 1
            } else {
                // __pcap_atoin gives up once a part passes 25 before the next digit.
                if current > 25 { failed = true }
                current = current &* 10 &+ UInt32(truncatingIfNeeded: Int(byte) - 48)
            }
        }
        if current > 255 { failed = true }
        result = (result &<< 8) | (current & 0xff)
        self.partCount = parts
        self.value = failed ? nil : result
    }
}

/// An IPv6 literal (`HID6`) as written and as 16 network-order bytes.
public struct IPv6Literal: Hashable, Sendable {
    /// The text as written.
    public var text: String
    /// The address, 16 bytes in network order.
    public var bytes: [UInt8]

    /// Creates a literal.
    public init(text: String, bytes: [UInt8]) {
        self.text = text
        self.bytes = bytes
    }
}

/// A MAC address (`EID`) as written and as 6 bytes.
public struct MACLiteral: Hashable, Sendable {
    /// The text as written.
    public var text: String
    /// The address bytes (always 6 for a valid token).
    public var bytes: [UInt8]

    /// Creates a literal.
    public init(text: String, bytes: [UInt8]) {
        self.text = text
        self.bytes = bytes
    }
}

/// An ARCnet address `$xx` (`AID`) as written.
public struct ARCnetLiteral: Hashable, Sendable {
    /// The text as written, including the `$`.
    public var text: String
    /// The one or two hex digits after `$`, as a number.
    public var value: UInt8

    /// Creates a literal.
    public init(text: String, value: UInt8) {
        self.text = text
        self.value = value
    }
}
