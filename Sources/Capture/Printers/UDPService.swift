/// Which payload printer tcpdump 4.99.3 (as built on Debian) picks for a UDP datagram from its ports, in tcpdump's
/// order of precedence: the first matching rule wins, so, say, 53 → 123 is DNS and 69 → 68 is TFTP, not BOOTP.
enum UDPService {
    case dns, multicastDNS, bootp, ntp, dhcpv6, syslog
    /// A protocol tcpdump decodes that this printer does not; the payload prints as plain UDP.
    case undecoded
    /// No rule matched: plain UDP in tcpdump too.
    case none

    static func classify(source s: UInt16, destination d: UInt16) -> UDPService {
        func either(_ p: UInt16) -> Bool { s == p || d == p }
        if either(53) { return .dns }
        if either(5353) { return .multicastDNS }
        if either(525) || either(69) { return .undecoded }  // timed, TFTP
        if either(67) || either(68) { return .bootp }
        // RIP, AODV, ISAKMP (and NAT-T, user ports), SNMP and traps
        if either(520) || either(654) || either(500) || either(4500) || either(7500) || either(8500) || either(161)
            || either(162)
        {
            return .undecoded
        }
        if either(123) { return .ntp }
        // Kerberos, L2TP, VAT (destination), Zephyr, AFS RX, RIPng
        if either(88) || either(750) || either(1701) || d == 3456 || either(2103) || either(2104)
            || (s >= 7000 && s <= 7009) || (d >= 7000 && d <= 7009) || either(521)
        {
            return .undecoded
        }
        if either(546) || either(547) { return .dhcpv6 }
        // AHCP, Babel, HNCP, whiteboard, Cisco auto-RP, RADIUS, HSRP, LWRES, LDP, OLSR, LSP ping, BCM LI, BFD,
        // LMP, VQP, sFlow, LWAPP, SIP
        if either(5359) || either(6696) || either(6697) || either(8231) || d == 4567 || either(496) || either(1645)
            || either(1812) || either(1646) || either(1813) || either(1700) || either(3799) || d == 1985
            || either(921) || either(646) || either(698) || either(3503) || s == 49152 || d == 3784 || d == 4784
            || d == 6784 || d == 3785 || either(701) || either(1589) || either(6343) || either(12223)
            || either(12222) || either(5060)
        {
            return .undecoded
        }
        if either(514) { return .syslog }
        return .none
    }
}
