/// DHCPv6 (UDP ports 546/547) as tcpdump 4.99.3 prints it: `dhcp6 TYPE`, and from `-v` on the transaction id (or
/// relay addresses) and every option in parentheses, nested options inside their parent's parentheses.
///
/// As in tcpdump, a short option list prints ` [|dhcp6]` and ends only that list (the enclosing parentheses
/// still close); a missing relay address throws ``Truncated``.
extension Dissector {
    /// Nesting limit for relay messages and options inside options. tcpdump has none; a crafted jumbo packet
    /// could otherwise nest thousands of levels and exhaust the stack. Deeper lists print ` [|dhcp6]`.
    static let dhcp6MaxDepth = 32

    mutating func printDHCPv6(_ v: ByteView, length: Int, depth: Int = 0) throws(Truncated) {
        proto = "dhcp6"
        out.text("dhcp6")
        let end = min(v.available, max(0, length))
        guard v.has(0, 4) else { return printTruncated() }
        let msg = DHCPv6Message(v)
        let type = try msg.type()
        out.byte(0x20)
        if let name = Self.dhcp6MessageName(type) {
            out.text(name)
        } else {
            out.text("msgtype-")
            out.decimal(type)
        }
        guard verbose > 0 else { return }
        out.text(" (")
        if DHCPv6Message.isRelay(type) {
            try v.check(DHCPv6Message.linkAddressOffset, 16)
            try ipv6Address(v, DHCPv6Message.linkAddressOffset, prefix: "linkaddr=")
            try v.check(DHCPv6Message.peerAddressOffset, 16)
            try ipv6Address(v, DHCPv6Message.peerAddressOffset, prefix: " peeraddr=")
            try printDHCPv6Options(v, from: DHCPv6Message.relayOptionsOffset, to: end, depth: depth)
        } else {
            out.text("xid=")
            out.hex(try msg.transactionID())
            try printDHCPv6Options(v, from: DHCPv6Message.optionsOffset, to: end, depth: depth)
        }
        out.byte(UInt8(ascii: ")"))
    }

    /// Prints the options between `start` and `end` (offsets in `v`); ` [|dhcp6]` and return when one does not fit.
    private mutating func printDHCPv6Options(_ v: ByteView, from start: Int, to end: Int, depth: Int)
        throws(Truncated)
    {
        guard depth <= Self.dhcp6MaxDepth else { return printTruncated() }
        var cp = start
        while cp < end {
            guard cp + 4 <= end, v.has(cp, 4) else { return printTruncated() }
            let header = try DHCPv6OptionHeader(v, at: cp)
            let optlen = header.length
            guard cp + 4 + optlen <= end else { return printTruncated() }
            out.text(" (")
            if let name = Self.dhcp6OptionName(header.code) {
                out.text(name)
            } else {
                out.text("opt_")
                out.decimal(header.code)
            }
            let tp = cp + 4
            guard v.has(tp, optlen) else { return printTruncated() }
            guard try printDHCPv6OptionValue(v, code: header.code, at: tp, length: optlen, depth: depth) else {
                return
            }
            cp = tp + optlen
        }
    }

