/// DNS messages over UDP and TCP, and mDNS (tcpdump's `domain_print`).
///
/// Positions are offsets from the first byte of the DNS header; they may run past the captured bytes, which is
/// how tcpdump's pointer arithmetic behaves, and every read is checked.
extension Dissector {
    private static let maxNameLength = 255

    private static func typeName(_ t: UInt16) -> StaticString? {
        switch t {
        case 1: return "A"
        case 2: return "NS"
        case 3: return "MD"
        case 4: return "MF"
        case 5: return "CNAME"
        case 6: return "SOA"
        case 7: return "MB"
        case 8: return "MG"
        case 9: return "MR"
        case 10: return "NULL"
        case 11: return "WKS"
        case 12: return "PTR"
        case 13: return "HINFO"
        case 14: return "MINFO"
        case 15: return "MX"
        case 16: return "TXT"
        case 17: return "RP"
        case 18: return "AFSDB"
        case 19: return "X25"
        case 20: return "ISDN"
        case 21: return "RT"
        case 22: return "NSAP"
        case 23: return "NSAP_PTR"
        case 24: return "SIG"
        case 25: return "KEY"
        case 26: return "PX"
        case 27: return "GPOS"
        case 28: return "AAAA"
        case 29: return "LOC"
        case 30: return "NXT"
        case 31: return "EID"
        case 32: return "NIMLOC"
        case 33: return "SRV"
        case 34: return "ATMA"
        case 35: return "NAPTR"
        case 36: return "KX"
        case 37: return "CERT"
        case 38: return "A6"
        case 39: return "DNAME"
        case 40: return "SINK"
        case 41: return "OPT"
        case 42: return "APL"
        case 43: return "DS"
        case 44: return "SSHFP"
        case 45: return "IPSECKEY"
        case 46: return "RRSIG"
        case 47: return "NSEC"
        case 48: return "DNSKEY"
        case 99: return "SPF"
        case 100: return "UINFO"
        case 101: return "UID"
        case 102: return "GID"
        case 103: return "UNSPEC"
        case 104: return "UNSPECA"
        case 249: return "TKEY"
        case 250: return "TSIG"
        case 251: return "IXFR"
        case 252: return "AXFR"
        case 253: return "MAILB"
        case 254: return "MAILA"
        case 255: return "ANY"
        case 256: return "URI"
        default: return nil
        }
    }

    private mutating func dnsType(_ t: UInt16) {
        if let n = Dissector.typeName(t) {
            out.text(n)
        } else {
            out.text("Type")
            out.decimal(t)
        }
    }

    private mutating func dnsClass(_ c: UInt16) {
        switch c {
        case 1: out.text("IN")
        case 3: out.text("CHAOS")
        case 4: out.text("HS")
        case 255: out.text("ANY")
        default:
            out.text("(Class ")
            out.decimal(c)
            out.byte(UInt8(ascii: ")"))
        }
    }

    /// Skips a name; the offset after it, or nil.
    private func dnsSkipName(_ bp: ByteView, _ start: Int) -> Int? {
        var cp = start
        guard bp.has(cp, 1) else { return nil }
        var i = bp.packet[bp.start + cp]
        cp += 1
        while i != 0 {
            switch i & 0xc0 {
            case 0xc0:
                return cp + 1
            case 0x40:
                if i & 0x3f != 1 { return nil }
                guard bp.has(cp, 1) else { return nil }
                var bitlen = Int(bp.packet[bp.start + cp])
                if bitlen == 0 { bitlen = 256 }
                cp += 1
                cp += (bitlen + 7) / 8
            case 0x80:
                return nil
            default:
                cp += Int(i)
            }
            guard bp.has(cp, 1) else { return nil }
            i = bp.packet[bp.start + cp]
            cp += 1
        }
        return cp
    }

