/// ICMPv6 (tcpdump's `icmp6_print`): errors, echo, neighbour discovery with its options, MLD v1/v2.
/// Node information, router renumbering and RPL messages print their type name only.
extension Dissector {
    private static func icmp6TypeName(_ t: UInt8) -> StaticString? {
        switch t {
        case 1: return "destination unreachable"
        case 2: return "packet too big"
        case 3: return "time exceeded in-transit"
        case 4: return "parameter problem"
        case 128: return "echo request"
        case 129: return "echo reply"
        case 130: return "multicast listener query"
        case 131: return "multicast listener report"
        case 132: return "multicast listener done"
        case 133: return "router solicitation"
        case 134: return "router advertisement"
        case 135: return "neighbor solicitation"
        case 136: return "neighbor advertisement"
        case 137: return "redirect"
        case 138: return "router renumbering"
        case 141: return "inverse neighbor solicitation"
        case 142: return "inverse neighbor advertisement"
        case 143: return "multicast listener report v2"
        case 144: return "ha discovery request"
        case 145: return "ha discovery reply"
        case 146: return "mobile router solicitation"
        case 147: return "mobile router advertisement"
        case 139: return "who-are-you request"
        case 140: return "who-are-you reply"
        case 201: return "mtrace message"
        case 200: return "mtrace response"
        case 155: return "RPL"
        default: return nil
        }
    }

    private enum ICMP6Result { case ok, truncated }

