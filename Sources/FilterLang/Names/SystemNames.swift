#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The machine's name databases, consulted the way libpcap 1.10.3 consults them: getaddrinfo for hosts
/// and services, getprotobyname for protocols, /etc/networks and /etc/ethers for networks and MAC
/// addresses. This is the only file of the compiler that calls C.
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
        guard let text = try? String(contentsOfFile: "/etc/ethers", encoding: .utf8) else { return nil }
        return EthersFile.lookup(name, in: text)
    }

    public func network(named name: String) -> UInt32? {
        guard let text = try? String(contentsOfFile: "/etc/networks", encoding: .utf8) else { return nil }
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

/// Parser for /etc/ethers lines (`MAC name`, `#` comments).
public enum EthersFile {
    /// The MAC address of `name` (case-insensitive) in the file `text`.
    public static func lookup(_ name: String, in text: String) -> [UInt8]? {
        for line in text.split(whereSeparator: \.isNewline) {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2, fields[1].lowercased() == name.lowercased() else { continue }
            let parts = fields[0].split(separator: ":")
            guard parts.count == 6 else { continue }
            var mac: [UInt8] = []
            for p in parts {
                guard let b = UInt8(p, radix: 16) else { break }
                mac.append(b)
            }
            if mac.count == 6 { return mac }
        }
        return nil
    }
}

/// Parser for /etc/networks lines (`name number [aliases]`).
public enum NetworksFile {
    /// The network number of `name` (or an alias), as inet_network computes it (`10.20.0.0` is 0x0a140000,
    /// `10.20` is 0x0a14).
    public static func lookup(_ name: String, in text: String) -> UInt32? {
        for line in text.split(whereSeparator: \.isNewline) {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2 else { continue }
            let namesOnLine = [fields[0]] + fields.dropFirst(2)
            guard namesOnLine.contains(where: { $0.lowercased() == name.lowercased() }) else { continue }
            var v: UInt32 = 0
            for part in fields[1].split(separator: ".") {
                guard let b = UInt32(part) else { return nil }
                v = (v << 8) | (b & 0xff)
            }
            return v
        }
        return nil
    }
}
