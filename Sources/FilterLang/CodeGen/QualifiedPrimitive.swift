import BPFCore

/// EtherType names `ether proto` knows (libpcap's built-in table).
private let etherProtocolNames: [String: UInt32] = [
    "aarp": EtherType.aarp, "arp": EtherType.arp, "atalk": EtherType.atalk, "decnet": EtherType.decnet,
    "ip": EtherType.ip, "ip6": EtherType.ipv6, "lat": EtherType.lat, "loopback": EtherType.loopback,
    "mopdl": EtherType.mopdl, "moprc": EtherType.moprc, "rarp": EtherType.revarp, "sca": EtherType.sca,
]

/// LLC SAP names `ether proto` knows.
private let llcProtocolNames: [String: UInt32] = [
    "iso": LLC.sapISONS, "stp": LLC.sap8021D, "ipx": LLC.sapIPX, "netbeui": LLC.sapNetBEUI,
]

extension CodeGenerator {
    /// Compiles `[proto] [dir] [type] operand`.
    mutating func qualified(_ q: Qualifiers, _ operand: Operand) throws(CodeGenError) -> Fragment {
        switch operand {
        case .number(let v):
            return try numericPrimitive(q, text: nil, value: v)
        case .ipv4(let lit):
            switch q.address {
            case .port: throw CodeGenError("'port' modifier applied to ip host")
            case .portrange: throw CodeGenError("'portrange' modifier applied to ip host")
            case .proto: throw CodeGenError("'proto' modifier applied to ip host")
            case .protochain: throw CodeGenError("'protochain' modifier applied to ip host")
            default: return try numericPrimitive(q, text: lit.text, value: 0)
            }
        case .ipv4Prefix(let lit, let len):
            return try maskedNetwork(q, lit, maskText: nil, prefixLength: len)
        case .ipv4Masked(let lit, let mask):
            return try maskedNetwork(q, lit, maskText: mask, prefixLength: 0)
        case .ipv6(let lit):
            return try ipv6Network(q, lit, prefixLength: 128)
        case .ipv6Prefix(let lit, let len):
            return try ipv6Network(q, lit, prefixLength: len)
        case .mac(let mac):
            if (q.address == .host || q.address == .default) && q.proto == .link {
                guard let r = try linkHostTest(mac.bytes, q.direction) else {
                    throw CodeGenError("ethernet addresses supported only on ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel")
                }
                return r
            }
            throw CodeGenError("ethernet address used in non-ether expression")
        case .arcnet(let a):
            guard linkType.rawValue == DLT.arcnet || linkType.rawValue == DLT.arcnetLinux else {
                throw CodeGenError("aid supported only on ARCnet")
            }
            guard (q.address == .host || q.address == .default) && q.proto == .link else {
                throw CodeGenError("ARCnet address used in non-arc expression")
            }
            return try arcnetHostTest(arcnetByte(a.text), q.direction)
        case .name(let name, _):
            return try namedPrimitive(q, name)
        }
    }

    /// libpcap parses `$xx` with its Ethernet-address reader, which also consumes the `$` as a digit.
    private func arcnetByte(_ text: String) -> UInt8 {
        var bytes = Array(text.utf8)
        var out: [UInt8] = []
        func hex(_ c: UInt8) -> UInt8 {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c &- UInt8(ascii: "a") &+ 10
            default: return c &- UInt8(ascii: "A") &+ 10
            }
        }
        func isHex(_ c: UInt8) -> Bool {
            (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
        }
        while !bytes.isEmpty {
            if bytes[0] == UInt8(ascii: ":") || bytes[0] == UInt8(ascii: ".") || bytes[0] == UInt8(ascii: "-") {
                bytes.removeFirst()
                if bytes.isEmpty { break }
            }
            var d = hex(bytes.removeFirst())
            if let c = bytes.first, isHex(c) {
                d = (d &<< 4) | hex(c)
                bytes.removeFirst()
            }
            out.append(d)
        }
        return out.first ?? 0
    }

