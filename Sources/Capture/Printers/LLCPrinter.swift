/// IEEE 802.2 LLC and SNAP headers (tcpdump's `llc_print`/`snap_print`), for 802.3 frames and cooked captures.
extension Dissector {
    private static func sapName(_ sap: UInt8) -> StaticString? {
        switch sap {
        case 0x00: return "Null"
        case 0xff: return "Global"
        case 0x02: return "802.1B I"
        case 0x03: return "802.1B G"
        case 0x06: return "IP"
        case 0x04: return "SNA"
        case 0x0e: return "ProWay NM"
        case 0x42: return "STP"
        case 0x4e: return "RS511"
        case 0x7e: return "ISO8208"
        case 0x8e: return "ProWay"
        case 0xaa: return "SNAP"
        case 0xe0: return "IPX"
        case 0xf0: return "NetBeui"
        case 0xfe: return "OSI"
        default: return nil
        }
    }

    private mutating func sapText(_ sap: UInt8, unknown: StaticString) {
        if let n = Dissector.sapName(sap) {
            out.text(n)
        } else {
            out.text(unknown)
            out.hex(sap, width: 2)
        }
    }

    private mutating func llcFlag(_ v: UInt16) {
        switch v {
        case 0: out.text("Command")
        case 1: out.text("Response")
        case 0x10, 0x100: out.text("Poll")
        case 0x11, 0x101: out.text("Final")
        default: out.text("?")
        }
    }

    private static func ouiName(_ oui: UInt32) -> StaticString? {
        switch oui {
        case 0x000000: return "Ethernet"
        case 0x00000c: return "Cisco"
        case 0x0000f8: return "Cisco bridged"
        case 0x0080c2: return "Ethernet bridged"
        case 0x080007: return "Appletalk"
        case 0x00a0c9: return "Juniper"
        default: return nil
        }
    }

    /// Prints an LLC header and what follows. Returns the header length when the payload was decoded, or minus the
    /// header length when the caller should dump the frame raw (tcpdump's convention).
    mutating func printLLC(_ p: ByteView, length: Int, caplen: Int, frame: ByteView? = nil) throws(Truncated) -> Int {
        proto = "llc"
        if caplen < 3 || length < 3 {
            printTruncated()
            defaultPrint(p, count: caplen)
            return min(caplen, length)
        }
        let dsapField = try p.u8(0)
        let ssapField = try p.u8(1)
        var control = UInt16(try p.u8(2))
        let isU = control & 3 == 3
        var hdrlen = 3
        if !isU {
            if caplen < 4 || length < 4 {
                printTruncated()
                defaultPrint(p, count: caplen)
                return min(caplen, length)
            }
            control = UInt16(try p.u8(2)) | UInt16(try p.u8(3)) << 8
            hdrlen = 4
        }
        if dsapField == 0xff && ssapField == 0xff {
            if eflag { out.text("IPX 802.3: ") }
            out.text("IPX")  // IPX itself is not decoded
            return 0
        }
        let dsap = dsapField & 0xfe
        let ssap = ssapField & 0xfe
        if eflag {
            out.text("LLC, dsap ")
            if let n = Dissector.sapName(dsap) { out.text(n) } else { out.text("Unknown") }
            out.text(" (0x")
            out.hex(dsap, width: 2)
            out.text(dsapField & 1 == 0 ? ") Individual, ssap " : ") Group, ssap ")
            if let n = Dissector.sapName(ssap) { out.text(n) } else { out.text("Unknown") }
            out.text(" (0x")
            out.hex(ssap, width: 2)
            out.text(ssapField & 1 == 0 ? ") Command" : ") Response")
            out.text(", ctrl 0x")
            out.hex(control, width: isU ? 2 : 4)
            out.text(": ")
        }
        let rest = p.advanced(by: hdrlen)
        let restLength = length - hdrlen
        let restCaplen = caplen - hdrlen
        if ssap == 0xaa && dsap == 0xaa && control == 3 {
            return try printSNAP(rest, length: restLength, caplen: restCaplen, frame: frame) ? hdrlen + 5 : -(hdrlen + 5)
        }
        if ssap == 0x42 && dsap == 0x42 && control == 3 {
            try printSTP(rest, length: restLength)
            return hdrlen
        }
        if ssap == 0x06 && dsap == 0x06 && control == 3 {
            try printIPv4(rest, length: restLength)
            return hdrlen
        }
        if !eflag {
            if ssap == dsap {
                if let frame {
                    try macAddress(frame, 6)
                    out.text(" > ")
                    try macAddress(frame, 0)
                    out.byte(0x20)
                }
                sapText(dsap, unknown: "Unknown DSAP 0x")
                out.byte(0x20)
            } else {
                if let frame {
                    try macAddress(frame, 6)
                    out.byte(0x20)
                }
                sapText(ssap, unknown: "Unknown SSAP 0x")
                out.text(" > ")
                if let frame {
                    try macAddress(frame, 0)
                    out.byte(0x20)
                }
                sapText(dsap, unknown: "Unknown DSAP 0x")
                out.byte(0x20)
            }
        }
        let gsap = UInt16(ssapField & 1)
        if isU {
            out.text("Unnumbered, ")
            switch control & 0xef {
            case 0x03: out.text("ui")
            case 0xe3: out.text("test")
            case 0xaf: out.text("xid")
            case 0x63: out.text("ua")
            case 0x43: out.text("disc")
            case 0x0f: out.text("dm")
            case 0x6f: out.text("sabme")
            case 0x87: out.text("frmr")
            default: out.hex(control & 0xef, width: 2)
            }
            out.text(", Flags [")
            llcFlag(gsap | (control & 0x10))
            out.text("], length ")
            out.decimal(restLength + hdrlen)
            if control & ~0x10 == 0xaf {
                if restLength == 0 { return hdrlen }
                if restCaplen < 1 {
                    printTruncated()
                    return hdrlen
                }
                if try rest.u8(0) == 0x81 {
                    if restCaplen < 3 || restLength < 3 {
                        printTruncated()
                        if restCaplen > 0 { defaultPrint(rest, count: restCaplen) }
                    } else {
                        out.text(": ")
                        out.hex(try rest.u8(1), width: 2)
                        out.byte(0x20)
                        out.hex(try rest.u8(2), width: 2)
                    }
                    return hdrlen
                }
            }
        } else if control & 1 == 1 {
            out.text("Supervisory, ")
            switch (control >> 2) & 3 {
            case 0: out.text("Receiver Ready")
            case 1: out.text("Receiver not Ready")
            case 2: out.text("Reject")
            default: out.text("?")
            }
            out.text(", rcv seq ")
            out.decimal((control >> 9) & 0x7f)
            out.text(", Flags [")
            llcFlag(gsap | (control & 0x100))
            out.text("], length ")
            out.decimal(restLength + hdrlen)
            return hdrlen
        } else {
            out.text("Information, send seq ")
            out.decimal((control >> 1) & 0x7f)
            out.text(", rcv seq ")
            out.decimal((control >> 9) & 0x7f)
            out.text(", Flags [")
            llcFlag(gsap | (control & 0x100))
            out.text("], length ")
            out.decimal(restLength + hdrlen)
        }
        return -hdrlen
    }

