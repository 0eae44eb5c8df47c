import BPFCore

#if canImport(Glibc)
import Glibc
#endif

/// The link layers the printer decodes.
enum LinkLayer {
    case ethernet, raw, ipv4, ipv6, null, loop, linuxSLL, linuxSLL2, ipnet

    init?(_ t: LinkType) {
        switch t.rawValue {
        case 1: self = .ethernet
        case 12, 14, 101: self = .raw
        case 228: self = .ipv4
        case 229: self = .ipv6
        case 0: self = .null
        case 108: self = .loop
        case 113: self = .linuxSLL
        case 276: self = .linuxSLL2
        case 226: self = .ipnet
        default: return nil
        }
    }
}

/// An interface's name for its index (SLL2 prints it), through the C library.
enum InterfaceNames {
    static func name(index: UInt32, into out: inout OutputBuffer) {
        #if canImport(Glibc)
        let size = Int(IF_NAMESIZE) + 1
        let found = withUnsafeTemporaryAllocation(of: CChar.self, capacity: size) { p -> Bool in
            guard let base = p.baseAddress else { return false }
            p.initialize(repeating: 0)
            guard if_indextoname(index, base) != nil else { return false }
            var count = 0
            while count < size - 1 && p[count] != 0 {
                out.byte(UInt8(bitPattern: p[count]))
                count += 1
            }
            while count < 5 {
                out.byte(0x20)
                count += 1
            }
            return true
        }
        if found { return }
        #endif
        out.text("?    ")
    }
}

extension Dissector {
    /// Prints a packet of the given link type from its first byte.
    mutating func printLink(_ v: ByteView, linkType: LinkType, wireLength: Int) throws(Truncated) {
        guard let layer = LinkLayer(linkType) else {
            defaultPrint(v, count: v.available)
            return
        }
        switch layer {
        case .ethernet:
            proto = "ether"
            linkHeaderLength += try printEthernet(v, length: wireLength, caplen: v.available)
        case .raw, .ipv4, .ipv6:
            // tcpdump 4.99.3 prints all three with its raw-IP printer.
            proto = "raw"
            if eflag { out.text("ip: ") }
            try printIPAnyVersion(v, length: wireLength)
        case .null, .loop:
            try printNull(v, length: wireLength, loop: layer == .loop)
        case .linuxSLL:
            try printSLL(v, length: wireLength)
        case .linuxSLL2:
            try printSLL2(v, length: wireLength)
        case .ipnet:
            try printIPNET(v, length: wireLength)
        }
    }

    private mutating func ipnetHeader(_ v: ByteView, length: Int) throws(Truncated) {
        out.decimal(try v.u32(16))
        out.text(" > ")
        out.decimal(try v.u32(20))
        let family = try v.u8(1)
        let name: StaticString? = family == 2 ? "IPv4" : family == 26 ? "IPv6" : nil
        if !quiet {
            out.text(", family ")
            if let name { out.text(name) } else { out.text("Unknown") }
            out.text(" (")
            out.decimal(family)
            out.byte(UInt8(ascii: ")"))
        } else if let name {
            out.text(", ")
            out.text(name)
        } else {
            out.text(", Unknown Ethertype (0x")
            out.hex(family, width: 4)
            out.byte(UInt8(ascii: ")"))
        }
        out.text(", length ")
        out.decimal(length)
        out.text(": ")
    }

    /// Solaris ipnet (24-byte header).
    mutating func printIPNET(_ v: ByteView, length: Int) throws(Truncated) {
        proto = "ipnet"
        try v.check(0, 24)
        linkHeaderLength += 24
        if eflag { try ipnetHeader(v, length: length) }
        let p = v.advanced(by: 24)
        switch try v.u8(1) {
        case 2: try printIPv4(p, length: length - 24)
        case 26: try printIPv6(p, length: length - 24)
        default:
            if !eflag { try ipnetHeader(v, length: length) }
            defaultPrintUnlessSuppressed(p, count: p.available)
        }
    }

    /// IPv4 or IPv6 by the version nibble (tcpdump's `ipN_print`).
    mutating func printIPAnyVersion(_ v: ByteView, length: Int) throws(Truncated) {
        proto = "ipn"
        if length < 1 {
            out.text("truncated-ip ")
            out.decimal(length)
            return
        }
        let version = try v.u8(0) & 0xf0
        switch version {
        case 0x40: try printIPv4(v, length: length)
        case 0x60: try printIPv6(v, length: length)
        default:
            out.text("unknown ip ")
            out.decimal(version >> 4)
        }
    }

    private mutating func nullHeader(_ family: UInt32, length: Int) {
        let name: StaticString?
        switch family {
        case 2: name = "IPv4"
        case 6: name = "NS"
        case 7: name = "ISO"
        case 16: name = "Appletalk"
        case 23: name = "IPX"
        case 24, 28, 30: name = "IPv6"
        default: name = nil
        }
        if !quiet {
            out.text("AF ")
            if let name { out.text(name) } else { out.text("Unknown") }
            out.text(" (")
            out.decimal(family)
            out.byte(UInt8(ascii: ")"))
        } else if let name {
            out.text(name)
        } else {
            out.text("Unknown AF ")
            out.decimal(family)
        }
        out.text(", length ")
        out.decimal(length)
        out.text(": ")
    }

