#if canImport(Glibc)
import Glibc
#endif

/// Reverse lookups with the C library's `gethostbyaddr` (`/etc/hosts`, then the resolver), exactly the call
/// tcpdump makes without `-n` (its failures are as quick as tcpdump's, unlike `getnameinfo`'s).
enum HostNameLookup {
    /// The name for an IPv4 address (first octet most significant), or nil.
    static func ipv4(_ address: UInt32) -> String? {
        var network = address.bigEndian
        return withUnsafeBytes(of: &network) { lookup($0, family: AF_INET) }
    }

    /// The name for an IPv6 address given as 16 bytes, or nil.
    static func ipv6(_ bytes: UnsafeRawBufferPointer) -> String? {
        guard bytes.count == 16 else { return nil }
        return lookup(bytes, family: AF_INET6)
    }

    private static func lookup(_ address: UnsafeRawBufferPointer, family: Int32) -> String? {
        #if canImport(Glibc)
        guard let base = address.baseAddress, let entry = gethostbyaddr(base, socklen_t(address.count), family),
            let name = entry.pointee.h_name
        else { return nil }
        return String(cString: name)
        #else
        return nil
        #endif
    }
}
