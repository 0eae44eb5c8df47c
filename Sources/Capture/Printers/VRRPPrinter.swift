/// VRRP v2/v3 advertisements (tcpdump's `vrrp_print`).
extension Dissector {
    mutating func printVRRP(_ bp: ByteView, length len: Int, ip: IPContext) throws(Truncated) {
        proto = "vrrp"
        out.text("VRRP")
        let first = try bp.u8(0)
        let version = first >> 4
        let type = first & 0x0f
        out.byte(UInt8(ascii: "v"))
        out.decimal(version)
        out.text(", ")
        if type == 1 {
            out.text("Advertisement")
        } else {
            out.text("unknown type (")
            out.decimal(type)
            out.byte(UInt8(ascii: ")"))
        }
        let ttl = try ip.header.u8(ip.version == 6 ? 7 : 8)
        if ttl != 255 {
            out.text(", (ttl ")
            out.decimal(ttl)
            out.byte(UInt8(ascii: ")"))
        }
        if version < 2 || version > 3 || type != 1 { return }
        try bp.check(1, 2)
        out.text(", vrid ")
        out.decimal(try bp.u8(1))
        out.text(", prio ")
        out.decimal(try bp.u8(2))
        var authType: UInt8 = 0
        if version == 2 {
            authType = try bp.u8(4)
            out.text(", authtype ")
            switch authType {
            case 0: out.text("none")
            case 1: out.text("simple")
            case 2: out.text("ah")
            default:
                out.byte(UInt8(ascii: "#"))
                out.decimal(authType)
            }
            let interval = try bp.u8(5)
            out.text(", intvl ")
            out.decimal(interval)
            out.text("s, length ")
            out.decimal(len)
        } else {
            let interval = UInt16(try bp.u8(4) & 0x0f) << 8 | UInt16(try bp.u8(5))
            out.text(", intvl ")
            out.decimal(interval)
            out.text("cs, length ")
            out.decimal(len)
        }
        guard verbose > 0 else { return }
        let naddrs = Int(try bp.u8(3))
        if bp.has(0, len) {
            var sum = InternetChecksum.partialSum(bp, offset: 0, count: len)
            if version == 3 { sum &+= try pseudoHeaderSum(ip, transport: 112, length: len) }
            if InternetChecksum.finish(sum) != 0 {
                out.text(", (bad vrrp cksum ")
                out.hex(try bp.u16(6))
                out.byte(UInt8(ascii: ")"))
            }
        }
        out.text(", addrs")
        if naddrs > 1 {
            out.byte(UInt8(ascii: "("))
            out.decimal(naddrs)
            out.byte(UInt8(ascii: ")"))
        }
        out.byte(UInt8(ascii: ":"))
        var firstAddress = true
        var p = 8
        for _ in 0..<naddrs {
            if ip.version == 4 {
                try ipv4Address(bp, p, prefix: firstAddress ? " " : ",")
                p += 4
            } else {
                try ipv6Address(bp, p, prefix: firstAddress ? " " : ",")
                p += 16
            }
            firstAddress = false
        }
        if version == 2 && authType == 1 {
            out.text(" auth \"")
            var n = 0
            while n < 8 {
                let c = try bp.u8(p + n)
                if c == 0 { break }
                out.safeChar(c)
                n += 1
            }
            out.byte(UInt8(ascii: "\""))
        }
    }
}