    /// DLT_NULL / DLT_LOOP: a 4-byte address family in some byte order.
    mutating func printNull(_ v: ByteView, length: Int, loop: Bool) throws(Truncated) {
        proto = "null"
        try v.check(0, 4)
        linkHeaderLength += 4
        var family = try v.u32le(0)
        if family & 0xffff_0000 != 0 { family = family.byteSwapped }
        if eflag { nullHeader(family, length: length) }
        let p = v.advanced(by: 4)
        switch family {
        case 2: try printIPv4(p, length: length - 4)
        case 24, 28, 30: try printIPv6(p, length: length - 4)
        default:
            if !eflag { nullHeader(family, length: length) }
            defaultPrintUnlessSuppressed(p, count: p.available)
        }
    }

    private mutating func sllTypeText(_ etherType: UInt16) {
        if etherType <= 1500 {
            switch etherType {
            case 1: out.text("802.3")
            case 4: out.text("802.2")
            default:
                out.text("ethertype Unknown (0x")
                out.hex(etherType, width: 4)
                out.byte(UInt8(ascii: ")"))
            }
        } else {
            out.text("ethertype ")
            if let n = Names.etherType(etherType) { out.text(n) } else { out.text("Unknown") }
            out.text(" (0x")
            out.hex(etherType, width: 4)
            out.byte(UInt8(ascii: ")"))
        }
    }

    private mutating func packetTypeText(_ t: UInt16, width: Int) {
        let s: StaticString
        switch t {
        case 0: s = "In"
        case 1: s = "B"
        case 2: s = "M"
        case 3: s = "P"
        case 4: s = "Out"
        default: s = "?"
        }
        let n = s.utf8CodeUnitCount
        if width > 0 { for _ in n..<max(n, width) { out.byte(0x20) } }
        out.text(s)
        if width < 0 { for _ in n..<max(n, -width) { out.byte(0x20) } }
    }

    private mutating func sllHeader(_ v: ByteView, length: Int) throws(Truncated) {
        proto = "sll"
        packetTypeText(try v.u16(0), width: 3)
        out.byte(0x20)
        if try v.u16(4) == 6 {
            try macAddress(v, 6)
            out.byte(0x20)
        }
        if !quiet {
            sllTypeText(try v.u16(14))
            out.text(", length ")
            out.decimal(length)
            out.text(": ")
        }
    }

    private mutating func sll2Header(_ v: ByteView, length: Int) throws(Truncated) {
        proto = "sll2"
        out.text("ifindex ")
        out.decimal(try v.u32(4))
        out.byte(0x20)
        if try v.u8(11) == 6 {
            try macAddress(v, 12)
            out.byte(0x20)
        }
        if !quiet {
            sllTypeText(try v.u16(0))
            out.text(", length ")
            out.decimal(length)
            out.text(": ")
        }
    }

    /// Linux cooked capture v1 (16-byte header).
    mutating func printSLL(_ v: ByteView, length: Int) throws(Truncated) {
        proto = "sll"
        try v.check(0, 16)
        if eflag { try sllHeader(v, length: length) }
        let etherType = try v.u16(14)
        try printCookedPayload(v, headerLength: 16, etherType: etherType, length: length) {
            (d: inout Dissector) throws(Truncated) in try d.sllHeader(v, length: length)
        }
    }

    /// Linux cooked capture v2 (20-byte header, `-i any`).
    mutating func printSLL2(_ v: ByteView, length: Int) throws(Truncated) {
        proto = "sll2"
        try v.check(0, 20)
        InterfaceNames.name(index: try v.u32(4), into: &out)
        out.byte(0x20)
        packetTypeText(UInt16(try v.u8(10)), width: -3)
        out.byte(0x20)
        if eflag { try sll2Header(v, length: length) }
        let etherType = try v.u16(0)
        try printCookedPayload(v, headerLength: 20, etherType: etherType, length: length) {
            (d: inout Dissector) throws(Truncated) in try d.sll2Header(v, length: length)
        }
    }

    private mutating func printCookedPayload(
        _ v: ByteView, headerLength: Int, etherType initial: UInt16, length wire: Int,
        header: (inout Dissector) throws(Truncated) -> Void
    ) throws(Truncated) {
        var p = v.advanced(by: headerLength)
        var length = wire - headerLength
        var hdrlen = headerLength
        var etherType = initial
        while true {
            if etherType <= 1500 {
                let n = etherType == 4 ? try printLLC(p, length: length, caplen: p.available) : -1
                if n >= 0 { hdrlen += n } else { defaultPrintUnlessSuppressed(p, count: p.available) }
                break
            } else if etherType == 0x8100 {
                if p.available < 4 {
                    proto = "vlan"
                    printTruncated()
                    linkHeaderLength += hdrlen + p.available
                    return
                }
                if eflag {
                    vlanTag(try p.u16(0))
                    out.text(", ")
                }
                etherType = try p.u16(2)
                if etherType <= 1500 { etherType = 4 }
                if !quiet {
                    out.text("ethertype ")
                    if let n = Names.etherType(etherType) { out.text(n) } else { out.text("Unknown") }
                    out.text(", ")
                }
                p = p.advanced(by: 4)
                length -= 4
                hdrlen += 4
            } else {
                if try !printEtherType(etherType, p, length: length, caplen: p.available) {
                    if !eflag { try header(&self) }
                    defaultPrintUnlessSuppressed(p, count: p.available)
                }
                break
            }
        }
        linkHeaderLength += hdrlen
    }

    /// `vlan N, p P[, DEI]`.
    mutating func vlanTag(_ tci: UInt16) {
        out.text("vlan ")
        out.decimal(tci & 0xfff)
        out.text(", p ")
        out.decimal(tci >> 13)
        if tci & 0x1000 != 0 { out.text(", DEI") }
    }
}
