/// IPv6 and its extension headers (tcpdump's `ip6_print`, `hbhopt_process`, `dstopt_process`, `frag6_print`,
/// `rt6_print`).
extension Dissector {
    /// Offset (from the IPv6 header) of the address a transport checksum uses as destination: the last routing
    /// header segment when there is one.
    func ipv6FinalDestinationOffset(_ ip6: ByteView) throws(Truncated) -> Int {
        var nh = try ip6.u8(6)
        var cp = 0
        var advance = 40
        var dst = 24
        switch nh {
        case 0, 60, 62, 135, 44, 43: break
        default: return dst
        }
        while cp < ip6.available {
            cp += advance
            switch nh {
            case 0, 60, 62, 135:
                advance = (Int(try ip6.u8(cp + 1)) + 1) << 3
                nh = try ip6.u8(cp)
            case 44:
                advance = 8
                nh = try ip6.u8(cp)
            case 43:
                guard ip6.has(cp, 4) else { return dst }
                var len = Int(try ip6.u8(cp + 1))
                switch try ip6.u8(cp + 2) {
                case 0, 2:
                    if len % 2 == 1 { return dst }
                    len >>= 1
                    var p = cp + 8
                    for _ in 0..<len {
                        guard ip6.has(p, 16) else { return dst }
                        dst = p
                        p += 16
                    }
                case 4:
                    if len % 2 == 1 { return dst }
                    guard ip6.has(cp + 8, 16) else { return dst }
                    dst = cp + 8
                default: break
                }
                return dst
            default:
                return dst
            }
        }
        return dst
    }

    mutating func printIPv6(_ bp: ByteView, length: Int) throws(Truncated) {
        proto = "ip6"
        guard bp.has(0, 40) else {
            printTruncated()
            return
        }
        if length < 40 {
            out.text("truncated-ip6 ")
            out.decimal(length)
            return
        }
        if !eflag { out.text("IP6 ") }
        let header = try IPv6Header(bp)
        let version = header.version
        if version != 6 {
            out.text("version error: ")
            out.decimal(version)
            out.text(" != 6")
            return
        }
        var payloadLength = Int(header.payloadLength)
        var len: Int
        if payloadLength != 0 {
            len = payloadLength + 40
            if length < len {
                out.text("truncated-ip6 - ")
                out.decimal(len - length)
                out.text(" bytes missing!")
            }
        } else {
            len = length + 40
        }
        var nh = header.nextHeader
        if verbose > 0 {
            let flow = header.versionClassFlow
            out.byte(UInt8(ascii: "("))
            if flow & 0x0ff0_0000 != 0 {
                out.text("class 0x")
                out.hex((flow & 0x0ff0_0000) >> 20, width: 2)
                out.text(", ")
            }
            if flow & 0x000f_ffff != 0 {
                out.text("flowlabel 0x")
                out.hex(flow & 0x000f_ffff, width: 5)
                out.text(", ")
            }
            out.text("hlim ")
            out.decimal(header.hopLimit)
            out.text(", next-header ")
            if let n = Names.ipProtocol(nh) { out.text(n) } else { out.text("unknown") }
            out.text(" (")
            out.decimal(nh)
            out.text(") payload length: ")
            out.decimal(payloadLength)
            out.text(") ")
        }
        var ip6 = bp.limited(to: len)
        let firstNext = nh
        var ph: UInt8 = 255
        var cp = 0
        var advance = 40
        var totalAdvance = 0
        var foundExtension = false
        var foundJumbo = false
        var foundHBH = false
        var fragmented = false
        while cp < ip6.available && advance > 0 {
            if len < advance {
                printTruncated()
                return
            }
            cp += advance
            len -= advance
            totalAdvance += advance
            if cp == 40 && nh != 6 && nh != 17 && nh != 33 && nh != 132 {
                try ipv6Address(ip6, 8)
                out.text(" > ")
                try ipv6Address(ip6, 24)
                out.text(": ")
            }
            let here = ip6.advanced(by: cp)
            switch nh {
            case 0:
                if foundHBH {
                    out.text("[The Hop-by-Hop Options header was already found]")
                    printInvalid()
                    return
                }
                if ph != 255 {
                    out.text("[The Hop-by-Hop Options header don't follow the IPv6 header]")
                    printInvalid()
                    return
                }
                advance = try hopByHop(here, foundJumbo: &foundJumbo, payloadLength: &payloadLength)
                if payloadLength == 0 && !foundJumbo {
                    out.text("[No valid Jumbo Payload Hop-by-Hop option found]")
                    printInvalid()
                    return
                }
                if advance < 0 { return }
                foundExtension = true
                foundHBH = true
                nh = try here.u8(0)
            case 60:
                advance = try destinationOptions(here)
                if advance < 0 { return }
                foundExtension = true
                nh = try here.u8(0)
            case 44:
                advance = try fragmentHeader(here, ip6: ip6, offsetInIP6: cp)
                if advance < 0 || ip6.available <= cp + advance { return }
                foundExtension = true
                nh = try here.u8(0)
                fragmented = true
            case 43:
                try here.check(0, 1)
                advance = try routingHeader(here)
                if advance < 0 { return }
                foundExtension = true
                nh = try here.u8(0)
            default:
                if foundJumbo {
                    len = payloadLength + 40
                    if len < totalAdvance {
                        printTruncated()
                        return
                    }
                    if length < len {
                        out.text("truncated-ip6 - ")
                        out.decimal(len - length)
                        out.text(" bytes missing!")
                    }
                    ip6 = bp.limited(to: len)
                    len -= totalAdvance
                } else if payloadLength == 0 {
                    if foundExtension {
                        printTruncated()
                        return
                    }
                    len = 40
                    ip6 = bp.limited(to: len)
                    len -= totalAdvance
                }
                let ctx = IPContext(header: ip6, version: 6, firstNextHeader: firstNext, fragmented: fragmented)
                try printIPPayload(ip6.advanced(by: cp), length: len, ip: ctx, nextHeader: nh)
                return
            }
            ph = nh
            proto = "ip6"
        }
    }

