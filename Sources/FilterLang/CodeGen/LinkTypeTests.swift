import BPFCore

extension CodeGenerator {
    /// Tests that the link layer carries `proto` (an EtherType, or an LLC SAP ≤ 1500), as the current link
    /// layer encodes it (libpcap's gen_linktype).
    mutating func linkTypeTest(_ proto: UInt32) throws(CodeGenError) -> Fragment {
        if labelStackDepth > 0 { return try mplsLinkTypeTest(proto) }
        switch linkType.rawValue {
        case DLT.en10mb, DLT.netAnalyzer, DLT.netAnalyzerTransparent:
            let prev = isGeneve ? nil : try previousLinkHeaderCheck()
            let b = try etherLinkTypeTest(proto)
            return and(prev, b)
        case DLT.cHDLC, DLT.hdlc:
            let v = proto == LLC.sapISONS ? (proto << 8 | LLC.sapISONS) : proto
            return try cmp(.linkType, 0, .half, v)
        case DLT.ieee80211, DLT.prismHeader, DLT.ieee80211RadioAVS, DLT.ieee80211Radio, DLT.ppi:
            let data = try ieee80211DataFrameCheck()
            let b = try llcLinkTypeTest(proto)
            return and(data, b)
        case DLT.fddi, DLT.ieee802, DLT.atmRFC1483, DLT.atmCLIP, DLT.ipOverFC:
            return try llcLinkTypeTest(proto)
        case DLT.sunATM:
            let atm = try atmFieldTest(.protoType, SunATM.ptLLC, jump: BPF.jeq, reverse: false)
            let b = try llcLinkTypeTest(proto)
            return and(atm, b)
        case DLT.linuxSLL:
            return try sllLinkTypeTest(proto)
        case DLT.slip, DLT.slipBSDOS, DLT.raw:
            switch proto {
            case EtherType.ip: return try maskedCmp(.linkHeader, 0, .byte, 0x40, mask: 0xf0)
            case EtherType.ipv6: return try maskedCmp(.linkHeader, 0, .byte, 0x60, mask: 0xf0)
            default: return alwaysFalse()
            }
        case DLT.ipv4:
            return proto == EtherType.ip ? alwaysTrue() : alwaysFalse()
        case DLT.ipv6:
            return proto == EtherType.ipv6 ? alwaysTrue() : alwaysFalse()
        case DLT.ppp, DLT.pppPPPD, DLT.pppSerial, DLT.pppEther:
            return try cmp(.linkType, 0, .half, pppType(forEtherType: proto))
        case DLT.pppBSDOS:
            if proto == EtherType.ip {
                let a = try cmp(.linkType, 0, .half, PPPProto.ip)
                let b = try cmp(.linkType, 0, .half, PPPProto.vjc)
                let ab = or(a, b)
                let c = try cmp(.linkType, 0, .half, PPPProto.vjnc)
                return or(ab, c)
            }
            return try cmp(.linkType, 0, .half, pppType(forEtherType: proto))
        case DLT.null, DLT.loop, DLT.enc:
            switch proto {
            case EtherType.ip:
                return try loopbackLinkTypeTest(AddressFamily.inet)
            case EtherType.ipv6:
                if forSavefile {
                    let a = try loopbackLinkTypeTest(24)
                    let b = try loopbackLinkTypeTest(28)
                    let ab = or(a, b)
                    let c = try loopbackLinkTypeTest(30)
                    return or(c, ab)
                }
                return try loopbackLinkTypeTest(AddressFamily.inet6)
            default:
                return alwaysFalse()
            }
        case DLT.pflog:
            switch proto {
            case EtherType.ip: return try cmp(.linkHeader, 1, .byte, AddressFamily.inet)
            case EtherType.ipv6: return try cmp(.linkHeader, 1, .byte, AddressFamily.inet6)
            default: return alwaysFalse()
            }
        case DLT.arcnet, DLT.arcnetLinux:
            switch proto {
            case EtherType.ipv6:
                return try cmp(.linkType, 0, .byte, ARCType.inet6)
            case EtherType.ip:
                let a = try cmp(.linkType, 0, .byte, ARCType.ip)
                let b = try cmp(.linkType, 0, .byte, ARCType.ipOld)
                return or(a, b)
            case EtherType.arp:
                let a = try cmp(.linkType, 0, .byte, ARCType.arp)
                let b = try cmp(.linkType, 0, .byte, ARCType.arpOld)
                return or(a, b)
            case EtherType.revarp:
                return try cmp(.linkType, 0, .byte, ARCType.revarp)
            case EtherType.atalk:
                return try cmp(.linkType, 0, .byte, ARCType.atalk)
            default:
                return alwaysFalse()
            }
        case DLT.ltalk:
            return proto == EtherType.atalk ? alwaysTrue() : alwaysFalse()
        case DLT.frelay:
            switch proto {
            case EtherType.ip: return try cmp(.linkHeader, 2, .half, 0x03 << 8 | 0xcc)
            case EtherType.ipv6: return try cmp(.linkHeader, 2, .half, 0x03 << 8 | 0x8e)
            case LLC.sapISONS:
                let a = try cmp(.linkHeader, 2, .half, 0x03 << 8 | OSI.clnp)
                let b = try cmp(.linkHeader, 2, .half, 0x03 << 8 | OSI.esis)
                let c = try cmp(.linkHeader, 2, .half, 0x03 << 8 | OSI.isis)
                let bc = or(b, c)
                return or(a, bc)
            default:
                return alwaysFalse()
            }
        case DLT.mfr:
            throw CodeGenError("Multi-link Frame Relay link-layer type filtering not implemented")
        case DLT.juniperMFR, DLT.juniperMLFR, DLT.juniperMLPPP, DLT.juniperATM1, DLT.juniperATM2,
             DLT.juniperPPPoE, DLT.juniperPPPoEATM, DLT.juniperGGSN, DLT.juniperES, DLT.juniperMonitor,
             DLT.juniperServices, DLT.juniperEther, DLT.juniperPPP, DLT.juniperFrelay, DLT.juniperCHDLC,
             DLT.juniperVP, DLT.juniperST, DLT.juniperISM, DLT.juniperVS, DLT.juniperSRXE2E,
             DLT.juniperFibreChannel, DLT.juniperATMCEMIC:
            return try maskedCmp(.linkHeader, 0, .word, 0x4d47_4300, mask: 0xffff_ff00)
        case DLT.bacnetMSTP:
            return try maskedCmp(.linkHeader, 0, .word, 0x55ff_0000, mask: 0xffff_0000)
        case DLT.ipnet:
            switch proto {
            case EtherType.ip: return try cmp(.linkType, 0, .byte, 2)
            case EtherType.ipv6: return try cmp(.linkType, 0, .byte, 26)
            default: return alwaysFalse()
            }
        case DLT.linuxIRDA: throw CodeGenError("IrDA link-layer type filtering not implemented")
        case DLT.docsis: throw CodeGenError("DOCSIS link-layer type filtering not implemented")
        case DLT.mtp2, DLT.mtp2WithPHDR: throw CodeGenError("MTP2 link-layer type filtering not implemented")
        case DLT.erf: throw CodeGenError("ERF link-layer type filtering not implemented")
        case DLT.pfsync: throw CodeGenError("PFSYNC link-layer type filtering not implemented")
        case DLT.linuxLAPD: throw CodeGenError("LAPD link-layer type filtering not implemented")
        case DLT.usbFreeBSD, DLT.usbLinux, DLT.usbLinuxMMapped, DLT.usbPcap:
            throw CodeGenError("USB link-layer type filtering not implemented")
        case DLT.bluetoothHCIH4, DLT.bluetoothHCIH4WithPHDR:
            throw CodeGenError("Bluetooth link-layer type filtering not implemented")
        case DLT.can20B, DLT.canSocketCAN:
            throw CodeGenError("CAN link-layer type filtering not implemented")
        case DLT.ieee802154, DLT.ieee802154Linux, DLT.ieee802154NonASKPHY, DLT.ieee802154NoFCS, DLT.ieee802154TAP:
            throw CodeGenError("IEEE 802.15.4 link-layer type filtering not implemented")
        case DLT.ieee80216MACCPSRadio: throw CodeGenError("IEEE 802.16 link-layer type filtering not implemented")
        case DLT.sita: throw CodeGenError("SITA link-layer type filtering not implemented")
        case DLT.raif1: throw CodeGenError("RAIF1 link-layer type filtering not implemented")
        case DLT.ipmbKontron, DLT.ipmbLinux: throw CodeGenError("IPMB link-layer type filtering not implemented")
        case DLT.ax25KISS: throw CodeGenError("AX.25 link-layer type filtering not implemented")
        case DLT.nflog: throw CodeGenError("NFLOG link-layer type filtering not implemented")
        default:
            if offLinkType.constantPart != offsetNotSet {
                return try cmp(.linkType, 0, .half, proto)
            }
            throw CodeGenError("\(linkTypeDescription) link-layer type filtering not implemented")
        }
    }

