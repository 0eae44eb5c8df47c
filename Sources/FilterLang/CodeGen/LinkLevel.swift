import BPFCore

extension CodeGenerator {
    /// ARCnet one-byte address (source at 0, destination at 1).
    mutating func arcnetHostTest(_ addr: UInt8, _ dir: DirectionQualifier) throws(CodeGenError) -> Fragment {
        if let p = dir.wlanOnlyPrefix { throw CodeGenError("\(p) only supported on 802.11") }
        return try eitherDirection(dir) { g, source throws(CodeGenError) in
            try g.bytesCmp(.linkHeader, source ? 0 : 1, [addr])
        }
    }

    /// A MAC-address primitive on whichever MAC-based link is current (`ether host`, `ether broadcast`).
    mutating func linkHostTest(_ mac: [UInt8], _ dir: DirectionQualifier) throws(CodeGenError) -> Fragment? {
        switch linkType.rawValue {
        case DLT.en10mb, DLT.netAnalyzer, DLT.netAnalyzerTransparent:
            let prev = try previousLinkHeaderCheck()
            let b = try etherHostTest(mac, dir)
            return and(prev, b)
        case DLT.fddi: return try fddiHostTest(mac, dir)
        case DLT.ieee802: return try tokenRingHostTest(mac, dir)
        case DLT.ieee80211, DLT.prismHeader, DLT.ieee80211RadioAVS, DLT.ieee80211Radio, DLT.ppi:
            return try wlanHostTest(mac, dir)
        case DLT.ipOverFC: return try ipfcHostTest(mac, dir)
        default: return nil
        }
    }

    /// `[link|ip] broadcast`.
    mutating func broadcastTest(_ proto: ProtocolQualifier) throws(CodeGenError) -> Fragment {
        switch proto {
        case .default, .link:
            if linkType.rawValue == DLT.arcnet || linkType.rawValue == DLT.arcnetLinux {
                return try arcnetHostTest(0, .dst)
            }
            if let r = try linkHostTest([0xff, 0xff, 0xff, 0xff, 0xff, 0xff], .dst) { return r }
            throw CodeGenError("not a broadcast link")
        case .ip:
            if netmask == 0xffff_ffff {
                throw CodeGenError("netmask not known, so 'ip broadcast' not supported")
            }
            let link = try linkTypeTest(EtherType.ip)
            let hostmask = ~netmask
            let zero = try maskedCmp(.linkPayload, 16, .word, 0, mask: hostmask)
            let ones = try maskedCmp(.linkPayload, 16, .word, hostmask, mask: hostmask)
            let either = or(zero, ones)
            return and(link, either)
        default:
            throw CodeGenError("only link-layer/IP broadcast filters supported")
        }
    }

    private mutating func groupBit(_ offset: UInt32) throws(CodeGenError) -> Fragment {
        let s = try loadA(.linkHeader, offset, .byte)
        return newBlock(BPF.jmp | BPF.jset | BPF.k, k: 1, statements: s)
    }

    private mutating func frameControl(_ byte: UInt32, _ mask: UInt32) throws(CodeGenError) -> Fragment {
        let s = try loadA(.linkHeader, byte, .byte)
        return newBlock(BPF.jmp | BPF.jset | BPF.k, k: mask, statements: s)
    }

    /// `[link|ip|ip6] multicast`.
    mutating func multicastTest(_ proto: ProtocolQualifier) throws(CodeGenError) -> Fragment {
        switch proto {
        case .default, .link:
            switch linkType.rawValue {
            case DLT.arcnet, DLT.arcnetLinux:
                return try arcnetHostTest(0, .dst)
            case DLT.en10mb, DLT.netAnalyzer, DLT.netAnalyzerTransparent:
                let prev = try previousLinkHeaderCheck()
                let b = try groupBit(0)
                return and(prev, b)
            case DLT.fddi: return try groupBit(1)
            case DLT.ieee802: return try groupBit(2)
            case DLT.ieee80211, DLT.prismHeader, DLT.ieee80211RadioAVS, DLT.ieee80211Radio, DLT.ppi:
                var t = try frameControl(1, 0x01)
                var r = try groupBit(16)
                r = and(t, r)
                t = try frameControl(1, 0x01).negated
                var b = try groupBit(4)
                b = and(t, b)
                r = or(b, r)
                t = try frameControl(0, 0x08)
                r = and(t, r)
                t = try frameControl(0, 0x08).negated
                b = try groupBit(4)
                b = and(t, b)
                r = or(b, r)
                t = try frameControl(0, 0x04).negated
                return and(t, r)
            case DLT.ipOverFC:
                return try groupBit(2)
            default:
                break
            }
        case .ip:
            let link = try linkTypeTest(EtherType.ip)
            let m = try cmpGE(.linkPayload, 16, .byte, 224)
            return and(link, m)
        case .ip6:
            let link = try linkTypeTest(EtherType.ipv6)
            let m = try cmp(.linkPayload, 24, .byte, 255)
            return and(link, m)
        default:
            break
        }
        throw CodeGenError("link-layer multicast filters supported only on ethernet/FDDI/token ring/ARCNET/802.11/ATM LANE/Fibre Channel")
    }

