/// An address a host name resolves to.
public enum HostAddress: Hashable, Sendable {
    /// IPv4, host byte order value (`10.0.0.1` is `0x0a000001`).
    case ipv4(UInt32)
    /// IPv6, 16 bytes in network order.
    case ipv6([UInt8])
}

/// The name databases the filter compiler consults, injectable so that compilation does not depend on the
/// machine (tests use ``InMemoryNames``; ``SystemNames`` reads `/etc`).
///
/// Every lookup is case-insensitive where libpcap's is (host and ether names are; services and protocols
/// follow the system files, which are case-sensitive in glibc except for hosts).
public protocol NameResolver: Sendable {
    /// All addresses of a host, in resolver order (getaddrinfo): an empty array for an unknown name.
    func addresses(ofHost name: String) -> [HostAddress]
    /// The MAC address of an /etc/ethers name.
    func ethernetAddress(ofHost name: String) -> [UInt8]?
    /// The network number of an /etc/networks name (host byte order, unshifted: `10.20` is `0x0a14`).
    func network(named name: String) -> UInt32?
    /// The port of a service for `proto` ("tcp", "udp" or "sctp").
    func port(ofService name: String, protocol proto: String) -> Int?
    /// The number of an /etc/protocols name.
    func protocolNumber(named name: String) -> Int?
}
