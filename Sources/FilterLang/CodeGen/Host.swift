import BPFCore

extension CodeGenerator {
    /// Applies `single` to the source side, the destination side, or both (combined with and/or) as `dir` says.
    mutating func eitherDirection(_ dir: DirectionQualifier,
                                  _ single: (inout CodeGenerator, _ source: Bool) throws(CodeGenError) -> Fragment)
        throws(CodeGenError) -> Fragment {
        switch dir {
        case .src: return try single(&self, true)
        case .dst: return try single(&self, false)
        case .srcAndDst:
            let s = try single(&self, true)
            let d = try single(&self, false)
            return and(s, d)
        case .default, .srcOrDst:
            let s = try single(&self, true)
            let d = try single(&self, false)
            return or(s, d)
        default:
            throw CodeGenError("unexpected direction")
        }
    }

    /// IPv4-style address test in the network header: link-type check, then masked compare at the
    /// source (`srcOffset`) or destination (`dstOffset`) address.
    mutating func hostTest(_ addr: UInt32, mask: UInt32, _ dir: DirectionQualifier, etherType: UInt32,
                           srcOffset: UInt32, dstOffset: UInt32) throws(CodeGenError) -> Fragment {
        try dir.rejectWLAN("addresses other than 802.11 MAC addresses")
        return try eitherDirection(dir) { g, source throws(CodeGenError) in
            let link = try g.linkTypeTest(etherType)
            let a = try g.maskedCmp(.linkPayload, source ? srcOffset : dstOffset, .word, addr, mask: mask)
            return g.and(link, a)
        }
    }

    /// IPv6 address test (four masked words, last word first).
    mutating func host6Test(_ addr: [UInt32], mask: [UInt32], _ dir: DirectionQualifier, etherType: UInt32,
                            srcOffset: UInt32, dstOffset: UInt32) throws(CodeGenError) -> Fragment {
        try dir.rejectWLAN("addresses other than 802.11 MAC addresses")
        return try eitherDirection(dir) { g, source throws(CodeGenError) in
            let off = source ? srcOffset : dstOffset
            var r = try g.maskedCmp(.linkPayload, off + 12, .word, addr[3], mask: mask[3])
            for i in [2, 1, 0] {
                let w = try g.maskedCmp(.linkPayload, off + UInt32(4 * i), .word, addr[i], mask: mask[i])
                r = g.and(w, r)
            }
            let link = try g.linkTypeTest(etherType)
            return g.and(link, r)
        }
    }

    /// A MAC address at the given source/destination offsets of the link header.
    mutating func macTest(_ mac: [UInt8], _ dir: DirectionQualifier, src: UInt32, dst: UInt32,
                          wlanMessageSuffix: String) throws(CodeGenError) -> Fragment {
        if let p = dir.wlanOnlyPrefix {
            throw CodeGenError("\(p) only supported on 802.11\(wlanMessageSuffix)")
        }
        return try eitherDirection(dir) { g, source throws(CodeGenError) in
            try g.bytesCmp(.linkHeader, source ? src : dst, mac)
        }
    }

    /// Ethernet MAC address.
    mutating func etherHostTest(_ mac: [UInt8], _ dir: DirectionQualifier) throws(CodeGenError) -> Fragment {
        try macTest(mac, dir, src: 6, dst: 0, wlanMessageSuffix: " with 802.11 headers")
    }

    /// FDDI MAC address.
    mutating func fddiHostTest(_ mac: [UInt8], _ dir: DirectionQualifier) throws(CodeGenError) -> Fragment {
        try macTest(mac, dir, src: 6 + 1 + fddiPad, dst: 1 + fddiPad, wlanMessageSuffix: "")
    }

    /// Token ring MAC address.
    mutating func tokenRingHostTest(_ mac: [UInt8], _ dir: DirectionQualifier) throws(CodeGenError) -> Fragment {
        try macTest(mac, dir, src: 8, dst: 2, wlanMessageSuffix: "")
    }

    /// IP-over-Fibre-Channel MAC address.
    mutating func ipfcHostTest(_ mac: [UInt8], _ dir: DirectionQualifier) throws(CodeGenError) -> Fragment {
        try macTest(mac, dir, src: 10, dst: 2, wlanMessageSuffix: "")
    }