    /// `less N` / `greater N`.
    mutating func lengthTest(greater: Bool, _ n: UInt32) -> Fragment {
        let s = [Statement(BPF.ld | BPF.len)]
        if greater { return newBlock(BPF.jmp | BPF.jge | BPF.k, k: n, statements: s) }
        return newBlock(BPF.jmp | BPF.jgt | BPF.k, k: n, statements: s).negated
    }

    /// `byte N op M`.
    mutating func byteTest(offset: UInt32, _ op: ByteOperator, _ value: UInt32) throws(CodeGenError) -> Fragment {
        switch op {
        case .equal: return try cmp(.linkHeader, offset, .byte, value)
        case .less: return try cmpLT(.linkHeader, offset, .byte, value)
        case .greater: return try cmpGT(.linkHeader, offset, .byte, value)
        case .or, .and:
            // libpcap emits the ALU op with no load before it (the operand is whatever A holds).
            let code = op == .or ? BPF.alu | BPF.or | BPF.k : BPF.alu | BPF.and | BPF.k
            return newBlock(BPF.jmp | BPF.jeq | BPF.k, k: 0, statements: [Statement(code, value)]).negated
        }
    }

    /// `inbound` / `outbound`.
    mutating func directionTest(outbound: Bool) throws(CodeGenError) -> Fragment {
        switch linkType.rawValue {
        case DLT.slip:
            // libpcap passes both operands as call arguments; its compiler evaluates the right one first.
            let other = try loadImmediate(0)
            let zero = try loadImmediate(0)
            let loaded = try loadPacketField(.link, zero, size: 1)
            return try relation(BPF.jeq, loaded, other, reversed: outbound)
        case DLT.ipnet:
            return try cmp(.linkHeader, 2, .half, outbound ? 1 : 2)
        case DLT.linuxSLL:
            let b = try cmp(.linkHeader, 0, .half, 4)
            return outbound ? b : b.negated
        case DLT.linuxSLL2:
            let b = try cmp(.linkHeader, 10, .byte, 4)
            return outbound ? b : b.negated
        case DLT.pflog:
            return try cmp(.linkHeader, 60, .byte, outbound ? 2 : 1)
        case DLT.pppPPPD:
            return try cmp(.linkHeader, 0, .byte, outbound ? 1 : 0)
        case DLT.juniperMFR, DLT.juniperMLFR, DLT.juniperMLPPP, DLT.juniperATM1, DLT.juniperATM2,
             DLT.juniperPPPoE, DLT.juniperPPPoEATM, DLT.juniperGGSN, DLT.juniperES, DLT.juniperMonitor,
             DLT.juniperServices, DLT.juniperEther, DLT.juniperPPP, DLT.juniperFrelay, DLT.juniperCHDLC,
             DLT.juniperVP, DLT.juniperST, DLT.juniperISM, DLT.juniperVS, DLT.juniperSRXE2E,
             DLT.juniperFibreChannel, DLT.juniperATMCEMIC:
            return try maskedCmp(.linkHeader, 3, .byte, outbound ? 0 : 1, mask: 0x01)
        default:
            if forSavefile {
                throw CodeGenError("inbound/outbound not supported on \(linkTypeDescription) when reading savefiles")
            }
            // Linux socket filter: the packet type ancillary field.
            let b = try cmp(.linkHeader, Ancillary.pktType.k, .half, 4)
            return outbound ? b : b.negated
        }
    }