    /// Hop-by-hop header; its length, or -1 after printing a truncation.
    private mutating func hopByHop(_ dp: ByteView, foundJumbo: inout Bool, payloadLength: inout Int)
        throws(Truncated) -> Int
    {
        proto = "hbhopt"
        let hbhlen = (Int(try dp.u8(1)) + 1) << 3
        guard dp.has(0, hbhlen) else {
            printTruncated()
            return -1
        }
        out.text("HBH ")
        if try !ip6Options(dp.advanced(by: 2), length: hbhlen - 2, hopByHop: true, foundJumbo: &foundJumbo,
                           payloadLength: &payloadLength) {
            printTruncated()
            return -1
        }
        return hbhlen
    }

    private mutating func destinationOptions(_ dp: ByteView) throws(Truncated) -> Int {
        proto = "dstopt"
        let len = (Int(try dp.u8(1)) + 1) << 3
        guard dp.has(0, len) else {
            printTruncated()
            return -1
        }
        out.text("DSTOPT ")
        if verbose > 0 {
            var jumbo = false
            var payload = 0
            if try !ip6Options(dp.advanced(by: 2), length: len - 2, hopByHop: false, foundJumbo: &jumbo,
                               payloadLength: &payload) {
                printTruncated()
                return -1
            }
        }
        return len
    }

    /// The length of the option (or sub-option) of `type` at `i`: 1 for Pad1, else its length byte + 2; nil when it
    /// does not fit in `len` bytes.
    private func optionLength(_ bp: ByteView, at i: Int, type: UInt8, within len: Int) throws(Truncated) -> Int? {
        var optlen = 1
        if type != 0 {
            guard i + 1 < len else { return nil }
            optlen = Int(try bp.u8(i + 1)) + 2
        }
        return i + optlen > len ? nil : optlen
    }