    /// DECnet address (`decnet host A.N`): the four DECnet routing-header layouts.
    mutating func decnetHostTest(_ addr: UInt32, _ dir: DirectionQualifier) throws(CodeGenError) -> Fragment {
        try dir.rejectWLAN("addresses other than 802.11 MAC addresses")
        return try eitherDirection(dir) { g, source throws(CodeGenError) in
            let offsetShort: UInt32 = source ? 3 : 1
            let offsetLong: UInt32 = source ? 15 : 7
            let swapped = UInt32(UInt16(truncatingIfNeeded: addr).byteSwapped)
            let link = try g.linkTypeTest(EtherType.decnet)
            // Long header with padding.
            var t = try g.maskedCmp(.linkPayload, 2, .half, UInt32(UInt16(0x0681).byteSwapped),
                                    mask: UInt32(UInt16(0x07ff).byteSwapped))
            var r = try g.cmp(.linkPayload, 2 + 1 + offsetLong, .half, swapped)
            r = g.and(t, r)
            // Long header without padding.
            t = try g.maskedCmp(.linkPayload, 2, .byte, 0x06, mask: 0x07)
            var b = try g.cmp(.linkPayload, 2 + offsetLong, .half, swapped)
            b = g.and(t, b)
            r = g.or(b, r)
            // Short header with padding.
            t = try g.maskedCmp(.linkPayload, 2, .half, UInt32(UInt16(0x0281).byteSwapped),
                                mask: UInt32(UInt16(0x07ff).byteSwapped))
            b = try g.cmp(.linkPayload, 2 + 1 + offsetShort, .half, swapped)
            b = g.and(t, b)
            r = g.or(b, r)
            // Short header without padding.
            t = try g.maskedCmp(.linkPayload, 2, .byte, 0x02, mask: 0x07)
            b = try g.cmp(.linkPayload, 2 + offsetShort, .half, swapped)
            b = g.and(t, b)
            r = g.or(b, r)
            return g.and(link, r)
        }
    }

    /// `[proto] [dir] host|net A` for an IPv4 address (libpcap's gen_host).
    mutating func ipv4Host(_ addr: UInt32, mask: UInt32, _ proto: ProtocolQualifier, _ dir: DirectionQualifier,
                           isNet: Bool) throws(CodeGenError) -> Fragment {
        let what = isNet ? "net" : "host"
        switch proto {
        case .default:
            let ip = try ipv4Host(addr, mask: mask, .ip, dir, isNet: isNet)
            if labelStackDepth == 0 {
                let arp = try ipv4Host(addr, mask: mask, .arp, dir, isNet: isNet)
                let ipOrArp = or(ip, arp)
                let rarp = try ipv4Host(addr, mask: mask, .rarp, dir, isNet: isNet)
                return or(ipOrArp, rarp)
            }
            return ip
        case .link: throw CodeGenError("link-layer modifier applied to \(what)")
        case .ip: return try hostTest(addr, mask: mask, dir, etherType: EtherType.ip, srcOffset: 12, dstOffset: 16)
        case .rarp: return try hostTest(addr, mask: mask, dir, etherType: EtherType.revarp, srcOffset: 14, dstOffset: 24)
        case .arp: return try hostTest(addr, mask: mask, dir, etherType: EtherType.arp, srcOffset: 14, dstOffset: 24)
        case .atalk: throw CodeGenError("AppleTalk host filtering not implemented")
        case .decnet: return try decnetHostTest(addr, dir)
        case .lat: throw CodeGenError("LAT host filtering not implemented")
        case .sca: throw CodeGenError("SCA host filtering not implemented")
        case .moprc: throw CodeGenError("MOPRC host filtering not implemented")
        case .mopdl: throw CodeGenError("MOPDL host filtering not implemented")
        case .ip6: throw CodeGenError("'ip6' modifier applied to ip host")
        case .aarp: throw CodeGenError("AARP host filtering not implemented")
        case .iso: throw CodeGenError("ISO host filtering not implemented")
        case .ipx: throw CodeGenError("IPX host filtering not implemented")

        default: throw CodeGenError("'\(proto.keyword)' modifier applied to \(what)")
        }
    }

    /// `[proto] [dir] host|net A` for an IPv6 address.
    mutating func ipv6Host(_ addr: [UInt32], mask: [UInt32], _ proto: ProtocolQualifier, _ dir: DirectionQualifier,
                           isNet: Bool) throws(CodeGenError) -> Fragment {
        let what = isNet ? "net" : "host"
        switch proto {
        case .default, .ip6:
            return try host6Test(addr, mask: mask, dir, etherType: EtherType.ipv6, srcOffset: 8, dstOffset: 24)
        case .link: throw CodeGenError("link-layer modifier applied to ip6 \(what)")
        case .rarp: throw CodeGenError("'rarp' modifier applied to ip6 \(what)")
        case .arp: throw CodeGenError("'arp' modifier applied to ip6 \(what)")
        case .atalk: throw CodeGenError("AppleTalk modifier applied to ip6 \(what)")

        default: throw CodeGenError("'\(proto.keyword)' modifier applied to ip6 \(what)")
        }
    }
}
