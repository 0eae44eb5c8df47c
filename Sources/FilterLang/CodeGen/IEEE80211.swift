import BPFCore

extension CodeGenerator {
    /// A `jset #mask` test on a frame-control byte (0 or 1) of the 802.11 header.
    private mutating func frameControlBit(_ byte: UInt32, _ mask: UInt32) throws(CodeGenError) -> Fragment {
        let s = try loadA(.linkHeader, byte, .byte)
        return newBlock(BPF.jmp | BPF.jset | BPF.k, k: mask, statements: s)
    }

    /// "This is a data frame": type bit 0x08 set and 0x04 clear.
    mutating func ieee80211DataFrameCheck() throws(CodeGenError) -> Fragment {
        let data = try frameControlBit(0, 0x08)
        let notCtl = try frameControlBit(0, 0x04).negated
        return and(notCtl, data)
    }

    /// `wlan [dir] host MAC`, with the address position depending on the To/From-DS bits.
    mutating func wlanHostTest(_ mac: [UInt8], _ dir: DirectionQualifier) throws(CodeGenError) -> Fragment {
        switch dir {
        case .src:
            // From DS and To DS: address 4.
            var r = try frameControlBit(1, 0x01)
            var b = try bytesCmp(.linkHeader, 24, mac)
            r = and(r, b)
            // To DS only: address 2... (from DS clear): address 2 at 16 when From DS clear.
            var t = try frameControlBit(1, 0x01).negated
            b = try bytesCmp(.linkHeader, 16, mac)
            b = and(t, b)
            r = or(b, r)
            t = try frameControlBit(1, 0x02)
            r = and(t, r)
            t = try frameControlBit(1, 0x02).negated
            b = try bytesCmp(.linkHeader, 10, mac)
            b = and(t, b)
            r = or(b, r)
            t = try frameControlBit(0, 0x08)
            r = and(t, r)
            t = try frameControlBit(0, 0x08).negated
            b = try bytesCmp(.linkHeader, 10, mac)
            b = and(t, b)
            r = or(b, r)
            t = try frameControlBit(0, 0x04).negated
            return and(t, r)
        case .dst:
            var r = try frameControlBit(1, 0x01)
            var b = try bytesCmp(.linkHeader, 16, mac)
            r = and(r, b)
            var t = try frameControlBit(1, 0x01).negated
            b = try bytesCmp(.linkHeader, 4, mac)
            b = and(t, b)
            r = or(b, r)
            t = try frameControlBit(0, 0x08)
            r = and(t, r)
            t = try frameControlBit(0, 0x08).negated
            b = try bytesCmp(.linkHeader, 4, mac)
            b = and(t, b)
            r = or(b, r)
            t = try frameControlBit(0, 0x04).negated
            return and(t, r)
        case .srcAndDst:
            let s = try wlanHostTest(mac, .src)
            let d = try wlanHostTest(mac, .dst)
            return and(s, d)
        case .default, .srcOrDst, .undefined:
            let s = try wlanHostTest(mac, .src)
            let d = try wlanHostTest(mac, .dst)
            return or(s, d)
        case .addr1:
            return try bytesCmp(.linkHeader, 4, mac)
        case .addr2:
            let notCtl = try maskedCmp(.linkHeader, 0, .byte, 0x04, mask: 0x0c).negated
            let notCTS = try maskedCmp(.linkHeader, 0, .byte, 0xc0, mask: 0xf0).negated
            let notACK = try maskedCmp(.linkHeader, 0, .byte, 0xd0, mask: 0xf0).negated
            var r = and(notCTS, notACK)
            r = or(notCtl, r)
            let b = try bytesCmp(.linkHeader, 10, mac)
            return and(r, b)
        case .addr3:
            let notCtl = try maskedCmp(.linkHeader, 0, .byte, 0x04, mask: 0x0c).negated
            let b = try bytesCmp(.linkHeader, 16, mac)
            return and(notCtl, b)
        case .addr4:
            let wds = try maskedCmp(.linkHeader, 1, .byte, 0x03, mask: 0x03)
            let b = try bytesCmp(.linkHeader, 24, mac)
            return and(wds, b)
        case .ra:
            let t = try frameControlBit(0, 0x08)
            let b = try bytesCmp(.linkHeader, 4, mac)
            return and(t, b)
        case .ta:
            let notCtl = try maskedCmp(.linkHeader, 0, .byte, 0x04, mask: 0x0c).negated
            let notCTS = try maskedCmp(.linkHeader, 0, .byte, 0xc0, mask: 0xf0).negated
            let notACK = try maskedCmp(.linkHeader, 0, .byte, 0xd0, mask: 0xf0).negated
            var r = and(notCTS, notACK)
            r = or(notCtl, r)
            let t = try frameControlBit(0, 0x08)
            r = and(t, r)
            let b = try bytesCmp(.linkHeader, 10, mac)
            return and(r, b)
        }
    }

    /// True for the DLTs whose packets start with (something before) an 802.11 header.
    var isIEEE80211Family: Bool {
        switch linkType.rawValue {
        case DLT.ieee80211, DLT.prismHeader, DLT.ieee80211RadioAVS, DLT.ieee80211Radio, DLT.ppi: return true
        default: return false
        }
    }

    /// `type T [subtype S]`, `subtype S`: masked compare of frame-control byte 0.
    mutating func wlanTypeTest(_ value: UInt32, mask: UInt32) throws(CodeGenError) -> Fragment {
        switch linkType.rawValue {
        case DLT.ieee80211, DLT.prismHeader, DLT.ieee80211RadioAVS, DLT.ieee80211Radio:
            return try maskedCmp(.linkHeader, 0, .byte, value, mask: mask)
        default:
            throw CodeGenError("802.11 link-layer types supported only on 802.11")
        }
    }

    /// `dir D`: the To/From-DS bits.
    mutating func wlanDirectionTest(_ value: UInt32) throws(CodeGenError) -> Fragment {
        switch linkType.rawValue {
        case DLT.ieee80211, DLT.prismHeader, DLT.ieee80211RadioAVS, DLT.ieee80211Radio:
            return try maskedCmp(.linkHeader, 1, .byte, value, mask: 0x03)
        default:
            throw CodeGenError("frame direction supported only with 802.11 headers")
        }
    }

    /// For DLT_PPI: the check that the PPI header announces an 802.11 frame.
    mutating func ppiDLTCheck() -> Fragment? {
        guard linkType.rawValue == DLT.ppi else { return nil }
        return newBlock(BPF.jmp | BPF.jeq | BPF.k, k: UInt32(DLT.ieee80211).byteSwapped,
                        statements: [Statement(BPF.ld | BPF.w | BPF.abs, 4)])
    }
}