    /// True, after printing `(name: trunc)`, when fewer than `needed` bytes of the options remain.
    private mutating func optionTruncated(_ name: StaticString, remaining: Int, needed: Int) -> Bool {
        guard remaining < needed else { return false }
        out.byte(UInt8(ascii: "("))
        out.text(name)
        out.text(": trunc)")
        return true
    }

    /// True, after printing `(name: invalid len N)`, when an option's length byte is not acceptable.
    private mutating func optionLengthInvalid(_ name: StaticString, _ length: UInt8, acceptable: Bool) -> Bool {
        guard !acceptable else { return false }
        out.byte(UInt8(ascii: "("))
        out.text(name)
        out.text(": invalid len ")
        out.decimal(length)
        out.byte(UInt8(ascii: ")"))
        return true
    }

    /// The options of a hop-by-hop or destination header; false on truncation.
    private mutating func ip6Options(_ bp: ByteView, length len: Int, hopByHop: Bool, foundJumbo: inout Bool,
                                     payloadLength: inout Int) throws(Truncated) -> Bool {
        if len == 0 { return true }
        var i = 0
        var seenJumbo = false
        while i < len {
            let type = try bp.u8(i)
            guard let optlen = try optionLength(bp, at: i, type: type, within: len) else { return false }
            switch type {
            case 0:
                if verbose > 0 { out.text("(pad1)") }
            case 1:
                if optionTruncated("padn", remaining: len - i, needed: 2) { return false }
                if verbose > 0 { out.text("(padn)") }
            case 5:
                if optionTruncated("rtalert", remaining: len - i, needed: 4) { return false }
                let l = try bp.u8(i + 1)
                if optionLengthInvalid("rtalert", l, acceptable: l == 2) { return false }
                if verbose > 0 {
                    out.text("(rtalert: 0x")
                    out.hex(try bp.u16(i + 2), width: 4)
                    out.text(") ")
                }
            case 0xc2:
                if optionTruncated("jumbo", remaining: len - i, needed: 6) { return false }
                let l = try bp.u8(i + 1)
                if optionLengthInvalid("jumbo", l, acceptable: l == 4) { return false }
                let jumbo = try bp.u32(i + 2)
                if seenJumbo {
                    if verbose > 0 { jumboNote(jumbo, " - already seen) ") }
                } else {
                    seenJumbo = true
                    if !hopByHop {
                        if verbose > 0 { jumboNote(jumbo, " - not a hop-by-hop option) ") }
                    } else if payloadLength != 0 {
                        if verbose > 0 { jumboNote(jumbo, " - payload len != 0) ") }
                    } else if jumbo < 65536 {
                        if verbose > 0 { jumboNote(jumbo, " - < 65536) ") }
                    } else {
                        foundJumbo = true
                        payloadLength = Int(jumbo)
                        if verbose > 0 { jumboNote(jumbo, ") ") }
                    }
                }
            case 0xc9:
                if optionTruncated("homeaddr", remaining: len - i, needed: 18) { return false }
                let l = try bp.u8(i + 1)
                if optionLengthInvalid("homeaddr", l, acceptable: l >= 16) { return false }
                if verbose > 0 {
                    out.text("(homeaddr: ")
                    try ipv6Address(bp, i + 2)
                    if l > 16 {
                        if try !subOptions(bp.advanced(by: i + 18), length: optlen - 18) { return false }
                    }
                    out.byte(UInt8(ascii: ")"))
                }
            default:
                if len - i < 2 {
                    out.text("(type ")
                    out.decimal(type)
                    out.text(": trunc)")
                    return false
                }
                if verbose > 0 {
                    out.text("(opt_type 0x")
                    out.hex(type, width: 2)
                    out.text(": len=")
                    out.decimal(try bp.u8(i + 1))
                    out.byte(UInt8(ascii: ")"))
                }
            }
            i += optlen
        }
        if verbose > 0 { out.byte(0x20) }
        return true
    }

