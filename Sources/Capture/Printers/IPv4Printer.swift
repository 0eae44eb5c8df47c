/// What a transport printer needs to know about the IP header that carried it.
struct IPContext {
    /// The IP header, from its first byte.
    var header: ByteView
    /// 4 or 6.
    var version: Int
    /// `ip_p` for IPv4, the first header's next-header for IPv6 (tcpdump prints addresses only when it is the
    /// transport itself).
    var firstNextHeader: UInt8
    /// True for IPv4 fragments carrying "more fragments" and for IPv6 fragments (no checksum checks).
    var fragmented: Bool
}

extension Dissector {
    /// Prints `SRC > DST` of the IP header (addresses only).
    mutating func ipAddresses(_ ip: IPContext, separator: StaticString) throws(Truncated) {
        if ip.version == 6 {
            try ipv6Address(ip.header, 8)
            out.text(" > ")
            try ipv6Address(ip.header, 24)
        } else {
            try ipv4Address(ip.header, 12)
            out.text(" > ")
            try ipv4Address(ip.header, 16)
        }
        out.text(separator)
    }

    /// Prints `SRC.SPORT > DST.DPORT: ` (or `SPORT > DPORT: ` behind IPv6 extension headers).
    mutating func ipAddressesAndPorts(_ ip: IPContext, transport: UInt8, source: UInt16, destination: UInt16)
        throws(Truncated)
    {
        let direct = ip.firstNextHeader == transport
        let isTCP = transport == 6
        if direct {
            if ip.version == 6 { try ipv6Address(ip.header, 8) } else { try ipv4Address(ip.header, 12) }
            out.byte(UInt8(ascii: "."))
        }
        port(source, tcp: isTCP)
        out.text(" > ")
        if direct {
            if ip.version == 6 { try ipv6Address(ip.header, 24) } else { try ipv4Address(ip.header, 16) }
            out.byte(UInt8(ascii: "."))
        }
        port(destination, tcp: isTCP)
        out.text(": ")
    }

    /// The pseudo-header sum for a transport checksum.
    func pseudoHeaderSum(_ ip: IPContext, transport: UInt8, length: Int) throws(Truncated) -> UInt32 {
        var sum: UInt32 = 0
        if ip.version == 4 {
            let src = try ip.header.u32(12)
            let dst = try ipv4FinalDestination(ip.header)
            sum = (src >> 16) &+ (src & 0xffff) &+ (dst >> 16) &+ (dst & 0xffff)
        } else {
            for i in stride(from: 0, to: 16, by: 2) { sum &+= UInt32(try ip.header.u16(8 + i)) }
            let dstOffset = try ipv6FinalDestinationOffset(ip.header)
            for i in stride(from: 0, to: 16, by: 2) { sum &+= UInt32(try ip.header.u16(dstOffset + i)) }
        }
        sum &+= UInt32(transport)
        sum &+= UInt32(truncatingIfNeeded: length) >> 16
        sum &+= UInt32(truncatingIfNeeded: length) & 0xffff
        return sum
    }

    /// The destination the checksum pseudo-header uses: the last hop of a source route when there is one.
    private func ipv4FinalDestination(_ h: ByteView) throws(Truncated) -> UInt32 {
        let hl = Int(try h.u8(0) & 0x0f) * 4
        if hl > 20 {
            var off = 20
            var remaining = hl - 20
            while remaining > 0 {
                let type = try h.u8(off)
                if type == 0 { break }
                var len = 1
                if type != 1 {
                    len = Int(try h.u8(off + 1))
                    if len < 2 { break }
                }
                if remaining < len { break }
                guard h.has(off, len) else { break }
                if (type == 131 || type == 137) && len >= 7 { return try h.u32(off + len - 4) }
                off += len
                remaining -= len
            }
        }
        return try h.u32(16)
    }