    private mutating func dnsLabelLength(_ bp: ByteView, _ cp: Int) -> Int? {
        guard bp.has(cp, 1) else { return nil }
        let i = bp.packet[bp.start + cp]
        switch i & 0xc0 {
        case 0x40:
            let elt = i & 0x3f
            if elt != 1 {
                out.text("<ELT ")
                out.decimal(elt)
                out.byte(UInt8(ascii: ">"))
                return nil
            }
            guard bp.has(cp + 1, 1) else { return nil }
            var bitlen = Int(bp.packet[bp.start + cp + 1])
            if bitlen == 0 { bitlen = 256 }
            return (bitlen + 7) / 8 + 1
        case 0xc0, 0x00:
            return Int(i)
        default:
            out.text("<BAD LABEL TYPE>")
            return nil
        }
    }

    /// Prints up to `n` bytes at `cp` safely; true when the capture ended first.
    private mutating func dnsPrintN(_ bp: ByteView, _ start: Int, _ count: Int) -> Bool {
        var n = count
        var cp = start
        while n > 0 && cp >= 0 && bp.has(cp, 1) {
            n -= 1
            out.safeChar(bp.packet[bp.start + cp])
            cp += 1
        }
        return n != 0
    }

    private mutating func dnsBitLabel(_ bp: ByteView, _ cp: Int) throws(Truncated) -> Bool {
        guard bp.has(cp, 1) else { return false }
        var bitlen = Int(try bp.u8(cp))
        if bitlen == 0 { bitlen = 256 }
        let slen = (bitlen + 3) / 4
        let lim = cp + 1 + slen
        out.text("\\[x")
        var bitp = cp + 1
        var b = bitlen
        while bitp < lim && b > 7 {
            out.hex(try bp.u8(bitp), width: 2)
            b -= 8
            bitp += 1
        }
        if b > 4 {
            let tc = try bp.u8(bitp)
            out.hex(tc & UInt8(truncatingIfNeeded: 0xff << (8 - b)), width: 2)
        } else if b > 0 {
            let tc = try bp.u8(bitp)
            out.hex(((tc >> 4) & 0x0f) & UInt8(truncatingIfNeeded: 0x0f << (4 - b)), width: 1)
        }
        out.byte(UInt8(ascii: "/"))
        out.decimal(bitlen)
        out.byte(UInt8(ascii: "]"))
        return true
    }

    /// Prints a (possibly compressed) name; the offset after it in the record, or nil.
    mutating func dnsName(_ bp: ByteView, _ start: Int) throws(Truncated) -> Int? {
        var cp = start
        guard var l = dnsLabelLength(bp, cp) else { return nil }
        guard bp.has(cp, 1) else { return nil }
        var maxOffset = cp
        var i = try bp.u8(cp)
        cp += 1
        var compress = false
        var rp = 0
        if i & 0xc0 != 0xc0 {
            rp = cp + l
        }
        var nameChars = 0
        if i != 0 {
            while i != 0 && cp < bp.available {
                switch i & 0xc0 {
                case 0xc0:
                    if !compress {
                        rp = cp + 1
                        compress = true
                    }
                    guard bp.has(cp, 1) else { return nil }
                    let offset = (Int(i) << 8 | Int(try bp.u8(cp))) & 0x3fff
                    if offset >= maxOffset {
                        out.text("<BAD PTR>")
                        return nil
                    }
                    maxOffset = offset
                    cp = offset
                    guard bp.has(cp, 1) else { return nil }
                    i = try bp.u8(cp)
                    guard let nl = dnsLabelLength(bp, cp) else { return nil }
                    l = nl
                    cp += 1
                    continue
                case 0x40:
                    let elt = i & 0x3f
                    if elt == 1 {
                        if try !dnsBitLabel(bp, cp) { return nil }
                    } else {
                        out.text("<ELT ")
                        out.decimal(elt)
                        out.byte(UInt8(ascii: ">"))
                        return nil
                    }
                case 0x80:
                    out.text("<BAD LABEL TYPE>")
                    return nil
                default:
                    if nameChars + l <= Dissector.maxNameLength {
                        if dnsPrintN(bp, cp, l) { return nil }
                    } else if nameChars < Dissector.maxNameLength {
                        if dnsPrintN(bp, cp, Dissector.maxNameLength - nameChars) { return nil }
                    }
                    nameChars += l
                }
                cp += l
                if nameChars <= Dissector.maxNameLength { out.byte(UInt8(ascii: ".")) }
                nameChars += 1
                guard bp.has(cp, 1) else { return nil }
                i = try bp.u8(cp)
                guard let nl = dnsLabelLength(bp, cp) else { return nil }
                l = nl
                cp += 1
                if !compress { rp += l + 1 }
            }
            if nameChars > Dissector.maxNameLength { out.text("<DOMAIN NAME TOO LONG>") }
        } else {
            out.byte(UInt8(ascii: "."))
        }
        return rp
    }

