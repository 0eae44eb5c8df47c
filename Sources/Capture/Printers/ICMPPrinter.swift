/// ICMP for IPv4 (tcpdump's `icmp_print`), with the quoted datagram of error messages at `-v`.
extension Dissector {
    private enum Described { case done, localTruncation }

    /// Appends the type-specific description; returns `.localTruncation` where tcpdump jumps to its own
    /// ` [|icmp]` label instead of abandoning the packet.
    private mutating func describeICMP(_ dp: ByteView, type: UInt8, code: UInt8) throws(Truncated) -> Described {
        func unreach(_ d: inout Dissector, _ before: StaticString, _ after: StaticString) throws(Truncated) {
            d.out.text(before)
            try d.ipv4Address(dp, 24)
            d.out.text(after)
        }
        switch type {
        case 0, 8:
            out.text(type == 8 ? "echo request, id " : "echo reply, id ")
            let id = try dp.u16(4)
            let seq = try dp.u16(6)
            out.decimal(id)
            out.text(", seq ")
            out.decimal(seq)
        case 3:
            switch code {
            case 0: try unreach(&self, "net ", " unreachable")
            case 1: try unreach(&self, "host ", " unreachable")
            case 2:
                try unreach(&self, "", " protocol ")
                out.decimal(try dp.u8(17))
                out.text(" unreachable")
            case 3:
                guard dp.has(17, 1) else { return .localTruncation }
                let hlen = Int(try dp.u8(8) & 0x0f) * 4
                let port = try dp.u16(8 + hlen + 2)
                let p = try dp.u8(17)
                try ipv4Address(dp, 24)
                unreachablePort(port, protocol: p)
                out.text(" unreachable")
            case 4:
                let mtu = try dp.u16(6)
                try ipv4Address(dp, 24)
                out.text(" unreachable - need to frag")
                if mtu != 0 {
                    out.text(" (mtu ")
                    out.decimal(mtu)
                    out.byte(UInt8(ascii: ")"))
                }
            case 5: try unreach(&self, "", " unreachable - source route failed")
            case 6: try unreach(&self, "net ", " unreachable - unknown")
            case 7: try unreach(&self, "host ", " unreachable - unknown")
            case 8: try unreach(&self, "", " unreachable - source host isolated")
            case 9: try unreach(&self, "net ", " unreachable - admin prohibited")
            case 10: try unreach(&self, "host ", " unreachable - admin prohibited")
            case 11: try unreach(&self, "net ", " unreachable - tos prohibited")
            case 12: try unreach(&self, "host ", " unreachable - tos prohibited")
            case 13: try unreach(&self, "host ", " unreachable - admin prohibited filter")
            case 14: try unreach(&self, "host ", " unreachable - host precedence violation")
            case 15: try unreach(&self, "host ", " unreachable - precedence cutoff")
            default:
                try unreach(&self, "", " unreachable - #")
                out.decimal(code)
            }
        case 5:
            let gw = try dp.u32(4)
            switch code {
            case 0: out.text("redirect ")
            case 1: out.text("redirect ")
            case 2: out.text("redirect-tos ")
            case 3: out.text("redirect-tos ")
            default:
                out.text("redirect-#")
                out.decimal(code)
                out.byte(0x20)
            }
            try ipv4Address(dp, 24)
            switch code {
            case 0, 2: out.text(" to net ")
            case 1, 3: out.text(" to host ")
            default: out.text(" to ")
            }
            out.ipv4(gw)
        case 9:
            out.text("router advertisement lifetime ")
            guard dp.has(4, 4) else { return .localTruncation }
            let lifetime = Int(try dp.u16(6))
            if lifetime < 60 {
                out.decimal(lifetime)
            } else if lifetime < 3600 {
                out.decimal(lifetime / 60)
                out.byte(UInt8(ascii: ":"))
                out.unsignedDecimal(UInt64(lifetime % 60), width: 2)
            } else {
                out.decimal(lifetime / 3600)
                out.byte(UInt8(ascii: ":"))
                out.unsignedDecimal(UInt64((lifetime % 3600) / 60), width: 2)
                out.byte(UInt8(ascii: ":"))
                out.unsignedDecimal(UInt64(lifetime % 60), width: 2)
            }
            var num = Int(try dp.u8(4))
            out.byte(0x20)
            out.decimal(num)
            out.byte(UInt8(ascii: ":"))
            let size = try dp.u8(5)
            if size != 2 {
                out.text(" [size ")
                out.decimal(size)
                out.byte(UInt8(ascii: "]"))
                break
            }
            var off = 8
            while num > 0 {
                guard dp.has(off, 8) else { return .localTruncation }
                out.text(" {")
                try ipv4Address(dp, off)
                out.byte(0x20)
                out.decimal(try dp.u32(off + 4))
                out.byte(UInt8(ascii: "}"))
                off += 8
                num -= 1
            }
        case 11:
            guard dp.has(24, 4) else { return .localTruncation }
            switch code {
            case 0: out.text("time exceeded in-transit")
            case 1: out.text("ip reassembly time exceeded")
            default:
                out.text("time exceeded-#")
                out.decimal(code)
            }
        case 12:
            if code != 0 {
                out.text("parameter problem - code ")
                out.decimal(code)
            } else {
                out.text("parameter problem - octet ")
                out.decimal(try dp.u8(4))
            }
        case 18:
            let mask = try dp.u32(8)
            out.text("address mask is 0x")
            out.hex(mask, width: 8)
        case 13:
            out.text("time stamp query id ")
            let id = try dp.u16(4)
            let seq = try dp.u16(6)
            out.decimal(id)
            out.text(" seq ")
            out.decimal(seq)
        case 14:
            guard dp.has(16, 4) else { return .localTruncation }
            out.text("time stamp reply id ")
            out.decimal(try dp.u16(4))
            out.text(" seq ")
            out.decimal(try dp.u16(6))
            out.text(": org ")
            clockOfDay(try dp.u32(8))
            out.text(", recv ")
            clockOfDay(try dp.u32(12))
            out.text(", xmit ")
            clockOfDay(try dp.u32(16))
        case 4: out.text("source quench")
        case 10: out.text("router solicitation")
        case 15: out.text("information request")
        case 16: out.text("information reply")
        case 17: out.text("address mask request")
        default:
            out.text("type-#")
            out.decimal(type)
        }
        return .done
    }