    /// Prints an IPv4 datagram (tcpdump's `ip_print`).
    mutating func printIPv4(_ bp: ByteView, length: Int) throws(Truncated) {
        proto = "ip"
        let version = try bp.u8(0) >> 4
        if version != 4 {
            if version == 6 { out.text("IP6, wrong link-layer encapsulation") } else {
                out.text("IP")
                out.decimal(version)
            }
            printInvalid()
            return
        }
        if !eflag { out.text("IP ") }
        guard bp.has(0, 20) else {
            printTruncated()
            return
        }
        if length < 20 {
            out.text("truncated-ip ")
            out.decimal(length)
            return
        }
        let header = try IPv4Header(bp)
        let hlen = header.headerLength
        if hlen < 20 {
            out.text("bad-hlen ")
            out.decimal(hlen)
            return
        }
        var len = Int(header.totalLength)
        if length < len {
            out.text("truncated-ip - ")
            out.decimal(len - length)
            out.text(" bytes missing! ")
        }
        if len < hlen {
            out.text("bad-len ")
            out.decimal(len)
            return
        }
        let ip = bp.limited(to: len)
        len -= hlen
        let off = header.flagsAndOffset
        let ipProto = header.proto
        if verbose > 0 {
            let tos = header.tos
            out.text("(tos 0x")
            out.hex(tos)
            switch tos & 3 {
            case 1: out.text(",ECT(1)")
            case 2: out.text(",ECT(0)")
            case 3: out.text(",CE")
            default: break
            }
            let ttl = header.ttl
            if ttl >= 1 {
                out.text(", ttl ")
                out.decimal(ttl)
            }
            out.text(", id ")
            out.decimal(header.id)
            out.text(", offset ")
            out.decimal(header.fragmentOffset)
            out.text(", flags [")
            let flagBits = off & 0xe000
            if flagBits == 0 {
                out.text("none")
            } else {
                var sep = false
                if off & 0x2000 != 0 { out.text("+"); sep = true }
                if off & 0x4000 != 0 { if sep { out.text(", ") }; out.text("DF"); sep = true }
                if off & 0x8000 != 0 { if sep { out.text(", ") }; out.text("rsvd") }
            }
            out.text("], proto ")
            if let n = Names.ipProtocol(ipProto) { out.text(n) } else { out.text("unknown") }
            out.text(" (")
            out.decimal(ipProto)
            out.text("), length ")
            out.decimal(header.totalLength)
            var truncatedOptions = false
            if hlen > 20 {
                out.text(", options (")
                truncatedOptions = try !printIPv4Options(ip.advanced(by: 20), length: hlen - 20)
                if truncatedOptions { out.text(" [truncated-option]") }
                out.text(")")
            }
            if !options.noChecksums && ip.has(0, hlen) {
                let sum = InternetChecksum.finish(InternetChecksum.partialSum(ip, offset: 0, count: hlen))
                if sum != 0 {
                    let stored = header.checksum
                    out.text(", bad cksum ")
                    out.hex(stored)
                    out.text(" (->")
                    out.hex(InternetChecksum.shouldBe(stored: stored, computed: sum))
                    out.text(")!")
                }
            }
            out.text(")\n    ")
            if truncatedOptions {
                try ipv4Address(ip, 12)
                out.text(" > ")
                try ipv4Address(ip, 16)
                out.text(": ")
                printTruncated()
                return
            }
        }
        if off & 0x1fff == 0 {
            if ipProto != 6 && ipProto != 17 && ipProto != 132 && ipProto != 33 {
                try ipv4Address(ip, 12)
                out.text(" > ")
                try ipv4Address(ip, 16)
                out.text(": ")
            }
            if !ip.has(0, hlen) {
                out.text(" [remaining caplen(")
                out.decimal(ip.available)
                out.text(") < header length(")
                out.decimal(hlen)
                out.text(")]")
                throw Truncated()
            }
            let ctx = IPContext(header: ip, version: 4, firstNextHeader: ipProto, fragmented: off & 0x2000 != 0)
            try printIPPayload(ip.advanced(by: hlen), length: len, ip: ctx, nextHeader: ipProto)
        } else {
            if options.quiet > 1 { return }
            try ipv4Address(ip, 12)
            out.text(" > ")
            try ipv4Address(ip, 16)
            out.byte(UInt8(ascii: ":"))
            protocolKeyword(ipProto)
        }
    }

    /// IPv4 options at `-v`; false when they ran past the capture.
    private mutating func printIPv4Options(_ v: ByteView, length total: Int) throws(Truncated) -> Bool {
        var cp = 0
        var length = total
        var first = true
        while length > 0 {
            if !first { out.byte(UInt8(ascii: ",")) }
            first = false
            let code = try v.u8(cp)
            switch code {
            case 0: out.text("EOL")
            case 1: out.text("NOP")
            case 68: out.text("timestamp")
            case 130: out.text("security")
            case 7: out.text("RR")
            case 137: out.text("SSRR")
            case 131: out.text("LSRR")
            case 148: out.text("RA")
            case 82: out.text("traceroute")
            default:
                out.text("unknown ")
                out.decimal(code)
            }
            var optionLength = 1
            if code != 0 && code != 1 {
                optionLength = Int(try v.u8(cp + 1))
                if optionLength < 2 {
                    out.text(" [bad length ")
                    out.decimal(optionLength)
                    out.byte(UInt8(ascii: "]"))
                    return true
                }
            }
            if optionLength > length {
                out.text(" [bad length ")
                out.decimal(optionLength)
                out.byte(UInt8(ascii: "]"))
                return true
            }
            guard v.has(cp, optionLength) else { return false }
            let opt = v.advanced(by: cp)
            switch code {
            case 0:
                return true
            case 68:
                if try !printIPv4Timestamp(opt, length: optionLength) { return false }
            case 7, 131, 137:
                if try !printIPv4Route(opt, length: optionLength) { return false }
            case 148:
                if optionLength < 4 {
                    out.text(" [bad length ")
                    out.decimal(optionLength)
                    out.byte(UInt8(ascii: "]"))
                } else {
                    try opt.check(3, 1)
                    let value = try opt.u16(2)
                    if value != 0 {
                        out.text(" value ")
                        out.decimal(value)
                    }
                }
            default:
                break
            }
            cp += optionLength
            length -= optionLength
        }
        return true
    }