    mutating func printICMPv6(_ dp: ByteView, length: Int, ip: IPContext) throws(Truncated) {
        proto = "icmp6"
        if length == 0 {
            out.text("ICMP6, length 0")
            printInvalid()
            return
        }
        if verbose > 0 && !ip.fragmented && dp.has(0, length) {
            let stored = try dp.u16(2)
            let pseudo = try pseudoHeaderSum(ip, transport: 58, length: length)
            let sum = InternetChecksum.finish(InternetChecksum.partialSum(dp, offset: 0, count: length, initial: pseudo))
            if sum != 0 {
                out.text("[bad icmp6 cksum 0x")
                out.hex(stored, width: 4)
                out.text(" -> 0x")
                out.hex(InternetChecksum.shouldBe(stored: stored, computed: sum), width: 4)
                out.text("!] ")
            } else {
                out.text("[icmp6 sum ok] ")
            }
        }
        let type = try dp.u8(0)
        out.text("ICMP6, ")
        if let n = Dissector.icmp6TypeName(type) {
            out.text(n)
        } else {
            out.text("unknown icmp6 type (")
            out.decimal(type)
            out.byte(UInt8(ascii: ")"))
        }
        if verbose > 0 && (type == 133 || type == 134 || type == 136 || type == 135 || type == 137 || type == 145
            || type == 147)
        {
            out.text(", length ")
            out.decimal(length)
        }
        let code = try dp.u8(1)
        let oip = dp.advanced(by: 8)
        var result = ICMP6Result.ok
        switch type {
        case 1:
            out.text(", ")
            switch code {
            case 0: out.text("unreachable route")
            case 1: out.text(" unreachable prohibited")
            case 2: out.text("beyond scope")
            case 3: out.text("unreachable address")
            case 4: out.text("unreachable port")
            default:
                out.text("unknown unreach code (")
                out.decimal(code)
                out.byte(UInt8(ascii: ")"))
            }
            switch code {
            case 0, 1, 3:
                try ipv6Address(oip, 24, prefix: " ")
            case 2:
                try oip.check(8, 32)
                try ipv6Address(oip, 24, prefix: " ")
                try ipv6Address(oip, 8, prefix: ", source address ")
            case 4:
                guard let (offset, prot) = upperLayer(oip) else {
                    result = .truncated
                    break
                }
                let port = try oip.u16(offset + 2)
                try ipv6Address(oip, 24, prefix: ", ")
                unreachablePort(port, protocol: prot)
                if prot != 6 && prot != 17 { out.text(" unreachable") }
            default:
                if verbose <= 1 {
                    try unknownData(dp, indent: "\n\t", length: length)
                    return
                }
            }
        case 2:
            let mtu = try dp.u32(4)
            out.text(", mtu ")
            out.decimal(mtu)
        case 3:
            switch code {
            case 0:
                try ipv6Address(oip, 24, prefix: " for ")
            case 1: out.text(" (reassembly)")
            default:
                out.text(", unknown code (")
                out.decimal(code)
                out.byte(UInt8(ascii: ")"))
            }
        case 4:
            guard oip.has(24, 16) else {
                result = .truncated
                break
            }
            let pointer = code <= 3 ? try dp.u32(4) : 0
            switch code {
            case 0: out.text(", erroneous - octet ")
            case 1: out.text(", next header - octet ")
            case 2: out.text(", option - octet ")
            case 3: out.text(", incomplete header chain - octet ")
            default:
                out.text(", code-#")
                out.decimal(code)
            }
            if code <= 3 { out.decimal(pointer) }
        case 128, 129:
            let id = try dp.u16(4)
            let seq = try dp.u16(6)
            out.text(", id ")
            out.decimal(id)
            out.text(", seq ")
            out.decimal(seq)
        case 130:
            if length == 24 {
                try mld1(dp)
            } else if length >= 28 {
                out.text(" v2")
                try mld2Query(dp, length: length)
            } else {
                out.text(" unknown-version (len ")
                out.decimal(length)
                out.text(") ")
            }
        case 131, 132:
            try mld1(dp)
        case 133:
            if verbose > 0 { result = try ndOptions(dp.advanced(by: 8), length: length - 8) }
        case 134:
            if verbose > 0 {
                try dp.check(4, 12)
                let flags = try dp.u8(5)
                out.text("\n\thop limit ")
                out.decimal(try dp.u8(4))
                out.text(", Flags [")
                var any = false
                if flags & 0x80 != 0 { out.text("managed"); any = true }
                if flags & 0x40 != 0 { if any { out.text(", ") }; out.text("other stateful"); any = true }
                if flags & 0x20 != 0 { if any { out.text(", ") }; out.text("home agent"); any = true }
                if flags & 0x02 != 0 { if any { out.text(", ") }; out.text("ipv6 only"); any = true }
                if !any { out.text("none") }
                out.text("], pref ")
                routerPreference(flags)
                out.text(", router lifetime ")
                out.decimal(try dp.u16(6))
                out.text("s, reachable time ")
                out.decimal(try dp.u32(8))
                out.text("ms, retrans timer ")
                out.decimal(try dp.u32(12))
                out.text("ms")
                result = try ndOptions(dp.advanced(by: 16), length: length - 16)
            }
        case 135:
            try ipv6Address(dp, 8, prefix: ", who has ")
            if verbose > 0 { result = try ndOptions(dp.advanced(by: 24), length: length - 24) }
        case 136:
            try ipv6Address(dp, 8, prefix: ", tgt is ")
            if verbose > 0 {
                let flags = try dp.u32(4)
                out.text(", Flags [")
                var any = false
                if flags & 0x8000_0000 != 0 { out.text("router"); any = true }
                if flags & 0x4000_0000 != 0 { if any { out.text(", ") }; out.text("solicited"); any = true }
                if flags & 0x2000_0000 != 0 { if any { out.text(", ") }; out.text("override"); any = true }
                if !any { out.text("none") }
                out.byte(UInt8(ascii: "]"))
                result = try ndOptions(dp.advanced(by: 24), length: length - 24)
            }
        case 137:
            try ipv6Address(dp, 24, prefix: ", ")
            try ipv6Address(dp, 8, prefix: " to ")
            if verbose > 0 { result = try ndOptions(dp.advanced(by: 40), length: length - 40) }
        case 143:
            try mld2Report(dp, length: length)
        case 144, 146:
            let id = try dp.u16(4)
            out.text(", id 0x")
            out.hex(id, width: 4)
        case 145:
            if verbose > 0 {
                let id = try dp.u16(4)
                out.text(", id 0x")
                out.hex(id, width: 4)
                var p = 8
                while p < length {
                    try ipv6Address(dp, p, prefix: ", ")
                    p += 16
                }
            }
        case 147:
            if verbose > 0 {
                let id = try dp.u16(4)
                out.text(", id 0x")
                out.hex(id, width: 4)
                let flags = try dp.u16(6)
                if flags & 0xc000 != 0 { out.byte(0x20) }
                if flags & 0x8000 != 0 { out.byte(UInt8(ascii: "M")) }
                if flags & 0x4000 != 0 { out.byte(UInt8(ascii: "O")) }
                result = try ndOptions(dp.advanced(by: 8), length: length - 8)
            }
        case 138, 139, 140, 141, 142, 155:
            break
        default:
            out.text(", length ")
            out.decimal(length)
            if verbose <= 1 { try unknownData(dp, indent: "\n\t", length: length) }
            return
        }
        if result == .truncated {
            printTruncated()
            return
        }
        if verbose == 0 {
            out.text(", length ")
            out.decimal(length)
        }
    }

    private mutating func routerPreference(_ flags: UInt8) {
        switch (flags & 0x18) >> 3 {
        case 0: out.text("medium")
        case 1: out.text("high")
        case 2: out.text("rsv")
        default: out.text("low")
        }
    }