    private mutating func dnsQuestion(_ bp: ByteView, _ start: Int, mdns: Bool) throws(Truncated) -> Int? {
        guard let cp = dnsSkipName(bp, start), bp.has(cp, 4) else { return nil }
        out.byte(0x20)
        dnsType(try bp.u16(cp))
        let raw = try bp.u16(cp + 2)
        let cls = mdns ? raw & 0x7fff : raw
        if cls != 1 {
            out.byte(0x20)
            dnsClass(cls)
        }
        if mdns { out.text(raw & 0x8000 != 0 ? " (QU)" : " (QM)") }
        out.text("? ")
        guard let end = try dnsName(bp, start) else { return nil }
        return end + 4
    }

    /// Prints one resource record; the offset after it (the capture end when it could not be read), or nil.
    private mutating func dnsRecord(_ bp: ByteView, _ start: Int, mdns: Bool) throws(Truncated) -> Int? {
        var cp: Int
        let snap = bp.available
        if verbose > 0 {
            out.byte(0x20)
            guard let c = try dnsName(bp, start) else { return nil }
            cp = c
        } else {
            guard let c = dnsSkipName(bp, start) else { return snap }
            cp = c
        }
        guard bp.has(cp, 10) else { return snap }
        let typ = try bp.u16(cp)
        let raw = try bp.u16(cp + 2)
        cp += 4
        let cls = mdns ? raw & 0x7fff : raw
        if cls != 1 && typ != 41 {
            out.byte(0x20)
            dnsClass(cls)
        }
        if mdns && raw & 0x8000 != 0 { out.text(" (Cache flush)") }
        var optFlags: UInt16 = 0
        if typ == 41 {
            optFlags = try bp.u16(cp + 2)
            cp += 4
        } else if verbose > 2 {
            out.text(" [")
            relativeSeconds(try bp.u32(cp))
            out.byte(UInt8(ascii: "]"))
            cp += 4
        } else {
            cp += 4
        }
        let len = Int(try bp.u16(cp))
        cp += 2
        let rp = cp + len
        out.byte(0x20)
        dnsType(typ)
        if rp > snap { return nil }
        switch typ {
        case 1:
            guard bp.has(cp, 4) else { return nil }
            out.byte(0x20)
            try numericIPv4Address(bp, cp)
        case 2, 5, 12, 39:
            out.byte(0x20)
            if try dnsName(bp, cp) == nil { return nil }
        case 6:
            if verbose == 0 { break }
            out.byte(0x20)
            guard let a = try dnsName(bp, cp) else { return nil }
            out.byte(0x20)
            guard let b = try dnsName(bp, a) else { return nil }
            guard bp.has(b, 20) else { return nil }
            for k in 0..<5 {
                out.byte(0x20)
                out.decimal(try bp.u32(b + 4 * k))
            }
        case 15:
            out.byte(0x20)
            guard bp.has(cp, 2) else { return nil }
            if try dnsName(bp, cp + 2) == nil { return nil }
            out.byte(0x20)
            out.decimal(try bp.u16(cp))
        case 16:
            var p = cp
            while p < rp {
                out.text(" \"")
                guard bp.has(p, 1) else { return nil }
                let n = Int(try bp.u8(p))
                p += 1
                if dnsPrintN(bp, p, n) { return nil }
                p += n
                out.byte(UInt8(ascii: "\""))
            }
        case 33:
            out.byte(0x20)
            guard bp.has(cp, 6) else { return nil }
            if try dnsName(bp, cp + 6) == nil { return nil }
            out.byte(UInt8(ascii: ":"))
            out.decimal(try bp.u16(cp + 4))
            out.byte(0x20)
            out.decimal(try bp.u16(cp))
            out.byte(0x20)
            out.decimal(try bp.u16(cp + 2))
        case 28:
            guard bp.has(cp, 16) else { return nil }
            out.byte(0x20)
            try ipv6Address(bp, cp, numeric: true)
        case 38:
            guard bp.has(cp, 1) else { return nil }
            let pbit = Int(try bp.u8(cp))
            let pbyte = (pbit & ~7) / 8
            if pbit > 128 {
                out.byte(0x20)
                out.decimal(pbit)
                out.text("(bad plen)")
                break
            } else if pbit < 128 {
                try bp.check(cp + 1, 16 - pbyte)
                var suffix = IPv6Groups()
                for k in pbyte..<16 { suffix.setByte(try bp.u8(cp + 1 + k - pbyte), at: k) }
                out.byte(0x20)
                out.decimal(pbit)
                out.byte(0x20)
                suffix.append(into: &out)
            }
            if pbit > 0 {
                out.byte(0x20)
                if try dnsName(bp, cp + 1 + 16 - pbyte) == nil { return nil }
            }
        case 256:
            guard bp.has(cp, len) else { return nil }
            out.byte(0x20)
            out.decimal(try bp.u16(cp))
            out.byte(0x20)
            out.decimal(try bp.u16(cp + 2))
            out.byte(0x20)
            if dnsPrintN(bp, cp + 4, len - 4) { return nil }
        case 41:
            out.text(" UDPsize=")
            out.decimal(cls)
            if optFlags & 0x8000 != 0 { out.text(" DO") }
            if cp < rp {
                out.text(" [")
                var p = cp
                while p < rp {
                    guard let next = try ednsOption(bp, p) else { return nil }
                    p = next
                    if p < rp { out.byte(UInt8(ascii: ",")) }
                }
                out.byte(UInt8(ascii: "]"))
            }
        case 104:
            guard bp.has(cp, len) else { return nil }
            if dnsPrintN(bp, cp, len) { return nil }
        case 250:
            if cp + len > snap { return nil }
            if verbose == 0 { break }
            out.byte(0x20)
            guard var p = try dnsName(bp, cp) else { return nil }
            p += 6
            guard bp.has(p, 2) else { return nil }
            out.text(" fudge=")
            out.decimal(try bp.u16(p))
            p += 2
            guard bp.has(p, 2) else { return nil }
            out.text(" maclen=")
            out.decimal(try bp.u16(p))
            p += 2 + Int(try bp.u16(p))
            guard bp.has(p, 2) else { return nil }
            out.text(" origid=")
            out.decimal(try bp.u16(p))
            p += 2
            guard bp.has(p, 2) else { return nil }
            out.text(" error=")
            out.decimal(try bp.u16(p))
            p += 2
            guard bp.has(p, 2) else { return nil }
            out.text(" otherlen=")
            out.decimal(try bp.u16(p))
        default:
            break
        }
        return rp
    }