    /// Prints one option's value and closing parenthesis; false when the option list must stop (truncation
    /// inside a name or NTP sub-option, already reported).
    private mutating func printDHCPv6OptionValue(_ v: ByteView, code: UInt16, at tp: Int, length optlen: Int,
                                                 depth: Int) throws(Truncated) -> Bool
    {
        let end = tp + optlen
        func unknownShape(_ d: inout Dissector) -> Bool {
            d.out.text(" ?)")
            return true
        }
        switch code {
        case 1, 2:  // client-ID, server-ID (DUIDs)
            guard optlen >= 2 else { return unknownShape(&self) }
            let duid = try v.u16(tp)
            switch duid {
            case 1:
                guard optlen >= 8 else { return unknownShape(&self) }
                let hw = try v.u16(tp + 2)
                let time = try v.u32(tp + 4)
                out.text(" hwaddr/time type ")
                out.decimal(hw)
                out.text(" time ")
                out.decimal(time)
                out.byte(0x20)
                try dhcp6Hex(v, tp + 8, count: optlen - 8)
                out.byte(UInt8(ascii: ")"))
            case 2:
                guard optlen >= 10 else { return unknownShape(&self) }
                out.text(" vid ")
                try dhcp6Hex(v, tp + 2, count: 8)
                out.byte(UInt8(ascii: ")"))
            case 3:
                guard optlen >= 4 else { return unknownShape(&self) }
                let hw = try v.u16(tp + 2)
                out.text(" hwaddr type ")
                out.decimal(hw)
                out.byte(0x20)
                try dhcp6Hex(v, tp + 4, count: optlen - 4)
                out.byte(UInt8(ascii: ")"))
            default:
                out.text(" type ")
                out.decimal(duid)
                out.byte(UInt8(ascii: ")"))
            }
        case 5:  // IA address
            guard optlen >= 24 else { return unknownShape(&self) }
            try ipv6Address(v, tp, prefix: " ")
            try dhcp6Lifetimes(v, tp + 16)
            if optlen > 24 { try printDHCPv6Options(v, from: tp + 24, to: end, depth: depth + 1) }
            out.byte(UInt8(ascii: ")"))
        case 6, 43:  // option request, echo request
            guard optlen % 2 == 0 else { return unknownShape(&self) }
            var i = 0
            while i < optlen {
                let c = try v.u16(tp + i)
                out.byte(0x20)
                if let name = Self.dhcp6OptionName(c) {
                    out.text(name)
                } else {
                    out.text("opt_")
                    out.decimal(c)
                }
                i += 2
            }
            out.byte(UInt8(ascii: ")"))
        case 7:  // preference
            guard optlen == 1 else { return unknownShape(&self) }
            out.byte(0x20)
            out.decimal(try v.u8(tp))
            out.byte(UInt8(ascii: ")"))
        case 8:  // elapsed time
            guard optlen == 2 else { return unknownShape(&self) }
            out.byte(0x20)
            out.decimal(try v.u16(tp))
            out.byte(UInt8(ascii: ")"))
        case 9:  // relay message: a whole DHCPv6 message, cut at the option's end
            out.text(" (")
            try printDHCPv6(v.advanced(by: tp).limited(to: optlen), length: optlen, depth: depth + 1)
            out.byte(UInt8(ascii: ")"))
        case 11:
            guard optlen >= 11 else { return unknownShape(&self) }
            try printDHCPv6Authentication(v, tp, length: optlen)
        case 14, 20:  // rapid commit, reconfigure accept
            out.byte(UInt8(ascii: ")"))
        case 18, 38:  // interface-ID, subscriber-ID: at most 10 bytes in hex
            out.byte(0x20)
            try dhcp6Hex(v, tp, count: min(optlen, 10))
            out.text("...)")
        case 19:  // reconfigure message
            guard optlen == 1 else { return unknownShape(&self) }
            let t = try v.u8(tp)
            switch t {
            case 5: out.text(" for renew)")
            case 11: out.text(" for inf-req)")
            default:
                out.text(" for ???(")
                out.hex(t, width: 2)
                out.text("))")
            }
        case 22, 23, 27, 28, 31, 34, 40, 48:  // lists of IPv6 addresses
            guard optlen % 16 == 0 else { return unknownShape(&self) }
            var i = 0
            while i < optlen {
                try ipv6Address(v, tp + i, prefix: " ")
                i += 16
            }
            out.byte(UInt8(ascii: ")"))
        case 21, 24:  // lists of domain names
            var p = tp
            while p < end {
                out.byte(0x20)
                guard let next = try dnsName(v.advanced(by: p), 0) else {
                    printTruncated()
                    return false
                }
                p += next
            }
            out.byte(UInt8(ascii: ")"))
        case 13:  // status code
            guard optlen >= 2 else { return unknownShape(&self) }
            let status = try v.u16(tp)
            out.byte(0x20)
            if status > 255 {
                out.text("INVALID code")
            } else if let name = Self.dhcp6StatusName(status) {
                out.text(name)
            } else {
                out.text("code")
                out.decimal(status)
            }
            out.byte(UInt8(ascii: ")"))
        case 3, 25:  // IA_NA, IA_PD
            guard optlen >= 12 else { return unknownShape(&self) }
            let iaid = try v.u32(tp)
            let t1 = try v.u32(tp + 4)
            let t2 = try v.u32(tp + 8)
            out.text(" IAID:")
            out.decimal(iaid)
            out.text(" T1:")
            out.decimal(t1)
            out.text(" T2:")
            out.decimal(t2)
            if optlen > 12 { try printDHCPv6Options(v, from: tp + 12, to: end, depth: depth + 1) }
            out.byte(UInt8(ascii: ")"))
        case 4:  // IA_TA
            guard optlen >= 4 else { return unknownShape(&self) }
            out.text(" IAID:")
            out.decimal(try v.u32(tp))
            if optlen > 4 { try printDHCPv6Options(v, from: tp + 4, to: end, depth: depth + 1) }
            out.byte(UInt8(ascii: ")"))
        case 26:  // IA prefix
            guard optlen >= 25 else { return unknownShape(&self) }
            try v.check(tp + 9, 16)
            let plen = try v.u8(tp + 8)
            try ipv6Address(v, tp + 9, prefix: " ")
            out.byte(UInt8(ascii: "/"))
            out.decimal(plen)
            try dhcp6Lifetimes(v, tp)
            if optlen > 25 { try printDHCPv6Options(v, from: tp + 25, to: end, depth: depth + 1) }
            out.byte(UInt8(ascii: ")"))
        case 32, 46:  // lifetime, client last transaction time
            guard optlen == 4 else { return unknownShape(&self) }
            out.byte(0x20)
            out.decimal(try v.u32(tp))
            out.byte(UInt8(ascii: ")"))
        case 37:  // remote-ID: enterprise number, then at most 10 bytes in hex
            guard optlen >= 4 else { return unknownShape(&self) }
            out.byte(0x20)
            out.decimal(try v.u32(tp))
            out.byte(0x20)
            try dhcp6Hex(v, tp + 4, count: min(optlen, 14) - 4)
            out.text("...)")
        case 44:  // leasequery query
            guard optlen >= 17 else { return unknownShape(&self) }
            let t = try v.u8(tp)
            switch t {
            case 1: out.text(" by-address")
            case 2: out.text(" by-clientID")
            default:
                out.text(" type_")
                out.decimal(t)
            }
            try ipv6Address(v, tp + 1, prefix: " ")
            if optlen > 17 { try printDHCPv6Options(v, from: tp + 17, to: end, depth: depth + 1) }
            out.byte(UInt8(ascii: ")"))
        case 45:  // leasequery client data
            if optlen > 0 { try printDHCPv6Options(v, from: tp, to: end, depth: depth + 1) }
            out.byte(UInt8(ascii: ")"))
        case 47:  // leasequery relay data
            guard optlen >= 16 else { return unknownShape(&self) }
            try ipv6Address(v, tp, prefix: " ")
            out.byte(0x20)
            try dhcp6Hex(v, tp + 16, count: min(optlen, 26) - 16)
            out.text("...)")
        case 56:
            guard optlen >= 4 else { return unknownShape(&self) }
            return try printDHCPv6NTPServer(v, tp, end: end)
        case 64:  // AFTR name: labels without compression
            guard optlen >= 3 else { return unknownShape(&self) }
            out.byte(0x20)
            var p = tp
            var remaining = optlen
            while remaining > 0 {
                let labelLength = Int(try v.u8(p))
                if labelLength == 0 { break }
                p += 1
                if labelLength < remaining - 1 {
                    try dhcp6TextUntilNul(v, p, count: labelLength)
                    p += labelLength
                    remaining -= labelLength + 1
                    if try v.u8(p) != 0 { out.byte(UInt8(ascii: ".")) }
                } else {
                    out.text(" ?")
                    break
                }
            }
            out.byte(UInt8(ascii: ")"))
        case 41, 42, 112:  // POSIX time zone, tz database name, MUD URL
            guard optlen >= 5 else { return unknownShape(&self) }
            out.byte(0x20)
            try dhcp6TextUntilNul(v, tp, count: optlen)
            out.byte(UInt8(ascii: ")"))
        default:
            out.byte(UInt8(ascii: ")"))
        }
        return true
    }

