/// ARP and RARP (tcpdump's `arp_print`). ATM ARP is not decoded.
extension Dissector {
    /// A protocol address: IPv4 when the protocol type is IP and the length 4, else tcpdump's complaint.
    private mutating func arpProtocolAddress(_ ap: ByteView, offset: Int, pro: UInt16, pln: Int,
                                             wrong: StaticString = "<wrong len>") throws(Truncated) {
        if pro != 0x0800 && pro != 0x1000 {
            out.text("<wrong proto type>")
        } else if pln != 4 {
            out.text(wrong)
        } else {
            try ipv4Address(ap, offset)
        }
    }

    mutating func printARP(_ ap: ByteView, length: Int, caplen: Int) throws(Truncated) {
        proto = "arp"
        let header = try ARPHeader(ap)
        if header.hardwareType == 19 {
            try printATMARP(ap, length: length, caplen: caplen)
            return
        }
        let hrd = header.hardwareType
        let pro = header.protocolType
        let op = header.operation
        let hln = header.hardwareLength
        let pln = header.protocolLength
        let sha = header.senderHardwareOffset
        let spa = header.senderProtocolOffset
        let tha = header.targetHardwareOffset
        let tpa = header.targetProtocolOffset
        try ap.check(tpa, pln)
        if !eflag { out.text("ARP, ") }
        if (pro != 0x0800 && pro != 0x1000) || pln != 4 || hln == 0 || verbose > 0 {
            hardwareName(hrd)
            out.text(" (len ")
            out.decimal(hln)
            out.text("), ")
            protocolTypeName(pro)
            out.text(" (len ")
            out.decimal(pln)
            out.byte(UInt8(ascii: ")"))
            if verbose == 0 {
                out.text(", length ")
                out.decimal(length)
                return
            }
        }
        operation(op)
        switch op {
        case 1:
            out.text("who-has ")
            try arpProtocolAddress(ap, offset: tpa, pro: pro, pln: pln)
            var nonzero = false
            for i in 0..<hln {
                if try ap.u8(tha + i) != 0 {
                    nonzero = true
                    break
                }
            }
            if nonzero {
                try linkAddress(ap, tha, count: hln, prefix: " (")
                out.byte(UInt8(ascii: ")"))
            }
            out.text(" tell ")
            try arpProtocolAddress(ap, offset: spa, pro: pro, pln: pln)
        case 2:
            try arpProtocolAddress(ap, offset: spa, pro: pro, pln: pln)
            try linkAddress(ap, sha, count: hln, prefix: " is-at ")
        case 3, 8:
            try linkAddress(ap, tha, count: hln, prefix: "who-is ")
            try linkAddress(ap, sha, count: hln, prefix: " tell ")
        case 4:
            try linkAddress(ap, tha, count: hln)
            out.text(" at ")
            try arpProtocolAddress(ap, offset: tpa, pro: pro, pln: pln)
        case 9:
            try linkAddress(ap, sha, count: hln)
            out.text(" at ")
            try arpProtocolAddress(ap, offset: spa, pro: pro, pln: pln)
        default:
            defaultPrint(ap, count: caplen)
            return
        }
        out.text(", length ")
        out.decimal(length)
    }

    private mutating func hardwareName(_ hrd: UInt16) {
        switch hrd {
        case 1: out.text("Ethernet")
        case 6: out.text("TokenRing")
        case 7: out.text("ArcNet")
        case 15: out.text("FrameRelay")
        case 23: out.text("Strip")
        case 24: out.text("IEEE 1394")
        case 19: out.text("ATM")
        case 32: out.text("InfiniBand")
        default:
            out.text("Unknown Hardware (")
            out.decimal(hrd)
            out.byte(UInt8(ascii: ")"))
        }
    }

    private mutating func protocolTypeName(_ pro: UInt16) {
        if let n = Names.etherType(pro) {
            out.text(n)
        } else {
            out.text("Unknown Protocol (0x")
            out.hex(pro, width: 4)
            out.byte(UInt8(ascii: ")"))
        }
    }