    private mutating func jumboNote(_ value: UInt32, _ suffix: StaticString) {
        out.text("(jumbo: ")
        out.decimal(value)
        out.text(suffix)
    }

    private mutating func subOptions(_ bp: ByteView, length len: Int) throws(Truncated) -> Bool {
        var i = 0
        while i < len {
            let type = try bp.u8(i)
            guard let optlen = try optionLength(bp, at: i, type: type, within: len) else { return false }
            switch type {
            case 0: out.text(", pad1")
            case 1:
                if len - i < 2 {
                    out.text(", padn: trunc")
                    return false
                }
                out.text(", padn")
            default:
                if len - i < 2 {
                    out.text(", sopt_type ")
                    out.decimal(type)
                    out.text(": trunc)")
                    return false
                }
                out.text(", sopt_type 0x")
                out.hex(type, width: 2)
                out.text(": len=")
                out.decimal(try bp.u8(i + 1))
            }
            i += optlen
        }
        return true
    }

    private mutating func fragmentHeader(_ dp: ByteView, ip6: ByteView, offsetInIP6: Int) throws(Truncated) -> Int {
        proto = "frag6"
        let plen = Int(try ip6.u16(4))
        if verbose > 0 {
            let ident = try dp.u32(4)
            let off = try dp.u16(2) & 0xfff8
            out.text("frag (0x")
            out.hex(ident, width: 8)
            out.byte(UInt8(ascii: ":"))
            out.decimal(off)
        } else {
            out.text("frag (")
            out.decimal(try dp.u16(2) & 0xfff8)
        }
        out.byte(UInt8(ascii: "|"))
        out.decimal(UInt64(truncatingIfNeeded: 40 + plen - offsetInIP6 - 8))
        out.byte(UInt8(ascii: ")"))
        if try dp.u16(2) & 0xfff8 != 0 { return -1 }
        out.byte(0x20)
        return 8
    }

    /// The address list of a type 0/2/4 routing header (`length` in 8-octet units, two per address); the header's
    /// length in bytes, or -1 when the length is odd (then it prints the length as invalid).
    private mutating func routingAddresses(_ dp: ByteView, length: Int) throws(Truncated) -> Int {
        if length % 2 == 1 {
            out.text(" (invalid length ")
            out.decimal(length)
            out.byte(UInt8(ascii: ")"))
            printInvalid()
            return -1
        }
        for i in 0..<(length >> 1) {
            try dp.check(8 + 16 * i, 16)
            out.text(", [")
            out.decimal(i)
            out.byte(UInt8(ascii: "]"))
            try ipv6Address(dp, 8 + 16 * i)
        }
        out.text(") ")
        return (length + 1) << 3
    }

    private mutating func routingHeader(_ dp: ByteView) throws(Truncated) -> Int {
        proto = "rt6"
        out.text("RT6")
        let len = Int(try dp.u8(1))
        out.text(" (len=")
        out.decimal(len)
        let type = try dp.u8(2)
        out.text(", type=")
        out.decimal(type)
        if type == 0 { out.text(" [Deprecated]") }
        out.text(", segleft=")
        out.decimal(try dp.u8(3))
        switch type {
        case 0, 2:
            let reserved = try dp.u32(4)
            if reserved != 0 || verbose > 0 {
                out.text(", rsv=0x")
                out.hex(reserved)
            }
            return try routingAddresses(dp, length: len)
        case 4:
            out.text(", last-entry=")
            out.decimal(try dp.u8(4))
            let flags = try dp.u8(5)
            if flags != 0 || verbose > 0 {
                out.text(", flags=0x")
                out.hex(flags)
            }
            out.text(", tag=")
            out.hex(try dp.u16(6))
            return try routingAddresses(dp, length: len)
        default:
            out.text(" (unknown type)")
            printInvalid()
            return -1
        }
    }
}