    /// `ifindex N`.
    mutating func interfaceIndexTest(_ index: UInt32) throws(CodeGenError) -> Fragment {
        if linkType.rawValue == DLT.linuxSLL2 { return try cmp(.linkHeader, 4, .word, index) }
        if forSavefile {
            throw CodeGenError("ifindex not supported on \(linkTypeDescription) when reading savefiles")
        }
        return try cmp(.linkHeader, Ancillary.ifIndex.k, .word, index)
    }

    // MARK: pflog

    private func requirePFLOG(_ what: String) throws(CodeGenError) {
        if linkType.rawValue != DLT.pflog { throw CodeGenError("\(what) supported only on PF linktype") }
    }

    /// `on I` / `ifname I`.
    mutating func pfInterfaceTest(_ name: String) throws(CodeGenError) -> Fragment {
        try requirePFLOG("ifname")
        let bytes = Array(name.utf8)
        if bytes.count >= 16 { throw CodeGenError("ifname interface names can only be 15 characters") }
        return try bytesCmp(.linkHeader, 4, bytes)
    }

    /// `rset S` / `ruleset S`.
    mutating func pfRulesetTest(_ name: String) throws(CodeGenError) -> Fragment {
        try requirePFLOG("ruleset")
        let bytes = Array(name.utf8)
        if bytes.count >= 16 { throw CodeGenError("ruleset names can only be 15 characters") }
        return try bytesCmp(.linkHeader, 20, bytes)
    }

    /// `rnr N`.
    mutating func pfRuleNumberTest(_ n: UInt32) throws(CodeGenError) -> Fragment {
        try requirePFLOG("rnr")
        return try cmp(.linkHeader, 36, .word, n)
    }

    /// `srnr N`.
    mutating func pfSubruleNumberTest(_ n: UInt32) throws(CodeGenError) -> Fragment {
        try requirePFLOG("srnr")
        return try cmp(.linkHeader, 40, .word, n)
    }

    /// `reason R` (already a number).
    mutating func pfReasonTest(_ n: UInt32) throws(CodeGenError) -> Fragment {
        try requirePFLOG("reason")
        return try cmp(.linkHeader, 3, .byte, n)
    }

    /// `action A` (already a number).
    mutating func pfActionTest(_ n: UInt32) throws(CodeGenError) -> Fragment {
        try requirePFLOG("action")
        return try cmp(.linkHeader, 2, .byte, n)
    }

    // MARK: LLC

    /// "The frame carries 802.2 LLC" on the current link (libpcap's gen_llc).
    mutating func llcPresent() throws(CodeGenError) -> Fragment {
        switch linkType.rawValue {
        case DLT.en10mb:
            let is8023 = try cmpGT(.linkType, 0, .half, EtherType.mtu).negated
            let notRawIPX = try cmp(.llc, 0, .half, 0xffff).negated
            return and(is8023, notRawIPX)
        case DLT.sunATM:
            return try atmLLCTest()
        case DLT.ieee802, DLT.fddi, DLT.atmRFC1483:
            return alwaysTrue()
        case DLT.ieee80211, DLT.prismHeader, DLT.ieee80211Radio, DLT.ieee80211RadioAVS, DLT.ppi:
            return try ieee80211DataFrameCheck()
        default:
            throw CodeGenError("'llc' not supported for \(linkTypeDescription)")
        }
    }

    /// `llc`, `llc i|s|u`, `llc <subtype>`.
    mutating func llcTest(_ kind: LLCKind) throws(CodeGenError) -> Fragment {
        let present = try llcPresent()
        let b: Fragment
        switch kind {
        case .any:
            return present
        case .information:
            let s = try loadA(.llc, 2, .byte)
            b = newBlock(BPF.jmp | BPF.jset | BPF.k, k: 0x01, statements: s).negated
        case .supervisory:
            b = try maskedCmp(.llc, 2, .byte, LLC.sFormat, mask: 0x03)
        case .unnumbered:
            b = try maskedCmp(.llc, 2, .byte, LLC.uFormat, mask: 0x03)
        case .supervisorySubtype(let v):
            b = try maskedCmp(.llc, 2, .byte, v, mask: LLC.sCommandMask)
        case .unnumberedSubtype(let v):
            b = try maskedCmp(.llc, 2, .byte, v, mask: LLC.uCommandMask)
        }
        return and(present, b)
    }
}