    /// libpcap's description of the current DLT, or "DLT n" (pcap_datalink_val_to_description_or_dlt).
    var linkTypeDescription: String {
        linkType.summary ?? "DLT \(linkType.rawValue)"
    }

    /// Maps an EtherType/SAP to the PPP protocol number for the same protocol.
    func pppType(forEtherType p: UInt32) -> UInt32 {
        switch p {
        case EtherType.ip: return PPPProto.ip
        case EtherType.ipv6: return PPPProto.ipv6
        case EtherType.decnet: return PPPProto.decnet
        case EtherType.atalk: return PPPProto.apple
        case EtherType.ns: return PPPProto.ns
        case LLC.sapISONS: return PPPProto.osi
        case LLC.sap8021D: return PPPProto.brpdu
        case LLC.sapIPX: return PPPProto.ipx
        default: return p
        }
    }

    /// For encapsulations inside LANE, the check that the outer frame is not an LE control frame.
    mutating func previousLinkHeaderCheck() throws(CodeGenError) -> Fragment? {
        if isGeneve { return try geneveLinkLayerCheck() }
        if previousLinkType.rawValue == DLT.sunATM {
            return try cmp(.previousLinkHeader, SunATM.pktBeginPos, .half, 0xff00).negated
        }
        return nil
    }

