/// TCP segments (tcpdump's `tcp_print`): flags, relative sequence numbers, window, options, payload length, and
/// the application protocols tcpdump recognises by port.
extension Dissector {
    private func addressWords(_ v: ByteView, _ offset: Int, count: Int) throws(Truncated) -> (UInt64, UInt64) {
        if count == 4 { return (UInt64(try v.u32(offset)), 0) }
        let hi = UInt64(try v.u32(offset)) << 32 | UInt64(try v.u32(offset + 4))
        let lo = UInt64(try v.u32(offset + 8)) << 32 | UInt64(try v.u32(offset + 12))
        return (hi, lo)
    }

    mutating func printTCP(_ tp: ByteView, length: Int, ip: IPContext) throws(Truncated) {
        proto = "tcp"
        guard tp.has(2, 2) else {
            try ipAddresses(ip, separator: ":")
            printTruncated()
            return
        }
        let sport = try tp.u16(0)
        let dport = try tp.u16(2)
        try ipAddressesAndPorts(ip, transport: 6, source: sport, destination: dport)
        guard tp.has(0, 20) else {
            printTruncated()
            return
        }
        let th = try TCPHeader(tp)
        var hlen = th.headerLength
        if hlen < 20 {
            out.text(" tcp ")
            out.decimal(length - hlen)
            out.text(" [bad hdr length ")
            out.decimal(hlen)
            out.text(" - too short, < 20]")
            return
        }
        var seq = th.sequence
        var ack = th.acknowledgment
        let win = th.window
        let urp = th.urgentPointer
        if quiet {
            out.text("tcp ")
            out.decimal(length - hlen)
            if hlen > length {
                out.text(" [bad hdr length ")
                out.decimal(hlen)
                out.text(" - too long, > ")
                out.decimal(length)
                out.byte(UInt8(ascii: "]"))
            }
            return
        }
        let flags = th.flags
        out.text("Flags [")
        if flags == 0 {
            out.text("none")
        } else {
            if flags & 0x01 != 0 { out.byte(UInt8(ascii: "F")) }
            if flags & 0x02 != 0 { out.byte(UInt8(ascii: "S")) }
            if flags & 0x04 != 0 { out.byte(UInt8(ascii: "R")) }
            if flags & 0x08 != 0 { out.byte(UInt8(ascii: "P")) }
            if flags & 0x10 != 0 { out.byte(UInt8(ascii: ".")) }
            if flags & 0x20 != 0 { out.byte(UInt8(ascii: "U")) }
            if flags & 0x40 != 0 { out.byte(UInt8(ascii: "E")) }
            if flags & 0x80 != 0 { out.byte(UInt8(ascii: "W")) }
        }
        out.byte(UInt8(ascii: "]"))

        var rev = false
        var thseq: UInt32 = 0
        var thack: UInt32 = 0
        if !options.absoluteSequence && flags & 0x10 != 0 {
            let v6 = ip.version == 6
            let size = v6 ? 16 : 4
            let src = try addressWords(ip.header, v6 ? 8 : 12, count: size)
            let dst = try addressWords(ip.header, v6 ? 24 : 16, count: size)
            if sport > dport {
                rev = true
            } else if sport == dport {
                rev = src > dst
            }
            let key = rev
                ? TCPSequenceTable.Key(source: dst, destination: src, ports: UInt32(dport) << 16 | UInt32(sport), v6: v6)
                : TCPSequenceTable.Key(source: src, destination: dst, ports: UInt32(sport) << 16 | UInt32(dport), v6: v6)
            let (b, found) = tcp.bases(for: key, reversed: rev, seq: seq, ack: ack, syn: flags & 0x02 != 0)
            if found {
                if rev {
                    seq &-= b.ack
                    ack &-= b.seq
                } else {
                    seq &-= b.seq
                    ack &-= b.ack
                }
            }
            thseq = b.seq
            thack = b.ack
        }
        if hlen > length {
            out.text(" [bad hdr length ")
            out.decimal(hlen)
            out.text(" - too long, > ")
            out.decimal(length)
            out.byte(UInt8(ascii: "]"))
            return
        }
        if verbose > 0 && !options.noChecksums && !ip.fragmented && tp.has(0, length) {
            let stored = th.checksum
            let pseudo = try pseudoHeaderSum(ip, transport: 6, length: length)
            let sum = InternetChecksum.finish(InternetChecksum.partialSum(tp, offset: 0, count: length, initial: pseudo))
            out.text(", cksum 0x")
            out.hex(stored, width: 4)
            if sum != 0 {
                out.text(" (incorrect -> 0x")
                out.hex(InternetChecksum.shouldBe(stored: stored, computed: sum), width: 4)
                out.byte(UInt8(ascii: ")"))
            } else {
                out.text(" (correct)")
            }
        }
        let payloadLength = length - hlen
        if verbose > 1 || payloadLength > 0 || flags & 0x07 != 0 {
            out.text(", seq ")
            out.decimal(seq)
            if payloadLength > 0 {
                out.byte(UInt8(ascii: ":"))
                out.decimal(seq &+ UInt32(truncatingIfNeeded: payloadLength))
            }
        }
        if flags & 0x10 != 0 {
            out.text(", ack ")
            out.decimal(ack)
        }
        out.text(", win ")
        out.decimal(win)
        if flags & 0x20 != 0 {
            out.text(", urg ")
            out.decimal(urp)
        }
        if hlen > 20 {
            hlen -= 20
            out.text(", options [")
            if try !printTCPOptions(tp.advanced(by: 20), length: hlen, rev: rev, thseq: thseq, thack: thack) {
                return
            }
            out.byte(UInt8(ascii: "]"))
        }
        out.text(", length ")
        out.decimal(payloadLength)
        if payloadLength <= 0 { return }
        let headerLength = th.headerLength
        if !tp.has(0, headerLength) {
            out.text(" [remaining caplen(")
            out.decimal(tp.available)
            out.text(") < header length(")
            out.decimal(headerLength)
            out.text(")]")
            throw Truncated()
        }
        let payload = tp.advanced(by: headerLength)
        if flags & 0x04 != 0 && verbose > 0 {
            printRSTData(payload, length: payloadLength)
            return
        }
        if sport == 80 || dport == 80 || sport == 8080 || dport == 8080 {
            out.text(": ")
            try printText(payload, length: payloadLength, protocolName: "HTTP", kind: .http)
        } else if sport == 53 || dport == 53 {
            try printDNS(payload, length: payloadLength, overTCP: true, mdns: false)
        }
    }

