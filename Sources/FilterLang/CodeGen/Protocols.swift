import BPFCore

extension CodeGenerator {
    /// A bare protocol name used as a primitive (`tcp`, `ip6`, `arp`, `isis`, `l1`, …).
    mutating func protocolAbbreviation(_ proto: ProtocolQualifier) throws(CodeGenError) -> Fragment {
        switch proto {
        case .sctp: return try protoTest(IPProto.sctp, .default, .default)
        case .tcp: return try protoTest(IPProto.tcp, .default, .default)
        case .udp: return try protoTest(IPProto.udp, .default, .default)
        case .icmp: return try protoTest(IPProto.icmp, .ip, .default)
        case .igmp: return try protoTest(IPProto.igmp, .ip, .default)
        case .igrp: return try protoTest(IPProto.igrp, .ip, .default)
        case .pim: return try protoTest(IPProto.pim, .default, .default)
        case .vrrp: return try protoTest(IPProto.vrrp, .ip, .default)
        case .carp: return try protoTest(IPProto.carp, .ip, .default)
        case .ip: return try linkTypeTest(EtherType.ip)
        case .arp: return try linkTypeTest(EtherType.arp)
        case .rarp: return try linkTypeTest(EtherType.revarp)
        case .link: throw CodeGenError("link layer applied in wrong context")
        case .atalk: return try linkTypeTest(EtherType.atalk)
        case .aarp: return try linkTypeTest(EtherType.aarp)
        case .decnet: return try linkTypeTest(EtherType.decnet)
        case .sca: return try linkTypeTest(EtherType.sca)
        case .lat: return try linkTypeTest(EtherType.lat)
        case .mopdl: return try linkTypeTest(EtherType.mopdl)
        case .moprc: return try linkTypeTest(EtherType.moprc)
        case .ip6: return try linkTypeTest(EtherType.ipv6)
        case .icmp6: return try protoTest(IPProto.icmpv6, .ip6, .default)
        case .ah: return try protoTest(IPProto.ah, .default, .default)
        case .esp: return try protoTest(IPProto.esp, .default, .default)
        case .iso: return try linkTypeTest(LLC.sapISONS)
        case .esis: return try protoTest(OSI.esis, .iso, .default)
        case .isis: return try protoTest(OSI.isis, .iso, .default)
        case .isisL1: return try isisAny([OSI.l1LanIIH, OSI.ptpIIH, OSI.l1LSP, OSI.l1CSNP, OSI.l1PSNP])
        case .isisL2: return try isisAny([OSI.l2LanIIH, OSI.ptpIIH, OSI.l2LSP, OSI.l2CSNP, OSI.l2PSNP])
        case .isisIIH: return try isisAny([OSI.l1LanIIH, OSI.l2LanIIH, OSI.ptpIIH])
        case .isisLSP: return try isisAny([OSI.l1LSP, OSI.l2LSP])
        case .isisSNP: return try isisAny([OSI.l1CSNP, OSI.l2CSNP, OSI.l1PSNP, OSI.l2PSNP])
        case .isisCSNP: return try isisAny([OSI.l1CSNP, OSI.l2CSNP])
        case .isisPSNP: return try isisAny([OSI.l1PSNP, OSI.l2PSNP])
        case .clnp: return try protoTest(OSI.clnp, .iso, .default)
        case .stp: return try linkTypeTest(LLC.sap8021D)
        case .ipx: return try linkTypeTest(LLC.sapIPX)
        case .netbeui: return try linkTypeTest(LLC.sapNetBEUI)
        case .radio: throw CodeGenError("'radio' is not a valid protocol type")
        case .default, .undefined: throw CodeGenError("syntax error in filter expression")
        }
    }

    /// IS-IS PDU types or'ed together: (((t0 or t1) or t2) …), each new test placed first.
    private mutating func isisAny(_ types: [UInt32]) throws(CodeGenError) -> Fragment {
        var r = try protoTest(types[0], .isis, .default)
        var first = true
        for t in types.dropFirst() {
            let b = try protoTest(t, .isis, .default)
            if first {
                r = or(r, b)
                first = false
            } else {
                r = or(b, r)
            }
        }
        return r
    }

    /// "not a non-first IPv4 fragment": `jset #0x1fff` on the fragment offset, negated.
    mutating func ipv4NotFragment() throws(CodeGenError) -> Fragment {
        let s = try loadA(.linkPayload, 6, .half)
        return newBlock(BPF.jmp | BPF.jset | BPF.k, k: 0x1fff, statements: s).negated
    }

    /// `[proto] proto N` (libpcap's gen_proto).
    mutating func protoTest(_ v: UInt32, _ proto: ProtocolQualifier, _ dir: DirectionQualifier) throws(CodeGenError) -> Fragment {
        if dir != .default { throw CodeGenError("direction applied to 'proto'") }
        switch proto {
        case .default:
            let a = try protoTest(v, .ip, dir)
            let b = try protoTest(v, .ip6, dir)
            return or(a, b)
        case .link:
            return try linkTypeTest(v)
        case .ip:
            let link = try linkTypeTest(EtherType.ip)
            let p = try cmp(.linkPayload, 9, .byte, v)
            return and(link, p)
        case .arp: throw CodeGenError("arp does not encapsulate another protocol")
        case .rarp: throw CodeGenError("rarp does not encapsulate another protocol")
        case .atalk: throw CodeGenError("AppleTalk encapsulation is not specifiable")
        case .decnet: throw CodeGenError("DECNET encapsulation is not specifiable")
        case .lat: throw CodeGenError("LAT does not encapsulate another protocol")
        case .sca: throw CodeGenError("SCA does not encapsulate another protocol")
        case .moprc: throw CodeGenError("MOPRC does not encapsulate another protocol")
        case .mopdl: throw CodeGenError("MOPDL does not encapsulate another protocol")
        case .ip6:
            let link = try linkTypeTest(EtherType.ipv6)
            let frag = try cmp(.linkPayload, 6, .byte, IPProto.fragment)
            var r = try cmp(.linkPayload, 40, .byte, v)
            r = and(frag, r)
            let direct = try cmp(.linkPayload, 6, .byte, v)
            r = or(direct, r)
            return and(link, r)
        case .iso:
            switch linkType.rawValue {
            case DLT.frelay:
                return try cmp(.linkHeader, 2, .half, 0x03 << 8 | v)
            case DLT.cHDLC, DLT.hdlc:
                let link = try linkTypeTest(LLC.sapISONS << 8 | LLC.sapISONS)
                let p = try cmp(.linkPayloadNoSNAP, 1, .byte, v)
                return and(link, p)
            default:
                let link = try linkTypeTest(LLC.sapISONS)
                let p = try cmp(.linkPayloadNoSNAP, 0, .byte, v)
                return and(link, p)
            }
        case .isis:
            let iso = try protoTest(OSI.isis, .iso, .default)
            let p = try cmp(.linkPayloadNoSNAP, 4, .byte, v)
            return and(iso, p)
        case .clnp: throw CodeGenError("'clnp proto' is not supported")
        default:
            throw CodeGenError("'\(proto.keyword) proto' is bogus")
        }
    }
}