    private mutating func clockOfDay(_ ms: UInt32) {
        let msec = ms % 1000
        var sec = ms / 1000
        var min = sec / 60
        sec -= min * 60
        let hrs = min / 60
        min -= hrs * 60
        out.unsignedDecimal(UInt64(hrs), width: 2)
        out.byte(UInt8(ascii: ":"))
        out.unsignedDecimal(UInt64(min), width: 2)
        out.byte(UInt8(ascii: ":"))
        out.unsignedDecimal(UInt64(sec), width: 2)
        out.byte(UInt8(ascii: "."))
        out.unsignedDecimal(UInt64(msec), width: 3)
    }

    mutating func printICMP(_ dp: ByteView, length plen: Int, ip: IPContext) throws(Truncated) {
        proto = "icmp"
        let type = try dp.u8(0)
        let code = try dp.u8(1)
        let mark = out.count
        out.text("ICMP ")
        let described: Described
        do {
            described = try describeICMP(dp, type: type, code: code)
        } catch {
            out.truncate(to: mark)
            throw error
        }
        if described == .localTruncation {
            out.truncate(to: mark)
            printTruncated()
            return
        }
        out.text(", length ")
        out.decimal(plen)
        if verbose > 0 && !ip.fragmented && dp.has(0, plen) {
            let sum = InternetChecksum.finish(InternetChecksum.partialSum(dp, offset: 0, count: plen))
            if sum != 0 {
                let stored = try dp.u16(2)
                out.text(" (wrong icmp cksum ")
                out.hex(stored)
                out.text(" (->")
                out.hex(InternetChecksum.shouldBe(stored: stored, computed: sum))
                out.text(")!)")
            }
        }
        let isError = type == 3 || type == 4 || type == 5 || type == 11 || type == 12
        if verbose > 0 && isError {
            out.text("\n\t")
            let inner = dp.advanced(by: 8)
            let innerLength = Int(try inner.u16(2))
            try printIPv4(inner.limited(to: innerLength), length: innerLength)
        }
        proto = "icmp"
        if verbose > 0 && plen > 136 && (type == 3 || type == 11 || type == 12) {
            guard dp.has(0, 141) else {
                printTruncated()
                return
            }
            if try dp.u8(5) == 0 && dp.has(136, plen - 136) {
                let sum = InternetChecksum.finish(InternetChecksum.partialSum(dp, offset: 136, count: plen - 136))
                if sum != 0 { return }
            }
            let version = try dp.u8(136) >> 4
            out.text("\n\tICMP Multi-Part extension v")
            out.decimal(version)
            if version != 2 {
                out.text(" packet not supported")
                return
            }
            var hlen = plen - 136
            if dp.has(136, hlen) {
                let sum = InternetChecksum.finish(InternetChecksum.partialSum(dp, offset: 136, count: hlen))
                out.text(", checksum 0x")
                out.hex(try dp.u16(138), width: 4)
                out.text(sum != 0 ? " (incorrect), length " : " (correct), length ")
                out.decimal(hlen)
            }
            hlen -= 4
            var obj = 140
            while hlen > 4 {
                guard dp.has(obj, 4) else {
                    printTruncated()
                    return
                }
                var objLength = Int(try dp.u16(obj))
                let classNum = try dp.u8(obj + 2)
                let ctype = try dp.u8(obj + 3)
                obj += 4
                out.text("\n\t  ")
                switch classNum {
                case 1: out.text("MPLS Stack Entry")
                case 2: out.text("Interface Identification")
                default: out.text("unknown")
                }
                out.text(" Object (")
                out.decimal(classNum)
                out.text("), Class-Type: ")
                out.decimal(ctype)
                out.text(", length ")
                out.decimal(objLength)
                hlen -= 4
                if classNum == 0 || objLength < 4 { return }
                objLength -= 4
                if classNum == 1 && ctype == 1 {
                    let label = try dp.u32(obj)
                    out.text("\n\t    label ")
                    out.decimal(label >> 12)
                    out.text(", tc ")
                    out.decimal((label >> 9) & 7)
                    if label & 0x100 != 0 { out.text(", [S]") }
                    out.text(", ttl ")
                    out.decimal(label & 0xff)
                } else {
                    try unknownData(dp.advanced(by: obj), indent: "\n\t    ", length: objLength)
                }
                if hlen < objLength { break }
                hlen -= objLength
                obj += objLength
            }
        }
    }

    /// tcpdump's `print_unknown_data`: a hex dump of what was captured of `length` bytes.
    mutating func unknownData(_ v: ByteView, indent: StaticString, length: Int) throws(Truncated) {
        if v.start > v.end {
            out.text(indent)
            out.text("Dissector error: print_unknown_data called with pointer past end of packet")
            return
        }
        let n = min(max(0, length), v.available)
        HexDump.hex(v.packet, from: v.start, count: n, indent: indent, into: &out)
    }
}