    /// A number or dotted IPv4 form (libpcap's gen_ncode).
    private mutating func numericPrimitive(_ q: Qualifiers, text: String?, value: UInt32) throws(CodeGenError) -> Fragment {
        var v = value
        var bits = 32
        if let text {
            if q.proto == .decnet {
                guard let dn = decnetAddress(text) else { throw CodeGenError("malformed decnet address '\(text)'") }
                v = dn
            } else {
                let lit = IPv4Literal(text: text)
                guard let value = lit.value else { throw CodeGenError("invalid IPv4 address '\(text)'") }
                v = value
                bits = lit.bitLength
            }
        }
        switch q.address {
        case .default, .host, .net:
            if q.proto == .decnet { return try ipv4Host(v, mask: 0, q.proto, q.direction, isNet: q.address == .net) }
            if q.proto == .link { throw CodeGenError("illegal link layer address") }
            var mask: UInt32 = 0xffff_ffff
            if text == nil && q.address == .net {
                while v != 0 && (v & 0xff00_0000) == 0 {
                    v <<= 8
                    mask <<= 8
                }
            } else {
                v = bits >= 32 ? v : v << UInt32(32 - bits)
                mask = bits >= 32 ? mask : mask << UInt32(32 - bits)
            }
            return try ipv4Host(v, mask: mask, q.proto, q.direction, isNet: q.address == .net)
        case .port, .portrange:
            let proto: PortProtocol
            switch q.proto {
            case .udp: proto = .only(IPProto.udp)
            case .tcp: proto = .only(IPProto.tcp)
            case .sctp: proto = .only(IPProto.sctp)
            case .default: proto = .any
            default: throw CodeGenError("illegal qualifier of '\(q.address == .port ? "port" : "portrange")'")
            }
            if v > 65535 { throw CodeGenError("illegal port number \(v) > 65535") }
            if q.address == .port { return try portPrimitive(v, proto, q.direction) }
            return try portRangePrimitive(v, v, proto, q.direction)
        case .gateway:
            throw CodeGenError("'gateway' requires a name")
        case .proto:
            return try protoTest(v, q.proto, q.direction)
        case .protochain:
            return try protochainTest(v, q.proto)
        case .undefined:
            throw CodeGenError("syntax error in filter expression")
        }
    }

    /// `A.N` DECnet address: area << 10 | node.
    private func decnetAddress(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, let area = Int(parts[0].prefix { $0.isNumber }),
              let node = Int(parts[1].prefix { $0.isNumber }) else { return nil }
        return (UInt32(truncatingIfNeeded: area << 10) & 0o176000) | (UInt32(truncatingIfNeeded: node) & 0o1777)
    }

    /// `net A/len`, `net A mask M` (libpcap's gen_mcode).
    private mutating func maskedNetwork(_ q: Qualifiers, _ lit: IPv4Literal, maskText: IPv4Literal?,
                                        prefixLength: UInt32) throws(CodeGenError) -> Fragment {
        guard var n = lit.value else { throw CodeGenError("invalid IPv4 address '\(lit.text)'") }
        n = lit.bitLength >= 32 ? n : n << UInt32(32 - lit.bitLength)
        var m: UInt32
        if let maskText {
            guard var mv = maskText.value else { throw CodeGenError("invalid IPv4 address '\(maskText.text)'") }
            mv = maskText.bitLength >= 32 ? mv : mv << UInt32(32 - maskText.bitLength)
            m = mv
            if n & ~m != 0 {
                throw CodeGenError("non-network bits set in \"\(lit.text) mask \(maskText.text)\"")
            }
        } else {
            if prefixLength > 32 { throw CodeGenError("mask length must be <= 32") }
            m = prefixLength == 0 ? 0 : 0xffff_ffff << (32 - prefixLength)
            if n & ~m != 0 { throw CodeGenError("non-network bits set in \"\(lit.text)/\(prefixLength)\"") }
        }
        guard q.address == .net else { throw CodeGenError("Mask syntax for networks only") }
        return try ipv4Host(n, mask: m, q.proto, q.direction, isNet: true)
    }

    /// An IPv6 address or prefix (libpcap's gen_mcode6).
    private mutating func ipv6Network(_ q: Qualifiers, _ lit: IPv6Literal, prefixLength: UInt32) throws(CodeGenError) -> Fragment {
        if prefixLength > 128 { throw CodeGenError("mask length must be <= 128") }
        var mask = [UInt8](repeating: 0, count: 16)
        for i in 0..<Int(prefixLength / 8) { mask[i] = 0xff }
        if prefixLength % 8 != 0 { mask[Int(prefixLength / 8)] = UInt8(truncatingIfNeeded: 0xff << (8 - prefixLength % 8)) }
        let bytes = lit.bytes.count == 16 ? lit.bytes : [UInt8](repeating: 0, count: 16)
        for i in 0..<16 where bytes[i] & ~mask[i] != 0 {
            throw CodeGenError("non-network bits set in \"\(lit.text)/\(prefixLength)\"")
        }
        switch q.address {
        case .default, .host, .net:
            if q.address != .net && prefixLength != 128 { throw CodeGenError("Mask syntax for networks only") }
            return try ipv6Host(words(bytes), mask: words(mask), q.proto, q.direction, isNet: q.address == .net)
        default:
            throw CodeGenError("invalid qualifier against IPv6 address")
        }
    }