    private mutating func ednsOption(_ bp: ByteView, _ start: Int) throws(Truncated) -> Int? {
        var cp = start
        guard bp.has(cp, 2) else { return nil }
        let opt = try bp.u16(cp)
        cp += 2
        switch opt {
        case 1: out.text("LLQ")
        case 2: out.text("UL")
        case 3: out.text("NSID")
        case 5: out.text("DAU")
        case 6: out.text("DHU")
        case 7: out.text("N3U")
        case 8: out.text("ECS")
        case 9: out.text("EXPIRE")
        case 10: out.text("COOKIE")
        case 11: out.text("KEEPALIVE")
        case 12: out.text("PADDING")
        case 13: out.text("CHAIN")
        case 14: out.text("KEY-TAG")
        case 16: out.text("CLIENT-TAG")
        case 17: out.text("SERVER-TAG")
        default:
            out.text("Opt")
            out.decimal(opt)
        }
        guard bp.has(cp, 2) else { return nil }
        let dataLen = Int(try bp.u16(cp))
        cp += 2
        guard bp.has(cp, dataLen) else { return nil }
        if dataLen > 0 {
            out.byte(0x20)
            switch opt {
            case 8:
                try ednsClientSubnet(bp, cp, dataLen)
            case 10:
                if dataLen < 8 || (dataLen > 8 && dataLen < 16) || dataLen > 40 {
                    printInvalid()
                } else {
                    for i in 0..<dataLen {
                        if i == 8 { out.byte(0x20) }
                        out.hexByte(try bp.u8(cp + i))
                    }
                }
            case 11:
                if dataLen != 2 {
                    printInvalid()
                } else {
                    let v = try bp.u16(cp)
                    out.decimal(v / 10)
                    out.byte(UInt8(ascii: "."))
                    out.decimal(v % 10)
                    out.text(" sec")
                }
            case 9:
                if dataLen != 4 {
                    printInvalid()
                } else {
                    out.decimal(try bp.u32(cp))
                    out.text(" sec")
                }
            case 12:
                out.byte(UInt8(ascii: "("))
                out.decimal(dataLen)
                out.byte(UInt8(ascii: ")"))
            case 14:
                if dataLen % 2 != 0 {
                    printInvalid()
                } else {
                    var i = 0
                    while i < dataLen {
                        if i > 0 { out.byte(0x20) }
                        out.decimal(try bp.u16(cp + i))
                        i += 2
                    }
                }
            case 5, 6, 7:
                for i in 0..<dataLen {
                    if i > 0 { out.byte(0x20) }
                    algorithm(try bp.u8(cp + i), table: opt)
                }
            case 13:
                let sub = bp.advanced(by: cp).limited(to: dataLen)
                _ = try dnsNameWithinOption(sub)
            default:
                for i in 0..<dataLen { out.hexByte(try bp.u8(cp + i)) }
            }
        }
        return cp + dataLen
    }

