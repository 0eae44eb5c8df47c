/// IGMP v1/v2/v3 (tcpdump's `igmp_print`); DVMRP, PIMv1 and mtrace bodies are not decoded.
extension Dissector {
    mutating func printIGMP(_ bp: ByteView, length len: Int) throws(Truncated) {
        proto = "igmp"
        if quiet {
            out.text("igmp")
            return
        }
        let type = try bp.u8(0)
        switch type {
        case 0x11:
            out.text("igmp query")
            if len >= 12 {
                try igmpV3Query(bp, length: len)
            } else {
                let code = try bp.u8(1)
                if code != 0 {
                    out.text(" v2")
                    if code != 100 {
                        out.text(" [max resp time ")
                        out.decimal(code)
                        out.byte(UInt8(ascii: "]"))
                    }
                } else {
                    out.text(" v1")
                }
                if try bp.u32(4) != 0 {
                    try ipv4Address(bp, 4, prefix: " [gaddr ")
                    out.byte(UInt8(ascii: "]"))
                }
                if len != 8 {
                    out.text(" [len ")
                    out.decimal(len)
                    out.byte(UInt8(ascii: "]"))
                }
            }
        case 0x12:
            try ipv4Address(bp, 4, prefix: "igmp v1 report ")
            if len != 8 {
                out.text(" [len ")
                out.decimal(len)
                out.byte(UInt8(ascii: "]"))
            }
        case 0x16:
            try ipv4Address(bp, 4, prefix: "igmp v2 report ")
        case 0x22:
            out.text("igmp v3 report")
            try igmpV3Report(bp, length: len)
        case 0x17:
            try ipv4Address(bp, 4, prefix: "igmp leave ")
        case 0x13:
            out.text("igmp dvmrp")
            if len < 8 {
                out.text(" [len ")
                out.decimal(len)
                out.byte(UInt8(ascii: "]"))
            }
        case 0x14:
            out.text("igmp pimv1")
        default:
            out.text("igmp-")
            out.decimal(type)
        }
        if verbose > 0 && len >= 4 && bp.has(0, len) {
            if InternetChecksum.finish(InternetChecksum.partialSum(bp, offset: 0, count: len)) != 0 {
                out.text(" bad igmp cksum ")
                out.hex(try bp.u16(2))
                out.byte(UInt8(ascii: "!"))
            }
        }
    }

    private mutating func igmpV3Report(_ bp: ByteView, length len: Int) throws(Truncated) {
        if len < 16 || len & 3 != 0 {
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
            if len < group + 8 {
                out.text(" [invalid number of groups]")
                return
            }
            try ipv4Address(bp, group + 4, prefix: " [gaddr ")
            out.byte(0x20)
            let rtype = try bp.u8(group)
            out.groupRecordType(rtype, unknownPrefix: " [v3-report-#")
            let sources = Int(try bp.u16(group + 2))
            if len < group + 8 + (sources << 2) {
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
                    try ipv4Address(bp, group + 8 + (j << 2), prefix: " ")
                }
                out.text(" }")
            }
            group += 8 + (sources << 2)
            out.byte(UInt8(ascii: "]"))
        }
    }

    private mutating func igmpV3Query(_ bp: ByteView, length len: Int) throws(Truncated) {
        out.text(" v3")
        if len < 12 || len & 3 != 0 {
            out.text(" [invalid len ")
            out.decimal(len)
            out.byte(UInt8(ascii: "]"))
            return
        }
        let mrc = UInt32(try bp.u8(1))
        let mrt = mrc < 128 ? mrc : ((mrc & 0x0f) | 0x10) << (((mrc & 0x70) >> 4) + 3)
        if mrc != 100 {
            out.text(" [max resp time ")
            if mrt < 600 {
                out.decimal(mrt / 10)
                out.byte(UInt8(ascii: "."))
                out.decimal(mrt % 10)
                out.byte(UInt8(ascii: "s"))
            } else {
                relativeSeconds(mrt / 10)
            }
            out.byte(UInt8(ascii: "]"))
        }
        if try bp.u32(4) == 0 { return }
        try ipv4Address(bp, 4, prefix: " [gaddr ")
        let sources = Int(try bp.u16(10))
        if sources > 0 {
            if len < 12 + (sources << 2) {
                out.text(" [invalid number of sources]")
            } else if verbose > 1 {
                out.text(" {")
                for i in 0..<sources {
                    try ipv4Address(bp, 12 + (i << 2), prefix: " ")
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

    /// tcpdump's `unsigned_relts_print`: `1y2w3d4h5m6s`, `0s` for zero.
    mutating func relativeSeconds(_ secs: UInt32) {
        if secs == 0 {
            out.text("0s")
            return
        }
        var s = secs
        func part(_ d: inout Dissector, _ size: UInt32, _ letter: UInt8) {
            if s >= size {
                d.out.decimal(s / size)
                d.out.byte(letter)
                s -= (s / size) * size
            }
        }
        part(&self, 31_536_000, UInt8(ascii: "y"))
        part(&self, 604_800, UInt8(ascii: "w"))
        part(&self, 86400, UInt8(ascii: "d"))
        part(&self, 3600, UInt8(ascii: "h"))
        part(&self, 60, UInt8(ascii: "m"))
        part(&self, 1, UInt8(ascii: "s"))
    }
}