    private mutating func dhcp6Hex(_ v: ByteView, _ at: Int, count: Int) throws(Truncated) {
        var i = 0
        while i < count {
            out.hexByte(try v.u8(at + i))
            i += 1
        }
    }

    /// ` pltime:N vltime:N` from two 32-bit values at `at`.
    private mutating func dhcp6Lifetimes(_ v: ByteView, _ at: Int) throws(Truncated) {
        let preferred = try v.u32(at)
        let valid = try v.u32(at + 4)
        out.text(" pltime:")
        out.decimal(preferred)
        out.text(" vltime:")
        out.decimal(valid)
    }

    /// Up to `count` characters, stopping at a NUL.
    private mutating func dhcp6TextUntilNul(_ v: ByteView, _ at: Int, count: Int) throws(Truncated) {
        var i = 0
        while i < count {
            let c = try v.u8(at + i)
            if c == 0 { break }
            out.safeChar(c)
            i += 1
        }
    }

    private mutating func printDHCPv6Authentication(_ v: ByteView, _ tp: Int, length optlen: Int) throws(Truncated) {
        let proto = try v.u8(tp)
        switch proto {
        case 2: out.text(" proto: delayed")
        case 3: out.text(" proto: reconfigure")
        default:
            out.text(" proto: ")
            out.decimal(proto)
        }
        let algorithm = try v.u8(tp + 1)
        if algorithm == 1 {
            out.text(", alg: HMAC-MD5")
        } else {
            out.text(", alg: ")
            out.decimal(algorithm)
        }
        let rdm = try v.u8(tp + 2)
        if rdm == 0 {
            out.text(", RDM: mono")
        } else {
            out.text(", RDM: ")
            out.decimal(rdm)
        }
        out.text(", RD:")
        for i in 0..<4 {
            out.byte(0x20)
            out.hex(try v.u16(tp + 3 + 2 * i), width: 4)
        }
        var p = tp + 11
        let infoLength = optlen - 11
        switch proto {
        case 2:
            if infoLength == 0 { break }
            guard infoLength >= 20 else {
                out.text(" ??")
                break
            }
            let realmLength = infoLength - 20
            if realmLength > 0 { out.text(", realm: ") }
            try dhcp6Hex(v, p, count: realmLength)
            p += realmLength
            out.text(", key ID: ")
            out.hex(try v.u32(p), width: 8)
            p += 4
            out.text(", HMAC-MD5:")
            for i in 0..<4 {
                out.byte(0x20)
                out.hex(try v.u32(p + 4 * i), width: 8)
            }
        case 3:
            guard infoLength == 17 else {
                out.text(" ??")
                break
            }
            switch try v.u8(p) {
            case 1: out.text(" reconfig-key")
            case 2: out.text(" type: HMAC-MD5")
            default: out.text(" type: ??")
            }
            p += 1
            out.text(" value:")
            for i in 0..<4 {
                out.byte(0x20)
                out.hex(try v.u32(p + 4 * i), width: 8)
            }
        default:
            out.text(" ??")
        }
        out.byte(UInt8(ascii: ")"))
    }