    /// CHAIN's name is printed relative to the option data (tcpdump passes the data end as the message base).
    private mutating func dnsNameWithinOption(_ v: ByteView) throws(Truncated) -> Int? {
        try dnsName(v, 0)
    }

    private mutating func algorithm(_ a: UInt8, table: UInt16) {
        let name: StaticString?
        switch table {
        case 5:
            switch a {
            case 0: name = "DELETE"
            case 1: name = "RSAMD5"
            case 2: name = "DH"
            case 3: name = "DS"
            case 5: name = "RSASHA1"
            case 6: name = "DSA-NSEC3-SHA1"
            case 7: name = "RSASHA1-NSEC3-SHA1"
            case 8: name = "RSASHA256"
            case 10: name = "RSASHA512"
            case 12: name = "ECC-GOST"
            case 13: name = "ECDSAP256SHA256"
            case 14: name = "ECDSAP384SHA384"
            case 15: name = "ED25519"
            case 16: name = "ED448"
            case 252: name = "INDIRECT"
            case 253: name = "PRIVATEDNS"
            case 254: name = "PRIVATEOID"
            default: name = nil
            }
        case 6:
            switch a {
            case 1: name = "SHA-1"
            case 2: name = "SHA-256"
            case 3: name = "GOST_R_34.11-94"
            case 4: name = "SHA-384"
            default: name = nil
            }
        default:
            name = a == 1 ? "SHA-1" : nil
        }
        if let name {
            out.text(name)
        } else {
            out.text("Alg_")
            out.decimal(a)
        }
    }

    private mutating func ednsClientSubnet(_ bp: ByteView, _ cp: Int, _ dataLen: Int) throws(Truncated) {
        if dataLen < 4 {
            printInvalid()
            return
        }
        let family = try bp.u16(cp)
        let srcLen = Int(try bp.u8(cp + 2))
        let scopeLen = Int(try bp.u8(cp + 3))
        let bits: Int
        if family == 1 {
            bits = 32
        } else if family == 2 {
            bits = 128
        } else {
            printInvalid()
            return
        }
        if dataLen - 4 > bits / 8 || srcLen > bits || scopeLen > bits || (srcLen + 7) / 8 != dataLen - 4 {
            printInvalid()
            return
        }
        var padded = IPv6Groups()
        for i in 0..<(dataLen - 4) { padded.setByte(try bp.u8(cp + 4 + i), at: i) }
        if family == 1 {
            out.ipv4(padded.firstFourBytes)
        } else {
            padded.append(into: &out)
        }
        out.byte(UInt8(ascii: "/"))
        out.decimal(srcLen)
        out.byte(UInt8(ascii: "/"))
        out.decimal(scopeLen)
    }

