/// DNS messages over UDP and TCP (tcpdump's `domain_print`).
extension Dissector {
    mutating func printDNS(_ p: ByteView, length: Int, overTCP: Bool, mdns: Bool) throws(Truncated) {
        proto = "domain"
        out.text("DNS")
    }
}