    /// Four big-endian words of a 16-byte address.
    func words(_ b: [UInt8]) -> [UInt32] {
        var out: [UInt32] = []
        for i in 0..<4 {
            var w: UInt32 = 0
            for j in 0..<4 {
                let byte: UInt8 = b.count == 16 ? b[4 * i + j] : 0
                w = (w << 8) | UInt32(byte)
            }
            out.append(w)
        }
        return out
    }

    /// A name operand (libpcap's gen_scode).
    private mutating func namedPrimitive(_ q: Qualifiers, _ name: String) throws(CodeGenError) -> Fragment {
        switch q.address {
        case .net:
            guard var addr = names.network(named: name), addr != 0 else {
                throw CodeGenError("unknown network '\(name)'")
            }
            var mask: UInt32 = 0xffff_ffff
            while addr != 0 && (addr & 0xff00_0000) == 0 {
                addr <<= 8
                mask <<= 8
            }
            return try ipv4Host(addr, mask: mask, q.proto, q.direction, isNet: true)
        case .default, .host:
            if q.proto == .link {
                let kind: String
                switch linkType.rawValue {
                case DLT.en10mb, DLT.netAnalyzer, DLT.netAnalyzerTransparent: kind = "ether"
                case DLT.fddi: kind = "FDDI"
                case DLT.ieee802: kind = "token ring"
                case DLT.ieee80211, DLT.prismHeader, DLT.ieee80211RadioAVS, DLT.ieee80211Radio, DLT.ppi: kind = "802.11"
                case DLT.ipOverFC: kind = "Fibre Channel"
                default:
                    throw CodeGenError("only ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel supports link-level host name")
                }
                guard let mac = names.ethernetAddress(ofHost: name) else {
                    throw CodeGenError("unknown \(kind) host '\(name)'")
                }
                guard let r = try linkHostTest(mac, q.direction) else {
                    throw CodeGenError("only ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel supports link-level host name")
                }
                return r
            }
            if q.proto == .decnet {
                throw CodeGenError("decnet name support not included, '\(name)' cannot be translated\n")
            }
            let addresses = names.addresses(ofHost: name)
            if addresses.isEmpty { throw CodeGenError("unknown host '\(name)'") }
            var proto4 = q.proto, proto6 = q.proto
            if offLinkType.constantPart == offsetNotSet && q.proto == .default {
                proto4 = .ip
                proto6 = .ip6
            }
            var result: Fragment?
            for a in addresses {
                let t: Fragment
                switch a {
                case .ipv4(let v4):
                    if proto4 == .ip6 { continue }
                    t = try ipv4Host(v4, mask: 0xffff_ffff, proto4, q.direction, isNet: q.address == .net)
                case .ipv6(let v6):
                    if proto6 == .ip { continue }
                    t = try ipv6Host(words(v6), mask: [0xffff_ffff, 0xffff_ffff, 0xffff_ffff, 0xffff_ffff], proto6,
                                     q.direction, isNet: q.address == .net)
                }
                result = or(result, t)
            }
            guard let result else {
                throw CodeGenError("unknown host '\(name)'\(q.proto == .default ? "" : " for specified address family")")
            }
            return result
        case .port:
            if q.proto != .default && q.proto != .udp && q.proto != .tcp && q.proto != .sctp {
                throw CodeGenError("illegal qualifier of 'port'")
            }
            guard let (port, real) = servicePort(name) else { throw CodeGenError("unknown port '\(name)'") }
            let proto = try portProtocol(q.proto, real, what: "port '\(name)'")
            if port < 0 { throw CodeGenError("illegal port number \(port) < 0") }
            if port > 65535 { throw CodeGenError("illegal port number \(port) > 65535") }
            return try portPrimitive(UInt32(port), proto, q.direction)
        case .portrange:
            if q.proto != .default && q.proto != .udp && q.proto != .tcp && q.proto != .sctp {
                throw CodeGenError("illegal qualifier of 'portrange'")
            }
            guard let (p1, p2, real) = servicePortRange(name) else {
                throw CodeGenError("unknown port in range '\(name)'")
            }
            let proto = try portProtocol(q.proto, real, what: "port in range '\(name)'")
            for p in [p1, p2] {
                if p < 0 { throw CodeGenError("illegal port number \(p) < 0") }
                if p > 65535 { throw CodeGenError("illegal port number \(p) > 65535") }
            }
            return try portRangePrimitive(UInt32(p1), UInt32(p2), proto, q.direction)
        case .gateway:
            throw CodeGenError("'gateway' not supported in this configuration")
        case .proto:
            return try protoTest(try lookupProtocol(name, q.proto), q.proto, q.direction)
        case .protochain:
            return try protochainTest(try lookupProtocol(name, q.proto), q.proto)
        case .undefined:
            throw CodeGenError("syntax error in filter expression")
        }
    }