    /// `ether proto` on Ethernet: EtherType, or 802.2 LLC/SNAP for values ≤ 1500 and a few protocols.
    mutating func etherLinkTypeTest(_ proto: UInt32) throws(CodeGenError) -> Fragment {
        switch proto {
        case LLC.sapISONS, LLC.sapIP, LLC.sapNetBEUI:
            let is8023 = try cmpGT(.linkType, 0, .half, EtherType.mtu).negated
            let sap = try cmp(.llc, 0, .half, proto << 8 | proto)
            return and(is8023, sap)
        case LLC.sapIPX:
            let a = try cmp(.llc, 0, .byte, LLC.sapIPX)
            let b = try cmp(.llc, 0, .half, 0xffff)
            var r = or(a, b)
            let snap = try snapTest(org: 0, type: EtherType.ipx)
            r = or(snap, r)
            let is8023 = try cmpGT(.linkType, 0, .half, EtherType.mtu).negated
            r = and(is8023, r)
            let ethertype = try cmp(.linkType, 0, .half, EtherType.ipx)
            return or(ethertype, r)
        case EtherType.atalk, EtherType.aarp:
            let is8023 = try cmpGT(.linkType, 0, .half, EtherType.mtu).negated
            let snap = proto == EtherType.atalk
                ? try snapTest(org: 0x080007, type: EtherType.atalk)
                : try snapTest(org: 0, type: EtherType.aarp)
            let r = and(is8023, snap)
            let ethertype = try cmp(.linkType, 0, .half, proto)
            return or(ethertype, r)
        default:
            if proto <= EtherType.mtu {
                let is8023 = try cmpGT(.linkType, 0, .half, EtherType.mtu).negated
                let sap = try cmp(.linkType, 2, .byte, proto)
                return and(is8023, sap)
            }
            return try cmp(.linkType, 0, .half, proto)
        }
    }

