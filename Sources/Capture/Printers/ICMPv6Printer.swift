/// ICMPv6 (tcpdump's `icmp6_print`).
extension Dissector {
    mutating func printICMPv6(_ dp: ByteView, length: Int, ip: IPContext) throws(Truncated) {
        proto = "icmp6"
        out.text("ICMP6, type ")
        out.decimal(try dp.u8(0))
        out.text(", length ")
        out.decimal(length)
    }
}