    private mutating func printRSTData(_ p: ByteView, length: Int) {
        out.text(p.has(0, length) ? " [RST" : " [!RST")
        var n = length
        if n > 30 {
            n = 30
            out.byte(UInt8(ascii: "+"))
        }
        out.byte(0x20)
        var i = 0
        while i < n && p.has(i, 1) {
            out.safeChar(p.packet[p.start + i])
            i += 1
        }
        out.byte(UInt8(ascii: "]"))
    }

    /// Prints the option list; false when printing stopped early (bad option or truncation already reported).
    private mutating func printTCPOptions(_ v: ByteView, length: Int, rev: Bool, thseq: UInt32, thack: UInt32)
        throws(Truncated) -> Bool
    {
        var hlen = length
        var cp = 0
        var separator = false
        while hlen > 0 {
            if separator { out.byte(UInt8(ascii: ",")) }
            let opt = try v.u8(cp)
            cp += 1
            var len = 1
            if opt != 0 && opt != 1 {
                len = Int(try v.u8(cp))
                cp += 1
                if len < 2 || len > hlen {
                    badOption(separator)
                    return false
                }
                hlen -= 1
            }
            hlen -= 1
            var datalen = 0
            // tcpdump's LENCHECK: "[bad opt]" when the option is shorter than its data, " [|tcp]" when the data
            // was not captured; both end the option list.
            func lencheck(_ l: Int, _ d: inout Dissector) -> Bool {
                if l > hlen {
                    d.badOption(separator)
                    return false
                }
                if !v.has(cp, l) {
                    d.printTruncated()
                    if separator { d.out.byte(UInt8(ascii: ">")) }
                    return false
                }
                return true
            }
            switch opt {
            case 0: out.text("eol")
            case 1: out.text("nop")
            case 2: out.text("mss")
            case 3: out.text("wscale")
            case 4: out.text("sackOK")
            case 5: out.text("sack")
            case 6: out.text("echo")
            case 7: out.text("echoreply")
            case 8: out.text("TS")
            case 11: out.text("cc")
            case 12: out.text("ccnew")
            case 13: break
            case 19: out.text("md5")
            case 20: out.text("scps")
            case 28: out.text("uto")
            case 29: out.text("tcp-ao")
            case 30: out.text("mptcp")
            case 34: out.text("tfo")
            case 254: out.text("exp")
            default:
                out.text("unknown-")
                out.decimal(opt)
            }
            switch opt {
            case 2:
                datalen = 2
                guard lencheck(datalen, &self) else { return false }
                out.byte(0x20)
                out.decimal(try v.u16(cp))
            case 3:
                datalen = 1
                guard lencheck(datalen, &self) else { return false }
                out.byte(0x20)
                out.decimal(try v.u8(cp))
            case 5:
                datalen = len - 2
                if datalen % 8 != 0 {
                    out.text(" invalid sack")
                } else {
                    out.byte(0x20)
                    out.decimal(datalen / 8)
                    out.byte(0x20)
                    var i = 0
                    while i < datalen {
                        guard lencheck(i + 4, &self) else { return false }
                        var s = try v.u32(cp + i)
                        guard lencheck(i + 8, &self) else { return false }
                        var e = try v.u32(cp + i + 4)
                        if rev {
                            s &-= thseq
                            e &-= thseq
                        } else {
                            s &-= thack
                            e &-= thack
                        }
                        out.byte(UInt8(ascii: "{"))
                        out.decimal(s)
                        out.byte(UInt8(ascii: ":"))
                        out.decimal(e)
                        out.byte(UInt8(ascii: "}"))
                        i += 8
                    }
                }
            case 11, 12, 13, 6, 7:
                datalen = 4
                guard lencheck(datalen, &self) else { return false }
                out.byte(0x20)
                out.decimal(try v.u32(cp))
            case 8:
                datalen = 8
                guard lencheck(datalen, &self) else { return false }
                out.text(" val ")
                out.decimal(try v.u32(cp))
                out.text(" ecr ")
                out.decimal(try v.u32(cp + 4))
            case 19:
                datalen = 16
                guard lencheck(datalen, &self) else { return false }
                out.text(" shared secret not supplied with -M, can't check - ")
                for i in 0..<16 { out.hexByte(try v.u8(cp + i)) }
            case 20:
                datalen = 2
                guard lencheck(datalen, &self) else { return false }
                out.text(" cap ")
                out.hex(try v.u8(cp), width: 2)
                out.text(" id ")
                out.decimal(try v.u8(cp + 1))
            case 0, 1, 4:
                break
            case 28:
                datalen = 2
                guard lencheck(datalen, &self) else { return false }
                var uto = UInt32(try v.u16(cp))
                out.text(" 0x")
                out.hex(uto)
                if uto & 1 != 0 { uto = (uto >> 1) * 60 } else { uto >>= 1 }
                out.byte(0x20)
                out.decimal(uto)
            default:
                datalen = len - 2
                if datalen > 0 { out.text(" 0x") }
                for i in 0..<max(0, datalen) {
                    guard lencheck(i + 1, &self) else { return false }
                    out.hexByte(try v.u8(cp + i))
                }
            }
            cp += datalen
            hlen -= datalen
            var expected = datalen + 1
            if opt != 0 && opt != 1 { expected += 1 }
            if expected != len {
                out.text("[len ")
                out.decimal(len)
                out.byte(UInt8(ascii: "]"))
            }
            separator = true
            if opt == 0 { break }
        }
        return true
    }

    private mutating func badOption(_ separator: Bool) {
        out.text("[bad opt]")
        if separator { out.byte(UInt8(ascii: "]")) }
    }
}
