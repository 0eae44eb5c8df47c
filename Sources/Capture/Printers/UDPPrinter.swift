/// UDP datagrams (tcpdump's `udp_print`), with the DNS and mDNS payloads decoded.
extension Dissector {
    mutating func printUDP(_ up: ByteView, length wire: Int, ip: IPContext) throws(Truncated) {
        proto = "udp"
        guard up.has(2, 2) else {
            if ip.firstNextHeader == 17 { try ipAddresses(ip, separator: ": ") }
            printTruncated()
            return
        }
        let sport = try up.u16(0)
        let dport = try up.u16(2)
        if wire < 8 {
            try ipAddressesAndPorts(ip, transport: 17, source: sport, destination: dport)
            out.text("truncated-udp ")
            out.decimal(wire)
            return
        }
        guard up.has(4, 2) else {
            try ipAddressesAndPorts(ip, transport: 17, source: sport, destination: dport)
            printTruncated()
            return
        }
        var ulen = Int(try up.u16(4))
        if ulen == 0 && wire > 65535 { ulen = wire }
        if ulen < 8 {
            try ipAddressesAndPorts(ip, transport: 17, source: sport, destination: dport)
            out.text("truncated-udplength ")
            out.decimal(ulen)
            return
        }
        ulen -= 8
        var length = wire - 8
        if ulen < length { length = ulen }
        let cp = up.advanced(by: 8)
        if cp.start > cp.end {
            try ipAddressesAndPorts(ip, transport: 17, source: sport, destination: dport)
            printTruncated()
            return
        }
        try ipAddressesAndPorts(ip, transport: 17, source: sport, destination: dport)
        if verbose > 0 && !options.noChecksums && !ip.fragmented {
            if ip.version == 4 && verbose > 1 {
                let stored = try up.u16(6)
                if stored == 0 {
                    out.text("[no cksum] ")
                } else if cp.has(0, length) {
                    try udpChecksum(up, length: length + 8, ip: ip, stored: stored)
                }
            } else if ip.version == 6 {
                if cp.has(0, length) {
                    let stored = try up.u16(6)
                    try udpChecksum(up, length: length + 8, ip: ip, stored: stored)
                }
            }
        }
        if !quiet {
            switch UDPService.classify(source: sport, destination: dport) {
            case .dns: return try printDNS(cp, length: length, overTCP: false, mdns: false)
            case .multicastDNS: return try printDNS(cp, length: length, overTCP: false, mdns: true)
            case .bootp: return try printBOOTP(cp, length: length)
            case .ntp: return try printNTP(cp, length: length)
            case .dhcpv6: return try printDHCPv6(cp, length: length)
            case .syslog: return try printSyslog(cp, length: length)
            case .undecoded, .none: break
            }
        }
        if ulen > length && !ip.fragmented {
            out.text("UDP, bad length ")
            out.decimal(ulen)
            out.text(" > ")
            out.decimal(length)
        } else {
            out.text("UDP, length ")
            out.decimal(ulen)
        }
    }

    private mutating func udpChecksum(_ up: ByteView, length: Int, ip: IPContext, stored: UInt16) throws(Truncated) {
        let pseudo = try pseudoHeaderSum(ip, transport: 17, length: length)
        let sum = InternetChecksum.finish(InternetChecksum.partialSum(up, offset: 0, count: length, initial: pseudo))
        if sum != 0 {
            out.text("[bad udp cksum 0x")
            out.hex(stored, width: 4)
            out.text(" -> 0x")
            out.hex(InternetChecksum.shouldBe(stored: stored, computed: sum), width: 4)
            out.text("!] ")
        } else {
            out.text("[udp sum ok] ")
        }
    }
}