    private mutating func dnsSection(_ bp: ByteView, _ cp: inout Int, count: inout Int, label: StaticString?,
                                     mdns: Bool) throws(Truncated) -> Bool {
        let snap = bp.available
        if count == 0 { return true }
        if let label {
            guard cp < snap else { return false }
            out.text(label)
        }
        guard let first = try dnsRecord(bp, cp, mdns: mdns) else { return false }
        cp = first
        count -= 1
        while cp < snap && count > 0 {
            out.byte(UInt8(ascii: ","))
            guard let next = try dnsRecord(bp, cp, mdns: mdns) else { return false }
            cp = next
            count -= 1
        }
        return count == 0
    }

    mutating func printDNS(_ message: ByteView, length wire: Int, overTCP: Bool, mdns: Bool) throws(Truncated) {
        proto = "domain"
        var bp = message
        var length = wire
        if overTCP {
            if length < 2 {
                out.text(" [DNS over TCP: length ")
                out.decimal(length)
                out.text(" < 2]")
                printInvalid()
                return
            }
            length -= 2
            let prefix = try bp.u16(0)
            if Int(prefix) != length {
                out.text(" [prefix length(")
                out.decimal(prefix)
                out.text(") != length(")
                out.decimal(length)
                out.text(")]")
                printInvalid()
                return
            }
            bp = bp.advanced(by: 2)
            out.byte(0x20)
        }
        if length < 12 {
            out.text("domain [length ")
            out.decimal(length)
            out.text(" < 12]")
            printInvalid()
            return
        }
        guard bp.has(0, 12) else {
            printTruncated()
            return
        }
        let snap = bp.available
        let header = try DNSHeader(bp)
        let flags = header.flags
        var qd = header.questions
        var an = header.answers
        var ns = header.authorities
        var ar = header.additionals
        var rcode = header.responseCode
        scan: do {
            var cp = 12
            for _ in 0..<qd {
                guard let c = dnsSkipName(bp, cp) else { break scan }
                cp = c + 4
                if cp >= snap { break scan }
            }
            for _ in 0..<(an + ns) {
                guard let c = dnsSkipName(bp, cp) else { break scan }
                cp = c + 8
                if cp + 2 > snap { break scan }
                cp += 2 + Int(try bp.u16(cp))
                if cp >= snap { break scan }
            }
            for _ in 0..<ar {
                guard let c = dnsSkipName(bp, cp) else { break scan }
                cp = c
                if cp + 2 > snap { break scan }
                let type = try bp.u16(cp)
                cp += 4
                if cp + 1 > snap { break scan }
                if type == 41 {
                    rcode |= Int(try bp.u8(cp)) << 4
                    break scan
                }
                cp += 4
                if cp + 2 > snap { break scan }
                cp += 2 + Int(try bp.u16(cp))
                if cp >= snap { break scan }
            }
        }
        let opcode = header.opcode
        let id = header.id
        var cp = 12
        if header.isResponse {
            out.decimal(id)
            opcodeText(opcode)
            rcodeText(rcode)
            if flags & 0x0400 != 0 { out.byte(UInt8(ascii: "*")) }
            if flags & 0x0080 == 0 { out.byte(UInt8(ascii: "-")) }
            if flags & 0x0200 != 0 { out.byte(UInt8(ascii: "|")) }
            if flags & 0x0020 != 0 { out.byte(UInt8(ascii: "$")) }
            if qd != 1 {
                out.text(" [")
                out.decimal(qd)
                out.text("q]")
            }
            for i in 0..<qd {
                if i != 0 { out.byte(UInt8(ascii: ",")) }
                if verbose > 1 {
                    out.text(" q:")
                    guard let c = try dnsQuestion(bp, cp, mdns: mdns) else { return printTruncated() }
                    cp = c
                } else {
                    guard let c = dnsSkipName(bp, cp) else { return printTruncated() }
                    cp = c + 4
                }
            }
            out.byte(0x20)
            out.decimal(an)
            out.byte(UInt8(ascii: "/"))
            out.decimal(ns)
            out.byte(UInt8(ascii: "/"))
            out.decimal(ar)
            if try !dnsSection(bp, &cp, count: &an, label: nil, mdns: mdns) { return printTruncated() }
            if verbose > 1 {
                if try !dnsSection(bp, &cp, count: &ns, label: " ns:", mdns: mdns) { return printTruncated() }
                if try !dnsSection(bp, &cp, count: &ar, label: " ar:", mdns: mdns) { return printTruncated() }
            }
        } else {
            out.decimal(id)
            opcodeText(opcode)
            if flags & 0x0100 != 0 { out.byte(UInt8(ascii: "+")) }
            if flags & 0x0010 != 0 { out.byte(UInt8(ascii: "%")) }
            if flags & 0x6cf != 0 {
                out.text(" [b2&3=0x")
                out.hex(flags)
                out.byte(UInt8(ascii: "]"))
            }
            if opcode == 1 {
                if qd != 0 { countNote(qd, "q]") }
                if an != 1 { countNote(an, "a]") }
            } else {
                if an != 0 { countNote(an, "a]") }
                if qd != 1 { countNote(qd, "q]") }
            }
            if ns != 0 { countNote(ns, "n]") }
            if ar != 0 { countNote(ar, "au]") }
            if qd > 0 {
                guard let c = try dnsQuestion(bp, cp, mdns: mdns) else { return printTruncated() }
                cp = c
                qd -= 1
                while cp < snap && qd > 0 {
                    guard let c = try dnsQuestion(bp, cp, mdns: mdns) else { return printTruncated() }
                    cp = c
                    qd -= 1
                }
            }
            if qd > 0 { return printTruncated() }
            if verbose > 1 {
                if try !dnsSection(bp, &cp, count: &an, label: nil, mdns: mdns) { return printTruncated() }
                if try !dnsSection(bp, &cp, count: &ns, label: " ns:", mdns: mdns) { return printTruncated() }
                if try !dnsSection(bp, &cp, count: &ar, label: " ar:", mdns: mdns) { return printTruncated() }
            }
        }
        out.text(" (")
        out.decimal(length)
        out.byte(UInt8(ascii: ")"))
    }

