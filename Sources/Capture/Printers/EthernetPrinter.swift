/// Ethernet II and 802.3 frames, with 802.1Q/802.1ad tags (tcpdump's `ether_print`).
extension Dissector {
    private mutating func etherTypeText(_ t: UInt16) {
        if !quiet {
            out.text("ethertype ")
            if let n = Names.etherType(t) { out.text(n) } else { out.text("Unknown") }
            out.text(" (0x")
            out.hex(t, width: 4)
            out.byte(UInt8(ascii: ")"))
        } else if let n = Names.etherType(t) {
            out.text(n)
        } else {
            out.text("Unknown Ethertype (0x")
            out.hex(t, width: 4)
            out.byte(UInt8(ascii: ")"))
        }
    }

    private mutating func etherAddresses(_ header: EthernetHeader) {
        mac(header.source)
        out.text(" > ")
        mac(header.destination)
        out.text(", ")
    }

    /// Prints an Ethernet frame; returns the length of the link-layer header (MACs, tags, type, LLC).
    mutating func printEthernet(_ frame: ByteView, length wire: Int, caplen cap: Int) throws(Truncated) -> Int {
        if wire < cap {
            out.text("[length ")
            out.decimal(wire)
            out.text(" < caplen ")
            out.decimal(cap)
            out.byte(UInt8(ascii: "]"))
            printInvalid()
            return wire
        }
        if cap < 14 {
            printTruncated()
            return cap
        }
        let header = try EthernetHeader(frame)
        if eflag { etherAddresses(header) }
        var length = wire - 12
        var caplen = cap - 12
        var p = frame.advanced(by: 12)
        var hdrlen = 12
        var type = header.typeOrLength
        length -= 2
        caplen -= 2
        p = p.advanced(by: 2)
        hdrlen += 2
        var printedLength = false
        while type == 0x8100 || type == 0x9100 || type == 0x9200 || type == 0x88a8 {
            if caplen < 4 {
                proto = "vlan"
                printTruncated()
                return hdrlen + caplen
            }
            if length < 4 {
                proto = "vlan"
                printTruncated()
                return hdrlen + length
            }
            if eflag {
                let tag = try VLANTag(p)
                etherTypeText(type)
                if !printedLength {
                    out.text(", length ")
                    out.decimal(wire)
                    out.text(": ")
                    printedLength = true
                } else {
                    out.text(", ")
                }
                vlanTag(tag.tci)
                out.text(", ")
            }
            type = try p.u16(2)
            p = p.advanced(by: 4)
            length -= 4
            caplen -= 4
            hdrlen += 4
        }
        if type <= 1500 {
            if Int(type) < length {
                length = Int(type)
                if caplen > length { caplen = length }
            }
            let payload = p.limited(to: length)
            if eflag {
                out.text("802.3")
                if !printedLength {
                    out.text(", length ")
                    out.decimal(length)
                    out.text(": ")
                }
            }
            let n = try printLLC(payload, length: length, caplen: caplen, frame: frame)
            if n < 0 { defaultPrintUnlessSuppressed(payload, count: caplen) }
            hdrlen += abs(n)
        } else {
            if eflag {
                etherTypeText(type)
                if !printedLength {
                    out.text(", length ")
                    out.decimal(wire)
                    out.text(": ")
                } else {
                    out.text(", ")
                }
            }
            if try !printEtherType(type, p, length: length, caplen: caplen) {
                if !eflag {
                    etherAddresses(header)
                    etherTypeText(type)
                    out.text(", length ")
                    out.decimal(wire)
                    out.text(": ")
                }
                defaultPrintUnlessSuppressed(p, count: caplen)
            }
        }
        return hdrlen
    }

    /// Prints the payload of an Ethernet type; false when the type is not decoded.
    mutating func printEtherType(_ type: UInt16, _ p: ByteView, length: Int, caplen: Int) throws(Truncated) -> Bool {
        switch type {
        case 0x0800:
            try printIPv4(p, length: length)
        case 0x86dd:
            try printIPv6(p, length: length)
        case 0x0806, 0x8035:
            try printARP(p, length: length, caplen: caplen)
        default:
            return false
        }
        return true
    }
}