    /// The operation (after `, ` with -v) and a space.
    private mutating func operation(_ op: UInt16) {
        if verbose > 0 { out.text(", ") }
        defer { out.byte(0x20) }
        switch op {
        case 1: out.text("Request")
        case 2: out.text("Reply")
        case 3: out.text("Reverse Request")
        case 4: out.text("Reverse Reply")
        case 8: out.text("Inverse Request")
        case 9: out.text("Inverse Reply")
        case 10: out.text("NACK Reply")
        default:
            out.text("Unknown (")
            out.decimal(op)
            out.byte(UInt8(ascii: ")"))
        }
    }

    private mutating func atmAddress(_ ap: ByteView, _ ha: Int, _ haLen: Int, _ sa: Int, _ saLen: Int)
        throws(Truncated)
    {
        if haLen == 0 {
            out.text("<No address>")
            return
        }
        try linkAddress(ap, ha, count: haLen)
        if saLen != 0 {
            try linkAddress(ap, sa, count: saLen, prefix: ",")
        }
    }

    /// ATM ARP (RFC 2225), hardware type 19.
    private mutating func printATMARP(_ ap: ByteView, length: Int, caplen: Int) throws(Truncated) {
        try ap.check(0, 12)
        let hrd = try ap.u16(0)
        let pro = try ap.u16(2)
        let shl = Int(try ap.u8(4) & 0x3f)
        let ssl = Int(try ap.u8(5) & 0x3f)
        let op = try ap.u16(6)
        let spl = Int(try ap.u8(8))
        let thl = Int(try ap.u8(9) & 0x3f)
        let tsl = Int(try ap.u8(10) & 0x3f)
        let tpl = Int(try ap.u8(11))
        let sha = 12
        let ssa = sha + shl
        let spa = ssa + ssl
        let tha = spa + spl
        let tsa = tha + thl
        let tpa = tsa + tsl
        try ap.check(tpa, tpl)
        if !eflag { out.text("ARP, ") }
        if (pro != 0x0800 && pro != 0x1000) || spl != 4 || tpl != 4 || verbose > 0 {
            hardwareName(hrd)
            out.text(", ")
            protocolTypeName(pro)
            out.text(" (len ")
            out.decimal(spl)
            out.byte(UInt8(ascii: "/"))
            out.decimal(tpl)
            out.byte(UInt8(ascii: ")"))
            if verbose == 0 {
                out.text(", length ")
                out.decimal(length)
                return
            }
        }
        operation(op)
        switch op {
        case 1:
            out.text("who-has ")
            try arpProtocolAddress(ap, offset: tpa, pro: pro, pln: tpl, wrong: "<wrong tplen>")
            if thl != 0 {
                out.text(" (")
                try atmAddress(ap, tha, thl, tsa, tsl)
                out.byte(UInt8(ascii: ")"))
            }
            out.text(" tell ")
            try arpProtocolAddress(ap, offset: spa, pro: pro, pln: spl, wrong: "<wrong splen>")
        case 2:
            try arpProtocolAddress(ap, offset: spa, pro: pro, pln: spl, wrong: "<wrong splen>")
            out.text(" is-at ")
            try atmAddress(ap, sha, shl, ssa, ssl)
        case 8:
            out.text("who-is ")
            try atmAddress(ap, tha, thl, tsa, tsl)
            out.text(" tell ")
            try atmAddress(ap, sha, shl, ssa, ssl)
        case 9:
            try atmAddress(ap, sha, shl, ssa, ssl)
            out.text("at ")
            try arpProtocolAddress(ap, offset: spa, pro: pro, pln: spl, wrong: "<wrong splen>")
        case 10:
            out.text("for ")
            try arpProtocolAddress(ap, offset: spa, pro: pro, pln: spl, wrong: "<wrong splen>")
        default:
            defaultPrint(ap, count: caplen)
            return
        }
        out.text(", length ")
        out.decimal(length)
    }
}