    /// The transport header inside a quoted IPv6 packet: (offset from the quoted header, protocol).
    private func upperLayer(_ ip6: ByteView) -> (Int, UInt8)? {
        guard ip6.has(6, 1) else { return nil }
        var nh = ip6.packet[ip6.start + 6]
        var off = 0
        var hlen = 40
        while off < ip6.available {
            off += hlen
            switch nh {
            case 6, 17:
                return ip6.has(off + 2, 2) ? (off, nh) : nil
            case 0, 60, 43:
                guard ip6.has(off + 1, 1) else { return nil }
                nh = ip6.packet[ip6.start + off]
                hlen = (Int(ip6.packet[ip6.start + off + 1]) + 1) << 3
            case 44:
                guard ip6.has(off + 2, 2) else { return nil }
                let offlg = UInt16(ip6.packet[ip6.start + off + 2]) << 8 | UInt16(ip6.packet[ip6.start + off + 3])
                if offlg & 0xfff8 != 0 { return nil }
                nh = ip6.packet[ip6.start + off]
                hlen = 8
            case 51:
                guard ip6.has(off + 1, 1) else { return nil }
                nh = ip6.packet[ip6.start + off]
                hlen = (Int(ip6.packet[ip6.start + off + 1]) + 2) << 2
            default:
                return nil
            }
        }
        return nil
    }

    private mutating func mld1(_ dp: ByteView) throws(Truncated) {
        guard dp.has(0, 24) else { return }
        let delay = try dp.u16(4)
        out.text("max resp delay: ")
        out.decimal(delay)
        out.byte(0x20)
        try ipv6Address(dp, 8, prefix: "addr: ")
    }

    private mutating func mld2Report(_ bp: ByteView, length len: Int) throws(Truncated) {
        if len < 8 {
            out.text(" [invalid len ")
            out.decimal(len)
            out.byte(UInt8(ascii: "]"))
            return
        }
        let groups = Int(try bp.u16(6))
        out.text(", ")
        out.decimal(groups)
        out.text(" group record(s)")
        guard verbose > 0 else { return }
        var group = 8
        for _ in 0..<groups {
            if len < group + 20 {
                out.text(" [invalid number of groups]")
                return
            }
            try ipv6Address(bp, group + 4, prefix: " [gaddr ")
            out.byte(0x20)
            let rtype = try bp.u8(group)
            out.groupRecordType(rtype, unknownPrefix: " [v2-report-#")
            let sources = Int(try bp.u16(group + 2))
            if len < group + 20 + sources * 16 {
                out.text(" [invalid number of sources ")
                out.decimal(sources)
                out.byte(UInt8(ascii: "]"))
                return
            }
            if verbose == 1 {
                out.text(", ")
                out.decimal(sources)
                out.text(" source(s)")
            } else {
                out.text(" {")
                for j in 0..<sources {
                    try ipv6Address(bp, group + 20 + j * 16, prefix: " ")
                }
                out.text(" }")
            }
            group += 20 + sources * 16
            out.byte(UInt8(ascii: "]"))
        }
    }

    private mutating func mld2Query(_ bp: ByteView, length len: Int) throws(Truncated) {
        if len < 28 {
            out.text(" [invalid len ")
            out.decimal(len)
            out.byte(UInt8(ascii: "]"))
            return
        }
        let mrc = UInt32(try bp.u16(4))
        let mrt = mrc < 32768 ? mrc : ((mrc & 0x0fff) | 0x1000) << (((mrc & 0x7000) >> 12) + 3)
        if verbose > 0 {
            out.text(" [max resp delay=")
            out.decimal(mrt)
            out.byte(UInt8(ascii: "]"))
        }
        try ipv6Address(bp, 8, prefix: " [gaddr ")
        if verbose > 0 {
            let b24 = try bp.u8(24)
            if b24 & 0x08 != 0 { out.text(" sflag") }
            if b24 & 0x07 != 0 {
                out.text(" robustness=")
                out.decimal(b24 & 0x07)
            }
            let b25 = UInt32(try bp.u8(25))
            let qqi = b25 < 128 ? b25 : ((b25 & 0x0f) | 0x10) << (((b25 & 0x70) >> 4) + 3)
            out.text(" qqi=")
            out.decimal(qqi)
        }
        let sources = Int(try bp.u16(26))
        if sources > 0 {
            if len < 28 + sources * 16 {
                out.text(" [invalid number of sources]")
            } else if verbose > 1 {
                out.text(" {")
                for i in 0..<sources {
                    try ipv6Address(bp, 28 + i * 16, prefix: " ")
                }
                out.text(" }")
            } else {
                out.text(", ")
                out.decimal(sources)
                out.text(" source(s)")
            }
        }
        out.byte(UInt8(ascii: "]"))
    }

    private mutating func lifetime(_ v: UInt32) {
        if v == 0xffff_ffff {
            out.text("infinity")
        } else {
            out.decimal(v)
            out.byte(UInt8(ascii: "s"))
        }
    }

