#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NetDB

/// The machine's name databases, consulted the way libpcap 1.10.3 consults them: getaddrinfo for hosts
/// and services, getprotobyname for protocols, /etc/networks and /etc/ethers for networks and MAC
/// addresses (parsed by `NetDB`). This is the only file of the compiler that calls C.
public struct SystemNames: NameResolver {
    /// Creates the system resolver.
    public init() {}

    public func addresses(ofHost name: String) -> [HostAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var res: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(name, nil, &hints, &res) == 0, let first = res else { return [] }
        defer { freeaddrinfo(first) }
        var out: [HostAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let ai = cursor {
            if let sa = ai.pointee.ai_addr {
                if ai.pointee.ai_family == AF_INET {
                    let v = sa.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr.s_addr }
                    out.append(.ipv4(UInt32(bigEndian: v)))
                } else if ai.pointee.ai_family == AF_INET6 {
                    let bytes = sa.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { p -> [UInt8] in
                        var a = p.pointee.sin6_addr
                        return withUnsafeBytes(of: &a) { Array($0) }
                    }
                    out.append(.ipv6(bytes))
                }
            }
            cursor = ai.pointee.ai_next
        }
        return out
    }

    public func ethernetAddress(ofHost name: String) -> [UInt8]? {
        guard let text = NetDBFile.text(atPath: "/etc/ethers") else { return nil }
        return EthersFile.lookup(name, in: text)
    }

    public func network(named name: String) -> UInt32? {
        guard let text = NetDBFile.text(atPath: "/etc/networks") else { return nil }
        return NetworksFile.lookup(name, in: text)
    }

    public func port(ofService name: String, protocol proto: String) -> Int? {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        if proto == "udp" {
            hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
            hints.ai_protocol = Int32(IPPROTO_UDP)
        } else {
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            hints.ai_protocol = Int32(IPPROTO_TCP)
        }
        var res: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(nil, name, &hints, &res) == 0, let first = res else { return nil }
        defer { freeaddrinfo(first) }
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let ai = cursor {
            if let sa = ai.pointee.ai_addr {
                if ai.pointee.ai_family == AF_INET {
                    return Int(sa.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) })
                }
                if ai.pointee.ai_family == AF_INET6 {
                    return Int(sa.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) })
                }
            }
            cursor = ai.pointee.ai_next
        }
        return nil
    }

    public func protocolNumber(named name: String) -> Int? {
        var entry = protoent()
        var result: UnsafeMutablePointer<protoent>?
        var buffer = [CChar](repeating: 0, count: 1024)
        let err = getprotobyname_r(name, &entry, &buffer, buffer.count, &result)
        if err != 0 { return 0 }
        guard let result else { return nil }
        return Int(result.pointee.p_proto)
    }
}
