/// Spanning-tree BPDUs (tcpdump's `stp_print`): 802.1D config and TCN, 802.1w RSTP; MSTP/SPB print their CIST
/// flags line only.
extension Dissector {
    private mutating func stpFlags(_ flags: UInt8) {
        var any = false
        func item(_ d: inout Dissector, _ bit: UInt8, _ name: StaticString) {
            guard flags & bit != 0 else { return }
            if any { d.out.text(", ") }
            d.out.text(name)
            any = true
        }
        item(&self, 0x01, "Topology change")
        item(&self, 0x02, "Proposal")
        item(&self, 0x10, "Learn")
        item(&self, 0x20, "Forward")
        item(&self, 0x40, "Agreement")
        item(&self, 0x80, "Topology change ACK")
        if !any { out.text("none") }
    }

    private mutating func bridgeID(_ v: ByteView, _ offset: Int) throws(Truncated) {
        out.hexByte(try v.u8(offset))
        out.hexByte(try v.u8(offset + 1))
        out.byte(UInt8(ascii: "."))
        for i in 2..<8 {
            if i > 2 { out.byte(UInt8(ascii: ":")) }
            out.hexByte(try v.u8(offset + i))
        }
    }

    /// `%.2f` of value/256 (glibc rounds exact ties to even).
    private mutating func stpTime(_ value: UInt16) {
        let n = UInt32(value) * 100
        var q = n / 256
        let r = n % 256
        if r * 2 > 256 || (r * 2 == 256 && q & 1 == 1) { q += 1 }
        out.decimal(q / 100)
        out.byte(UInt8(ascii: "."))
        out.unsignedDecimal(UInt64(q % 100), width: 2)
        out.byte(UInt8(ascii: "s"))
    }

    private mutating func portRole(_ flags: UInt8) {
        switch (flags & 0x0c) >> 2 {
        case 1: out.text("Alternate")
        case 2: out.text("Root")
        case 3: out.text("Designated")
        default: out.text("Unknown")
        }
    }

    private mutating func stpConfig(_ p: ByteView, length: Int) throws(Truncated) {
        let flags = try p.u8(4)
        out.text(", Flags [")
        stpFlags(flags)
        out.byte(UInt8(ascii: "]"))
        try p.check(17, 10)
        out.text(", bridge-id ")
        try bridgeID(p, 17)
        out.byte(UInt8(ascii: "."))
        out.hex(try p.u16(25), width: 4)
        out.text(", length ")
        out.decimal(length)
        guard verbose > 0 else { return }
        try p.check(27, 8)
        out.text("\n\tmessage-age ")
        stpTime(try p.u16(27))
        out.text(", max-age ")
        stpTime(try p.u16(29))
        out.text(", hello-time ")
        stpTime(try p.u16(31))
        out.text(", forwarding-delay ")
        stpTime(try p.u16(33))
        try p.check(5, 12)
        out.text("\n\troot-id ")
        try bridgeID(p, 5)
        out.text(", root-pathcost ")
        out.decimal(try p.u32(13))
        if try p.u8(2) == 2 {
            out.text(", port-role ")
            portRole(flags)
        }
    }

    mutating func printSTP(_ p: ByteView, length: Int) throws(Truncated) {
        proto = "stp"
        if length < 4 {
            printInvalid()
            return
        }
        if try p.u16(0) != 0 {
            out.text("unknown STP version, length ")
            out.decimal(length)
            return
        }
        let version = try p.u8(2)
        out.text("STP ")
        switch version {
        case 0: out.text("802.1d")
        case 2: out.text("802.1w")
        case 3: out.text("802.1s")
        case 4: out.text("802.1aq")
        default:
            out.text("Unknown STP protocol (0x")
            out.hex(version, width: 2)
            out.byte(UInt8(ascii: ")"))
            return
        }
        let type = try p.u8(3)
        out.text(", ")
        switch type {
        case 0x00: out.text("Config")
        case 0x02: out.text("Rapid STP")
        case 0x80: out.text("Topology Change")
        default:
            out.text("Unknown BPDU Type (0x")
            out.hex(type, width: 2)
            out.byte(UInt8(ascii: ")"))
        }
        switch type {
        case 0x00:
            if length < 35 {
                printInvalid()
                return
            }
            try stpConfig(p, length: length)
        case 0x02:
            if version == 2 {
                if length < 36 {
                    printInvalid()
                    return
                }
                try stpConfig(p, length: length)
            } else if version == 3 || version == 4 {
                let v1Length = try p.u8(35)
                if length < 102 || v1Length != 0 {
                    printInvalid()
                    return
                }
                let v3 = Int(try p.u16(36)) + 2
                if length < 36 + v3 {
                    printInvalid()
                    return
                }
                out.text(", CIST Flags [")
                stpFlags(try p.u8(4))
                out.text("], length ")
                out.decimal(length)
            }
        default:
            break
        }
    }
}