    /// The NTP-server option's sub-options; false when one overruns the option (` [|dhcp6]` printed).
    private mutating func printDHCPv6NTPServer(_ v: ByteView, _ tp: Int, end: Int) throws(Truncated) -> Bool {
        var p = tp
        while p < end - 4 {
            let code = try v.u16(p)
            let length = Int(try v.u16(p + 2))
            p += 4
            if p + length > end {
                printTruncated()
                return false
            }
            out.text(" subopt:")
            out.decimal(code)
            switch code {
            case 1, 2:
                if length != 16 {
                    out.text(" ?")
                } else {
                    try ipv6Address(v, p, prefix: " ")
                }
            case 3:
                out.byte(0x20)
                if try dnsName(v.advanced(by: p), 0) == nil {
                    printTruncated()
                    return false
                }
            default:
                out.text(" ?")
            }
            p += length
        }
        out.byte(UInt8(ascii: ")"))
        return true
    }

    /// tcpdump's message type names.
    static func dhcp6MessageName(_ t: UInt8) -> StaticString? {
        switch t {
        case 1: return "solicit"
        case 2: return "advertise"
        case 3: return "request"
        case 4: return "confirm"
        case 5: return "renew"
        case 6: return "rebind"
        case 7: return "reply"
        case 8: return "release"
        case 9: return "decline"
        case 10: return "reconfigure"
        case 11: return "inf-req"
        case 12: return "relay-fwd"
        case 13: return "relay-reply"
        case 14: return "leasequery"
        case 15: return "leasequery-reply"
        default: return nil
        }
    }

