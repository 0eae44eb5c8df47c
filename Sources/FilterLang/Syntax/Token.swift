/// A token of the pcap-filter language, classified as libpcap 1.10.3's lexer (scanner.l)
/// classifies it.
struct Token: Hashable, Sendable {
    /// What the token is.
    var kind: TokenKind
    /// Where it is in the expression (UTF-8 byte offsets).
    var range: SourceRange
}

/// Token kinds: one per terminal of libpcap's grammar, plus payloads for literals and a case for
/// tokens the lexer rejected.
enum TokenKind: Hashable, Sendable {
    // Literals.
    /// `NUM`: a decimal, hex or octal number or a named constant (`tcp-syn`, `icmp6-echo`, …).
    case number(UInt32)
    /// `HID`: dotted IPv4 form with 2–4 parts.
    case hid(String)
    /// `HID6`: IPv6 literal.
    case hid6(IPv6Literal)
    /// `EID`: MAC address.
    case eid(MACLiteral)
    /// `AID`: ARCnet address.
    case aid(ARCnetLiteral)
    /// `ID`: identifier or backslash-escaped word.
    case id(String, escaped: Bool)
    /// A token the lexer rejected; the parser reports the error when it reads the token.
    case error(FilterError)

    // Punctuation.
    case plus, minus, star, slash, percent, colon, leftBracket, rightBracket
    case leftParen, rightParen, ampersand, pipe, caret
    /// `!` or `not`.
    case not
    /// `>`.
    case greater
    /// `<`.
    case less
    /// `=` or `==`.
    case equal
    /// `>=`.
    case greaterOrEqual
    /// `<=`.
    case lessOrEqual
    /// `!=`.
    case notEqual
    /// `<<`.
    case shiftLeft
    /// `>>`.
    case shiftRight
    /// `and` or `&&`.
    case and
    /// `or` or `||`.
    case or

    // Qualifier and primitive keywords.
    case src, dst
    /// A protocol name (`pname` in the grammar); `link` covers link, ether, ppp, slip, fddi, tr, wlan.
    case pname(ProtocolQualifier)
    case host, net, netmask, port, portrange, proto, protochain, gateway
    case type, subtype, dir, addr1, addr2, addr3, addr4, ra, ta
    case lessKeyword, greaterKeyword, byteKeyword, broadcast, multicast, len
    case inbound, outbound, ifindex, vlan, mpls, pppoed, pppoes, geneve
    case atmType(ATMType)
    case atmMultiType(ATMMultiType)
    case atmField(ATMField)
    case llc
    case pfIfname, pfRset, pfRnr, pfSrnr, pfReason, pfAction
    case mtp2Type(MTP2Type)
    case mtp3Field(MTP3Field)

    /// End of input.
    case end
}