    /// NULL/LOOP/ENC address-family test (host byte order for NULL and ENC).
    mutating func loopbackLinkTypeTest(_ family: UInt32) throws(CodeGenError) -> Fragment {
        var v = family
        if linkType.rawValue == DLT.null || linkType.rawValue == DLT.enc {
            if forSavefile && swappedSavefile { v = v.byteSwapped }
            v = v.byteSwapped  // htonl on a little-endian host
        }
        return try cmp(.linkHeader, 0, .word, v)
    }

    /// Linux cooked capture v1 protocol test.
    mutating func sllLinkTypeTest(_ proto: UInt32) throws(CodeGenError) -> Fragment {
        switch proto {
        case LLC.sapISONS, LLC.sapIP, LLC.sapNetBEUI:
            let a = try cmp(.linkType, 0, .half, SLLProto.p8022)
            let b = try cmp(.llc, 0, .half, proto << 8 | proto)
            return and(a, b)
        case LLC.sapIPX:
            let a = try cmp(.llc, 0, .byte, LLC.sapIPX)
            let snap = try snapTest(org: 0, type: EtherType.ipx)
            var r = or(a, snap)
            let is8022 = try cmp(.linkType, 0, .half, SLLProto.p8022)
            r = and(is8022, r)
            let is8023 = try cmp(.linkType, 0, .half, SLLProto.p8023)
            r = or(is8023, r)
            let ethertype = try cmp(.linkType, 0, .half, EtherType.ipx)
            return or(ethertype, r)
        case EtherType.atalk, EtherType.aarp:
            let is8022 = try cmp(.linkType, 0, .half, SLLProto.p8022)
            let snap = proto == EtherType.atalk
                ? try snapTest(org: 0x080007, type: EtherType.atalk)
                : try snapTest(org: 0, type: EtherType.aarp)
            let r = and(is8022, snap)
            let ethertype = try cmp(.linkType, 0, .half, proto)
            return or(ethertype, r)
        default:
            if proto <= EtherType.mtu {
                let is8022 = try cmp(.linkType, 0, .half, SLLProto.p8022)
                let sap = try cmp(.linkHeader, offLinkPayload.constantPart, .byte, proto)
                return and(is8022, sap)
            }
            return try cmp(.linkType, 0, .half, proto)
        }
    }

    /// An 802.2 SNAP header with organization code `org` and protocol `type`.
    mutating func snapTest(org: UInt32, type: UInt32) throws(CodeGenError) -> Fragment {
        let bytes: [UInt8] = [0xaa, 0xaa, 0x03, UInt8(truncatingIfNeeded: org >> 16), UInt8(truncatingIfNeeded: org >> 8),
                              UInt8(truncatingIfNeeded: org), UInt8(truncatingIfNeeded: type >> 8),
                              UInt8(truncatingIfNeeded: type)]
        return try bytesCmp(.llc, 0, bytes)
    }

    /// Protocol test on links that always carry 802.2 LLC (FDDI, token ring, 802.11, ATM, Fibre Channel).
    mutating func llcLinkTypeTest(_ proto: UInt32) throws(CodeGenError) -> Fragment {
        switch proto {
        case LLC.sapIP, LLC.sapISONS, LLC.sapNetBEUI:
            return try cmp(.llc, 0, .half, proto << 8 | proto)
        case LLC.sapIPX:
            return try cmp(.llc, 0, .byte, LLC.sapIPX)
        case EtherType.atalk:
            return try snapTest(org: 0x080007, type: EtherType.atalk)
        default:
            if proto <= EtherType.mtu { return try cmp(.llc, 0, .byte, proto) }
            return try cmp(.llc, 6, .half, proto)
        }
    }

    /// Inside MPLS: the bottom-of-stack bit and the IP version nibble.
    mutating func mplsLinkTypeTest(_ proto: UInt32) throws(CodeGenError) -> Fragment {
        let version: UInt32
        switch proto {
        case EtherType.ip: version = 0x40
        case EtherType.ipv6: version = 0x60
        default: throw CodeGenError("unsupported protocol over mpls")
        }
        let bos = try maskedCmp(.linkPayload, 0 &- 2, .byte, 0x01, mask: 0x01)
        let v = try maskedCmp(.linkPayload, 0, .byte, version, mask: 0xf0)
        return and(bos, v)
    }
}
