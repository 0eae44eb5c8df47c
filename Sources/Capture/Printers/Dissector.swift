import BPFCore

/// The state one packet is printed with: output, options, the name of the protocol being printed (for
/// ` [|proto]`), how long the link-layer header was, and the TCP sequence table that lives across packets.
///
/// Printers are extensions of this type, one file per protocol. A printer that reads past the capture throws
/// ``Truncated``; ``PacketPrinter`` then appends ` [|proto]` with the innermost protocol's name, as tcpdump does.
struct Dissector {
    var out: OutputBuffer
    let options: PrintOptions
    /// tcpdump's `ndo_protocol`.
    var proto: StaticString = ""
    /// Bytes of link-layer header, where `-x`/`-X`/`-A` start.
    var linkHeaderLength = 0
    var tcp: TCPSequenceTable
    /// Service, host, MAC and protocol names (inactive with `-n`).
    var names: NameResolver = .disabled

    @inline(__always) var verbose: Int { options.verbose }
    @inline(__always) var eflag: Bool { options.linkHeader }
    @inline(__always) var quiet: Bool { options.quiet > 0 }

    /// Prints ` [|proto]` for a printer that stops on truncation without abandoning the packet.
    mutating func printTruncated() {
        out.text(" [|")
        out.text(proto)
        out.byte(UInt8(ascii: "]"))
    }

    /// Appends ` (invalid)`.
    mutating func printInvalid() { out.text(" (invalid)") }

    /// The default payload print, unless `-q`/`-x`/`-X` suppress it.
    mutating func defaultPrintUnlessSuppressed(_ v: ByteView, count: Int) {
        if !options.suppressesDefaultPrint { defaultPrint(v, count: count) }
    }

    /// tcpdump's default payload print: hex and ASCII of `count` bytes, each line starting with newline + TAB.
    mutating func defaultPrint(_ v: ByteView, count: Int) {
        HexDump.hexAndASCII(v.packet, from: v.start, count: min(count, v.available), indent: "\n\t", into: &out)
    }

    /// Appends the IPv4 address stored at `offset`, after `prefix`; nothing at all when it was not captured
    /// (tcpdump formats the prefix and the address in one call).
    mutating func ipv4Address(_ v: ByteView, _ offset: Int, prefix: StaticString = "") throws(Truncated) {
        let a = try v.u32(offset)
        out.text(prefix)
        if names.enabled, let name = names.host(a) {
            out.string(name)
        } else {
            out.ipv4(a)
        }
    }

    /// Appends the IPv4 address at `offset` as a dotted quad, never as a name.
    mutating func numericIPv4Address(_ v: ByteView, _ offset: Int) throws(Truncated) {
        out.ipv4(try v.u32(offset))
    }

    /// Appends a port as tcpdump does: its service name without `-n`, else the number.
    mutating func port(_ p: UInt16, tcp isTCP: Bool) {
        if names.enabled, let name = isTCP ? names.tcpPort(p) : names.udpPort(p) {
            out.string(name)
        } else {
            out.decimal(p)
        }
    }

    /// Appends ` name` or ` ip-proto-N` for an IP protocol number.
    mutating func protocolKeyword(_ p: UInt8) {
        if names.enabled, let name = names.protocolName(p) {
            out.byte(0x20)
            out.string(name)
        } else {
            out.text(" ip-proto-")
            out.decimal(p)
        }
    }

    /// Appends the port of a port-unreachable error's embedded datagram (ICMP and ICMPv6 alike):
    /// ` tcp port NAME`, ` udp port NAME`, or ` protocol P port N` for other protocols.
    mutating func unreachablePort(_ port: UInt16, protocol proto: UInt8) {
        switch proto {
        case 6:
            out.text(" tcp port ")
            self.port(port, tcp: true)
        case 17:
            out.text(" udp port ")
            self.port(port, tcp: false)
        default:
            out.text(" protocol ")
            out.decimal(proto)
            out.text(" port ")
            out.decimal(port)
        }
    }

    /// Appends the IPv6 address stored at `offset`, in tcpdump's text form.
    mutating func ipv6Address(_ v: ByteView, _ offset: Int, prefix: StaticString = "", numeric: Bool = false)
        throws(Truncated)
    {
        try v.check(offset, 16)
        out.text(prefix)
        if names.enabled && !numeric,
            let name = names.host6(UnsafeRawBufferPointer(rebasing: v.packet[(v.start + offset)..<(v.start + offset + 16)]))
        {
            out.string(name)
            return
        }
        IPv6Groups(v.packet, at: v.start + offset).append(into: &out)
    }

    /// Appends the 6-byte MAC address at `offset` as `aa:bb:cc:dd:ee:ff`.
    mutating func macAddress(_ v: ByteView, _ offset: Int) throws(Truncated) {
        mac(try MACAddress(v, at: offset))
    }

    /// Appends a decoded MAC address.
    mutating func mac(_ a: MACAddress) {
        if names.enabled, let name = names.etherName(a.rawValue) {
            out.string(name)
            return
        }
        for i in 0..<6 {
            if i > 0 { out.byte(UInt8(ascii: ":")) }
            out.hexByte(UInt8(truncatingIfNeeded: a.rawValue >> (8 * UInt64(5 - i))))
        }
        if names.enabled {
            out.text(" (oui ")
            if let n = NameResolver.ouiName(UInt32(truncatingIfNeeded: a.rawValue >> 24)) {
                out.text(n)
            } else {
                out.text("Unknown")
            }
            out.byte(UInt8(ascii: ")"))
        }
    }

    /// Appends `count` bytes at `offset` as colon-separated hex (tcpdump's `linkaddr_string`).
    mutating func linkAddress(_ v: ByteView, _ offset: Int, count: Int, prefix: StaticString = "") throws(Truncated) {
        if count == 0 {
            out.text(prefix)
            out.text("<empty>")
            return
        }
        try v.check(offset, count)
        out.text(prefix)
        if count == 6 {
            try macAddress(v, offset)
            return
        }
        for i in 0..<count {
            if i > 0 { out.byte(UInt8(ascii: ":")) }
            out.hexByte(v.packet[v.start + offset + i])
        }
    }
}

/// IPv6 address text: lower-case hex words, the longest run (≥ 2) of zero words as `::`, IPv4 tails for
/// compatible and mapped addresses.
enum IPv6Text {
    static func append(_ w: UnsafeBufferPointer<UInt16>, into out: inout OutputBuffer) {
        var bestBase = -1, bestLen = 0, curBase = -1, curLen = 0
        for i in 0..<8 {
            if w[i] == 0 {
                if curBase == -1 { curBase = i; curLen = 1 } else { curLen += 1 }
            } else if curBase != -1 {
                if bestBase == -1 || curLen > bestLen { bestBase = curBase; bestLen = curLen }
                curBase = -1
            }
        }
        if curBase != -1 && (bestBase == -1 || curLen > bestLen) { bestBase = curBase; bestLen = curLen }
        if bestBase != -1 && bestLen < 2 { bestBase = -1 }
        var i = 0
        while i < 8 {
            if bestBase != -1 && i >= bestBase && i < bestBase + bestLen {
                if i == bestBase { out.byte(UInt8(ascii: ":")) }
                i += 1
                continue
            }
            if i != 0 { out.byte(UInt8(ascii: ":")) }
            if i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff)) {
                out.ipv4(UInt32(w[6]) << 16 | UInt32(w[7]))
                return
            }
            out.hex(w[i])
            i += 1
        }
        if bestBase != -1 && bestBase + bestLen == 8 { out.byte(UInt8(ascii: ":")) }
    }
}
