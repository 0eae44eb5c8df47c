/// The semantics of the kernel helpers the translations call, over a ``SocketBuffer``.
extension SocketBuffer {
    static let efault: Int64 = -14

    /// `bpf_skb_load_helper_{8,16,32}`: maps SKF_NET_OFF/SKF_LL_OFF offsets, reads big-endian from the
    /// head when `headLength - offset >= size` (relative to `dataBase`), else through `skb_copy_bits`.
    /// Returns the zero-extended value or -EFAULT.
    func loadHelper(size: Int, offset rawOffset: Int32, dataBase: Int, headLength headlen: Int) -> Int64 {
        var offset = Int(rawOffset)
        if offset < 0 {
            if offset >= -0x10_0000 {
                offset = offset + 0x10_0000 + context.networkHeaderOffset
            } else if offset >= -0x20_0000, let mac = context.macHeaderOffset {
                offset = offset + 0x20_0000 + mac
            } else {
                return Self.efault
            }
        }
        var value: UInt64 = 0
        if headlen - offset >= size {
            for j in 0..<size {
                let i = dataStart &+ dataBase &+ offset &+ j
                guard i >= 0 && i < linear.count else { return Self.efault }
                value = value << 8 | UInt64(linear[i])
            }
            return Int64(value)
        }
        guard offset >= 0, offset <= length - size else { return Self.efault }
        for j in 0..<size {
            guard let b = byte(at: offset + j) else { return Self.efault }
            value = value << 8 | UInt64(b)
        }
        return Int64(value)
    }

    /// `bpf_skb_get_nlattr` (`nested == false`) and `bpf_skb_get_nlattr_nest`.
    func netlinkAttribute(a: UInt32, x: UInt32, nested: Bool) -> UInt64 {
        guard fragment.isEmpty, length >= 4, Int(a) <= length - 4 else { return 0 }
        let start = Int(a)
        if nested {
            let remaining = length - start
            guard let len = u16(start), len >= 4, Int(len) <= remaining else { return 0 }
            return findAttribute(from: start + 4, length: Int(len) - 4, type: x)
        }
        return findAttribute(from: start, length: length - start, type: x)
    }

    private func u16(_ at: Int) -> UInt16? {
        guard let lo = byte(at: at), let hi = byte(at: at + 1) else { return nil }
        return UInt16(lo) | UInt16(hi) << 8
    }

    private func findAttribute(from start: Int, length total: Int, type wanted: UInt32) -> UInt64 {
        var pos = start
        var remaining = total
        while remaining >= 4 {
            guard let len = u16(pos), let type = u16(pos + 2) else { return 0 }
            guard len >= 4, Int(len) <= remaining else { return 0 }
            if UInt32(type & 0x3fff) == wanted { return UInt64(pos) }
            let aligned = (Int(len) + 3) & ~3
            pos += aligned
            remaining -= aligned
        }
        return 0
    }

    /// `skb_get_poff`: the flow dissector's transport offset plus the transport header length, 0 when
    /// dissection fails. Covers IPv4/IPv6 over the buffer's protocol with TCP, UDP, UDP-Lite, ICMP,
    /// ICMPv6, IGMP, GRE, DCCP and SCTP.
    func payloadOffset() -> UInt32 {
        var pos = context.networkHeaderOffset
        var proto: UInt8
        switch context.protocolNumber {
        case 0x0800:
            guard let vihl = byte(at: pos), vihl >> 4 == 4 else { return 0 }
            let ihl = Int(vihl & 0x0f) * 4
            guard ihl >= 20, pos + ihl <= length, let p = byte(at: pos + 9),
                  let f0 = byte(at: pos + 6), let f1 = byte(at: pos + 7) else { return 0 }
            proto = p
            let fragOffset = (UInt16(f0) << 8 | UInt16(f1)) & 0x1fff
            pos += ihl
            if fragOffset != 0 { return UInt32(pos) }
        case 0x86dd:
            guard pos + 40 <= length, let nh = byte(at: pos + 6) else { return 0 }
            proto = nh
            pos += 40
        default:
            return 0
        }
        var header: Int
        switch proto {
        case 6:
            guard let d = byte(at: pos + 12) else { return 0 }
            header = max(20, Int(d >> 4) * 4)
        case 17, 136: header = 8
        case 1, 58, 2: header = 8
        case 47: header = 4
        case 33:
            guard let d = byte(at: pos + 4) else { return 0 }
            header = max(16, Int(d >> 4) * 4)
        case 132: header = 12
        default: header = 0
        }
        return UInt32(pos + header)
    }
}