    private mutating func countNote(_ n: Int, _ suffix: StaticString) {
        out.text(" [")
        out.decimal(n)
        out.text(suffix)
    }

    private mutating func opcodeText(_ op: Int) {
        switch op {
        case 0: break
        case 1: out.text(" inv_q")
        case 2: out.text(" stat")
        case 3: out.text(" op3")
        case 4: out.text(" notify")
        case 5: out.text(" update")
        case 6: out.text(" op6")
        case 7: out.text(" op7")
        case 8: out.text(" op8")
        case 9: out.text(" updateA")
        case 10: out.text(" updateD")
        case 11: out.text(" updateDA")
        case 12: out.text(" updateM")
        case 13: out.text(" updateMA")
        case 14: out.text(" zoneInit")
        default: out.text(" zoneRef")
        }
    }

    private mutating func rcodeText(_ rcode: Int) {
        switch rcode {
        case 0: break
        case 1: out.text(" FormErr")
        case 2: out.text(" ServFail")
        case 3: out.text(" NXDomain")
        case 4: out.text(" NotImp")
        case 5: out.text(" Refused")
        case 6: out.text(" YXDomain")
        case 7: out.text(" YXRRSet")
        case 8: out.text(" NXRRSet")
        case 9: out.text(" NotAuth")
        case 10: out.text(" NotZone")
        case 15: out.text(" NoChange")
        case 16: out.text(" BadVers")
        case 17: out.text("Resp17")
        case 21: out.text("Resp21")
        case 23: out.text(" BadCookie")
        default:
            out.text(" Resp")
            out.decimal(rcode & 0xfff)
        }
    }
}