    /// SNAP: OUI and protocol id; true when the payload was decoded.
    private mutating func printSNAP(_ p: ByteView, length: Int, caplen: Int, frame: ByteView?) throws(Truncated)
        -> Bool
    {
        proto = "snap"
        guard p.has(0, 5), caplen >= 5, length >= 5 else {
            printTruncated()
            return true
        }
        let oui = try p.u24(0)
        let et = try p.u16(3)
        if eflag {
            out.text("oui ")
            if let n = Dissector.ouiName(oui) { out.text(n) } else { out.text("Unknown") }
            out.text(" (0x")
            out.hex(oui, width: 6)
            out.text(oui == 0 ? "), ethertype " : "), pid ")
            if oui == 0, let n = Names.etherType(et) { out.text(n) } else { out.text("Unknown") }
            out.text(" (0x")
            out.hex(et, width: 4)
            out.text("), length ")
            out.decimal(length - 5)
            out.text(": ")
        }
        let rest = p.advanced(by: 5)
        if oui == 0 || oui == 0x0000f8 {
            if try printEtherType(et, rest, length: length - 5, caplen: caplen - 5) { return true }
        }
        if !eflag {
            if let frame {
                try macAddress(frame, 6)
                out.text(" > ")
                try macAddress(frame, 0)
                out.byte(0x20)
            }
            if oui == 0 {
                out.text("SNAP, ethertype ")
                if let n = Names.etherType(et) { out.text(n) } else { out.text("Unknown") }
                out.text(" (0x")
                out.hex(et, width: 4)
                out.text("), length ")
            } else {
                out.text("SNAP, oui ")
                if let n = Dissector.ouiName(oui) { out.text(n) } else { out.text("Unknown") }
                out.text(" (0x")
                out.hex(oui, width: 6)
                out.text("), pid Unknown (0x")
                out.hex(et, width: 4)
                out.text("), length ")
            }
            out.decimal(length - 5)
            out.text(": ")
        }
        return false
    }
}