    /// Neighbour discovery options; `.truncated` where tcpdump prints ` [|icmp6]`.
    private mutating func ndOptions(_ bp: ByteView, length resid0: Int) throws(Truncated) -> ICMP6Result {
        var cp = 0
        var resid = resid0
        while cp < bp.available {
            guard bp.has(cp + 1, 1) else { return .truncated }
            if resid <= 0 { return .ok }
            let type = try bp.u8(cp)
            let optLen = Int(try bp.u8(cp + 1))
            if optLen == 0 { return .truncated }
            if cp + (optLen << 3) > bp.available { return .truncated }
            out.text("\n\t  ")
            switch type {
            case 1: out.text("source link-address")
            case 2: out.text("destination link-address")
            case 3: out.text("prefix info")
            case 4: out.text("redirected header")
            case 5: out.text("mtu")
            case 25: out.text("rdnss")
            case 31: out.text("dnssl")
            case 7: out.text("advertisement interval")
            case 8: out.text("homeagent information")
            case 24: out.text("route info")
            default: out.text("unknown")
            }
            out.text(" option (")
            out.decimal(type)
            out.text("), length ")
            out.decimal(optLen << 3)
            out.text(" (")
            out.decimal(optLen)
            out.text("): ")
            let op = bp.advanced(by: cp)
            switch type {
            case 1, 2:
                let l = (optLen << 3) - 2
                for i in 0..<l {
                    if i > 0 { out.byte(UInt8(ascii: ":")) }
                    out.hexByte(try op.u8(2 + i))
                }
            case 3:
                try op.check(2, 30)
                let plen = try op.u8(2)
                let flags = try op.u8(3)
                try ipv6Address(op, 16)
                out.byte(UInt8(ascii: "/"))
                out.decimal(plen)
                if optLen != 4 { out.text("badlen") }
                out.text(", Flags [")
                var any = false
                if flags & 0x80 != 0 { out.text("onlink"); any = true }
                if flags & 0x40 != 0 { if any { out.text(", ") }; out.text("auto"); any = true }
                if flags & 0x20 != 0 { if any { out.text(", ") }; out.text("router"); any = true }
                if !any { out.text("none") }
                out.text("], valid time ")
                lifetime(try op.u32(4))
                out.text(", pref. time ")
                lifetime(try op.u32(8))
            case 4:
                try unknownData(bp, indent: "\n\t    ", length: optLen << 3)
            case 5:
                let mtu = try op.u32(4)
                out.byte(0x20)
                out.decimal(mtu)
                if optLen != 1 { out.text("bad option length") }
            case 25:
                let count = (optLen - 1) / 2
                let lifetime = try op.u32(4)
                out.text(" lifetime ")
                out.decimal(lifetime)
                out.text("s,")
                for i in 0..<count {
                    try ipv6Address(op, 8 + 16 * i, prefix: " addr: ")
                }
            case 31:
                let lifetime = try op.u32(4)
                out.text(" lifetime ")
                out.decimal(lifetime)
                out.text("s, domain(s):")
                var dom = cp + 8
                while dom < cp + (optLen << 3), try bp.u8(dom) != 0 {
                    out.byte(0x20)
                    guard let next = try dnsName(bp, dom) else { return .truncated }
                    dom = next
                }
            case 7:
                let interval = try op.u32(4)
                out.byte(0x20)
                out.decimal(interval)
                out.text("ms")
            case 8:
                try op.check(4, 4)
                out.text(" preference ")
                out.decimal(try op.u16(4))
                out.text(", lifetime ")
                out.decimal(try op.u16(6))
            case 24:
                guard op.has(4, 4) else { return .truncated }
                var prefix = IPv6Groups()
                switch optLen {
                case 1: break
                case 2, 3:
                    let n = optLen == 2 ? 8 : 16
                    try op.check(8, n)
                    for k in 0..<n { prefix.setByte(try op.u8(8 + k), at: k) }
                default:
                    return .truncated
                }
                out.byte(0x20)
                prefix.append(into: &out)
                out.byte(UInt8(ascii: "/"))
                out.decimal(try op.u8(2))
                out.text(", pref=")
                routerPreference(try op.u8(3))
                out.text(", lifetime=")
                lifetime(try op.u32(4))
            default:
                if verbose <= 1 {
                    try unknownData(op.advanced(by: 2), indent: "\n\t  ", length: (optLen << 3) - 2)
                    return .ok
                }
            }
            if verbose > 1 {
                try unknownData(op.advanced(by: 2), indent: "\n\t    ", length: (optLen << 3) - 2)
            }
            cp += optLen << 3
            resid -= optLen << 3
        }
        return .ok
    }
}
