import BPFCore

/// Which transport protocols a port primitive covers.
enum PortProtocol: Sendable, Equatable {
    /// TCP, UDP and SCTP.
    case any
    /// One IP protocol number (TCP, UDP or SCTP).
    case only(UInt32)
}

extension CodeGenerator {
    /// One port field (source at 0, destination at 2) of an IPv4 or IPv6 transport header, equal to `port`
    /// or (for ranges) between `low` and `high`.
    private mutating func portField(ipv6: Bool, offset: UInt32, low: UInt32, high: UInt32?) throws(CodeGenError) -> Fragment {
        let base: OffsetBase = ipv6 ? .transportIPv6 : .transportIPv4
        guard let high else { return try cmp(base, offset, .half, low) }
        let (a, b) = low > high ? (high, low) : (low, high)
        let ge = try cmpGE(base, offset, .half, a)
        let le = try cmpLE(base, offset, .half, b)
        return and(ge, le)
    }

    /// Port test for one IP protocol over IPv4 or IPv6 (libpcap's gen_portop / gen_portrangeop and the
    /// IPv6 forms).
    private mutating func portOperation(ipv6: Bool, low: UInt32, high: UInt32?, ipProto: UInt32,
                                        _ dir: DirectionQualifier) throws(CodeGenError) -> Fragment {
        let head: Fragment
        if ipv6 {
            head = try cmp(.linkPayload, 6, .byte, ipProto)
        } else {
            let p = try cmp(.linkPayload, 9, .byte, ipProto)
            let frag = try ipv4NotFragment()
            head = and(p, frag)
        }
        if !ipv6 { try dir.rejectWLAN(high == nil ? "ports" : "port ranges") }
        let fields = try eitherDirection(dir) { g, source throws(CodeGenError) in
            try g.portField(ipv6: ipv6, offset: source ? 0 : 2, low: low, high: high)
        }
        return and(head, fields)
    }

    /// `port`/`portrange` over IPv4 or IPv6 for one or all port-carrying protocols.
    mutating func portTest(ipv6: Bool, low: UInt32, high: UInt32?, _ proto: PortProtocol,
                           _ dir: DirectionQualifier) throws(CodeGenError) -> Fragment {
        let link = try linkTypeTest(ipv6 ? EtherType.ipv6 : EtherType.ip)
        let body: Fragment
        switch proto {
        case .only(let p):
            body = try portOperation(ipv6: ipv6, low: low, high: high, ipProto: p, dir)
        case .any:
            let tcp = try portOperation(ipv6: ipv6, low: low, high: high, ipProto: IPProto.tcp, dir)
            let udp = try portOperation(ipv6: ipv6, low: low, high: high, ipProto: IPProto.udp, dir)
            let tu = or(tcp, udp)
            let sctp = try portOperation(ipv6: ipv6, low: low, high: high, ipProto: IPProto.sctp, dir)
            body = or(sctp, tu)
        }
        return and(link, body)
    }

    /// `[tcp|udp|sctp] [dir] port P` on both IPv4 and IPv6.
    mutating func portPrimitive(_ port: UInt32, _ proto: PortProtocol, _ dir: DirectionQualifier) throws(CodeGenError) -> Fragment {
        let v4 = try portTest(ipv6: false, low: port, high: nil, proto, dir)
        let v6 = try portTest(ipv6: true, low: port, high: nil, proto, dir)
        return or(v6, v4)
    }

    /// `[tcp|udp|sctp] [dir] portrange P1-P2` on both IPv4 and IPv6.
    mutating func portRangePrimitive(_ low: UInt32, _ high: UInt32, _ proto: PortProtocol,
                                     _ dir: DirectionQualifier) throws(CodeGenError) -> Fragment {
        let v4 = try portTest(ipv6: false, low: low, high: high, proto, dir)
        let v6 = try portTest(ipv6: true, low: low, high: high, proto, dir)
        return or(v6, v4)
    }
}
