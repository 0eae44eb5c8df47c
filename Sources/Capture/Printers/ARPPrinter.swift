/// ARP and RARP (tcpdump's `arp_print`). ATM ARP is not decoded.
extension Dissector {
    private mutating func arpProtocolAddress(_ ap: ByteView, offset: Int, pro: UInt16, pln: Int) throws(Truncated) {
        if pro != 0x0800 && pro != 0x1000 {
            out.text("<wrong proto type>")
        } else if pln != 4 {
            out.text("<wrong len>")
        } else {
            try ipv4Address(ap, offset)
        }
    }

    mutating func printARP(_ ap: ByteView, length: Int, caplen: Int) throws(Truncated) {
        proto = "arp"
        let header = try ARPHeader(ap)
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
            out.text(" (len ")
            out.decimal(hln)
            out.text("), ")
            if let n = Names.etherType(pro) {
                out.text(n)
            } else {
                out.text("Unknown Protocol (0x")
                out.hex(pro, width: 4)
                out.byte(UInt8(ascii: ")"))
            }
            out.text(" (len ")
            out.decimal(pln)
            out.byte(UInt8(ascii: ")"))
            if verbose == 0 {
                out.text(", length ")
                out.decimal(length)
                return
            }
        }
        if verbose > 0 { out.text(", ") }
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
        out.byte(0x20)
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
                out.text(" (")
                try linkAddress(ap, tha, count: hln)
                out.byte(UInt8(ascii: ")"))
            }
            out.text(" tell ")
            try arpProtocolAddress(ap, offset: spa, pro: pro, pln: pln)
        case 2:
            try arpProtocolAddress(ap, offset: spa, pro: pro, pln: pln)
            out.text(" is-at ")
            try linkAddress(ap, sha, count: hln)
        case 3, 8:
            out.text("who-is ")
            try linkAddress(ap, tha, count: hln)
            out.text(" tell ")
            try linkAddress(ap, sha, count: hln)
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
}