    /// tcpdump's status code names (0–10).
    static func dhcp6StatusName(_ s: UInt16) -> StaticString? {
        switch s {
        case 0: return "Success"
        case 1: return "UnspecFail"
        case 2: return "NoAddrsAvail"
        case 3: return "NoBinding"
        case 4: return "NotOnLink"
        case 5: return "UseMulticast"
        case 6: return "NoPrefixAvail"
        case 7: return "UnknownQueryType"
        case 8: return "MalformedQuery"
        case 9: return "NotConfigured"
        case 10: return "NotAllowed"
        default: return nil
        }
    }

    /// tcpdump's option names, established by running the local tcpdump over one option per code.
    static func dhcp6OptionName(_ c: UInt16) -> StaticString? {
        switch c {
        case 1: return "client-ID"
        case 2: return "server-ID"
        case 3: return "IA_NA"
        case 4: return "IA_TA"
        case 5: return "IA_ADDR"
        case 6: return "option-request"
        case 7: return "preference"
        case 8: return "elapsed-time"
        case 9: return "relay-message"
        case 11: return "authentication"
        case 12: return "server-unicast"
        case 13: return "status-code"
        case 14: return "rapid-commit"
        case 15: return "user-class"
        case 16: return "vendor-class"
        case 17: return "vendor-specific-info"
        case 18: return "interface-ID"
        case 19: return "reconfigure-message"
        case 20: return "reconfigure-accept"
        case 21: return "SIP-servers-domain"
        case 22: return "SIP-servers-address"
        case 23: return "DNS-server"
        case 24: return "DNS-search-list"
        case 25: return "IA_PD"
        case 26: return "IA_PD-prefix"
        case 27: return "NIS-server"
        case 28: return "NIS+-server"
        case 29: return "NIS-domain-name"
        case 30: return "NIS+-domain-name"
        case 31: return "SNTP-servers"
        case 32: return "lifetime"
        case 33: return "BCMCS-domain-name"
        case 34: return "BCMCS-server"
        case 36: return "Geoconf-Civic"
        case 37: return "Remote-ID"
        case 38: return "Subscriber-ID"
        case 39: return "Client-FQDN"
        case 40: return "PANA-agent"
        case 41: return "POSIX-timezone"
        case 42: return "POSIX-tz-database"
        case 43: return "Echo-request-option"
        case 44: return "Lease-query"
        case 45: return "LQ-client-data"
        case 46: return "Clt-time"
        case 47: return "LQ-relay-data"
        case 48: return "LQ-client-link"
        case 56: return "NTP-server"
        case 64: return "AFTR-Name"
        case 112: return "MUD-URL"
        default: return nil
        }
    }
}