    /// Narrows the service's protocol to the one the qualifier names, failing when they disagree.
    private func portProtocol(_ q: ProtocolQualifier, _ real: PortProtocol, what: String) throws(CodeGenError) -> PortProtocol {
        func name(_ p: PortProtocol) -> String? {
            switch p {
            case .only(IPProto.tcp): return "tcp"
            case .only(IPProto.udp): return "udp"
            case .only(IPProto.sctp): return "sctp"
            default: return nil
            }
        }
        let wanted: UInt32
        switch q {
        case .udp: wanted = IPProto.udp
        case .tcp: wanted = IPProto.tcp
        case .sctp: wanted = IPProto.sctp
        default: return real
        }
        if real != .any && real != .only(wanted), let n = name(real) {
            throw CodeGenError("\(what) is \(n)")
        }
        return .only(wanted)
    }

    /// A service name or number, with the protocols it is defined for (libpcap's pcap_nametoport).
    private func servicePort(_ name: String) -> (Int, PortProtocol)? {
        if !name.isEmpty, name.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(name) {
            return (n, .any)
        }
        let tcp = names.port(ofService: name, protocol: "tcp")
        let udp = names.port(ofService: name, protocol: "udp")
        if let tcp {
            if let udp, udp == tcp { return (tcp, .any) }
            return (tcp, .only(IPProto.tcp))
        }
        if let udp { return (udp, .only(IPProto.udp)) }
        return nil
    }

    /// `P1-P2` with numbers or service names (libpcap's pcap_nametoportrange).
    private func servicePortRange(_ name: String) -> (Int, Int, PortProtocol)? {
        if let (a, b) = leadingNumberPair(name) { return (a, b, .any) }
        guard let dash = name.firstIndex(of: "-") else { return nil }
        guard let (p1, proto1) = servicePort(String(name[..<dash])) else { return nil }
        guard let (p2, proto2) = servicePort(String(name[name.index(after: dash)...])) else { return nil }
        return (p1, p2, proto1 == proto2 ? proto2 : .any)
    }

    /// `sscanf("%d-%d")`: two decimal numbers separated by '-', trailing text ignored.
    private func leadingNumberPair(_ s: String) -> (Int, Int)? {
        var chars = Substring(s)
        func number() -> Int? {
            while let c = chars.first, c == " " || c == "\t" { chars.removeFirst() }
            var sign = 1
            if let c = chars.first, c == "-" || c == "+" { sign = c == "-" ? -1 : 1; chars.removeFirst() }
            let digits = chars.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let v = Int(digits.prefix(18)) else { return nil }
            chars = chars.dropFirst(digits.count)
            return sign * v
        }
        guard let a = number() else { return nil }
        guard chars.first == "-" else { return nil }
        chars.removeFirst()
        guard let b = number() else { return nil }
        return (a, b)
    }

    /// Resolves a protocol name for `proto`/`protochain` (libpcap's lookup_proto).
    private func lookupProtocol(_ name: String, _ proto: ProtocolQualifier) throws(CodeGenError) -> UInt32 {
        switch proto {
        case .default, .ip, .ip6:
            guard let v = names.protocolNumber(named: name), v >= 0 else {
                throw CodeGenError("unknown ip proto '\(name)'")
            }
            return UInt32(v)
        case .link:
            if let v = etherProtocolNames[name] ?? llcProtocolNames[name] { return v }
            throw CodeGenError("unknown ether proto '\(name)'")
        case .iso:
            switch name {
            case "esis": return OSI.esis
            case "isis": return OSI.isis
            case "clnp": return OSI.clnp
            default: throw CodeGenError("unknown osi proto '\(name)'")
            }
        default:
            throw CodeGenError("unknown protocol: \(name)")
        }
    }
}