    private mutating func printIPv4Route(_ cp: ByteView, length: Int) throws(Truncated) -> Bool {
        if length < 3 {
            out.text(" [bad length ")
            out.decimal(length)
            out.byte(UInt8(ascii: "]"))
            return true
        }
        if (length + 1) & 3 != 0 {
            out.text(" [bad length ")
            out.decimal(length)
            out.byte(UInt8(ascii: "]"))
        }
        let ptrByte = try cp.u8(2)
        let ptr = Int(ptrByte) - 1
        if ptr < 3 || ((ptr + 1) & 3) != 0 || ptr > length + 1 {
            out.text(" [bad ptr ")
            out.decimal(ptrByte)
            out.byte(UInt8(ascii: "]"))
        }
        var len = 3
        while len < length {
            guard cp.has(len, 4) else { return false }
            out.byte(0x20)
            try ipv4Address(cp, len)
            if ptr > len { out.byte(UInt8(ascii: ",")) }
            len += 4
        }
        return true
    }

    private mutating func printIPv4Timestamp(_ cp: ByteView, length: Int) throws(Truncated) -> Bool {
        if length < 4 {
            out.text("[bad length ")
            out.decimal(length)
            out.byte(UInt8(ascii: "]"))
            return true
        }
        out.text(" TS{")
        let flags = try cp.u8(3)
        let hoplen = (flags & 0xf) != 0 ? 8 : 4
        if (length - 4) & (hoplen - 1) != 0 {
            out.text("[bad length ")
            out.decimal(length)
            out.byte(UInt8(ascii: "]"))
        }
        let ptrByte = try cp.u8(2)
        let ptr = Int(ptrByte) - 1
        var len = 0
        if ptr < 4 || ((ptr - 4) & (hoplen - 1)) != 0 || ptr > length + 1 {
            out.text("[bad ptr ")
            out.decimal(ptrByte)
            out.byte(UInt8(ascii: "]"))
        }
        var known = true
        switch flags & 0xf {
        case 0: out.text("TSONLY")
        case 1: out.text("TS+ADDR")
        case 3: out.text("PRESPEC")
        default:
            out.text("[bad ts type ")
            out.decimal(flags & 0xf)
            out.byte(UInt8(ascii: "]"))
            known = false
        }
        if known {
            var type: StaticString = " "
            len = 4
            while len < length {
                if ptr == len { type = " ^ " }
                guard cp.has(len, hoplen) else { return false }
                out.text(type)
                out.decimal(try cp.u32(len + hoplen - 4))
                out.byte(UInt8(ascii: "@"))
                if hoplen == 8 { try ipv4Address(cp, len) }
                type = " "
                len += hoplen
            }
        }
        if ptr == len { out.text(" ^ ") }
        if flags >> 4 != 0 {
            out.text(" [")
            out.decimal(flags >> 4)
            out.text(" hops not recorded]} ")
        } else {
            out.text("}")
        }
        return true
    }

    /// The protocol after an IP header (tcpdump's `ip_demux_print`).
    mutating func printIPPayload(_ bp: ByteView, length: Int, ip: IPContext, nextHeader: UInt8) throws(Truncated) {
        switch nextHeader {
        case 6:
            try printTCP(bp, length: length, ip: ip)
        case 17:
            try printUDP(bp, length: length, ip: ip)
        case 1:
            if ip.version == 4 {
                try printICMP(bp, length: length, ip: ip)
            } else {
                out.text("[ICMP requires IPv4]")
                printInvalid()
            }
        case 58:
            if ip.version == 6 {
                try printICMPv6(bp, length: length, ip: ip)
            } else {
                out.text("[ICMPv6 requires IPv6]")
                printInvalid()
            }
        case 2:
            if ip.version == 4 {
                try printIGMP(bp, length: length)
            } else {
                out.text("[IGMP requires IPv4]")
                printInvalid()
            }
        case 112:
            try printVRRP(bp, length: length, ip: ip)
        case 4:
            try printIPv4(bp, length: length)
        case 41:
            try printIPv6(bp, length: length)
        case 59:
            out.text("no next header")
        case 77:
            out.text(" nd ")
            out.decimal(length)
        default:
            protocolKeyword(nextHeader)
            out.byte(0x20)
            out.decimal(length)
        }
    }
}
