import Foundation

/// The names tcpdump prints without `-n`: service names for ports (`/etc/services`), host names for addresses
/// (resolver, cached per address), `Broadcast`/`/etc/ethers` names or the OUI for MAC addresses, and protocol
/// keywords (`/etc/protocols`). With `-n` nothing is loaded and every lookup answers nil.
struct NameResolver {
    let enabled: Bool
    private var tcpPorts: [UInt16: String] = [:]
    private var udpPorts: [UInt16: String] = [:]
    private var protocols: [UInt8: String] = [:]
    private var ethers: [UInt64: String] = [:]
    private var hosts4: [UInt32: String] = [:]
    private var hosts6: [IPv6Key: String] = [:]

    struct IPv6Key: Hashable {
        var high: UInt64
        var low: UInt64
    }

    static let disabled = NameResolver(enabled: false)

    init(enabled: Bool) {
        self.enabled = enabled
        guard enabled else { return }
        for line in NameResolver.lines("/etc/services") {
            // name port/proto aliases…
            let f = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard f.count >= 2 else { continue }
            let pp = f[1].split(separator: "/")
            guard pp.count == 2, let port = UInt16(pp[0]) else { continue }
            if pp[1] == "tcp", tcpPorts[port] == nil { tcpPorts[port] = String(f[0]) }
            if pp[1] == "udp", udpPorts[port] == nil { udpPorts[port] = String(f[0]) }
        }
        for line in NameResolver.lines("/etc/protocols") {
            let f = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard f.count >= 2, let number = UInt8(f[1]), protocols[number] == nil else { continue }
            protocols[number] = String(f[0])
        }
        for line in NameResolver.lines("/etc/ethers") {
            let f = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard f.count >= 2 else { continue }
            let octets = f[0].split(separator: ":").compactMap { UInt8($0, radix: 16) }
            guard octets.count == 6 else { continue }
            let key = octets.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            if ethers[key] == nil { ethers[key] = String(f[1]) }
        }
        if ethers[0xffff_ffff_ffff] == nil { ethers[0xffff_ffff_ffff] = "Broadcast" }
    }

    /// Non-comment lines of a small system file (read once, at start-up).
    private static func lines(_ path: String) -> [Substring] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return content.trimmingCharacters(in: .whitespaces).isEmpty ? nil : content
        }
    }

    func tcpPort(_ p: UInt16) -> String? { enabled ? tcpPorts[p] : nil }
    func udpPort(_ p: UInt16) -> String? { enabled ? udpPorts[p] : nil }
    func protocolName(_ p: UInt8) -> String? { enabled ? protocols[p] : nil }
    func etherName(_ mac: UInt64) -> String? { enabled ? ethers[mac] : nil }

    /// The host name of an IPv4 address, looked up once.
    mutating func host(_ a: UInt32) -> String? {
        guard enabled else { return nil }
        if let cached = hosts4[a] { return cached.isEmpty ? nil : cached }
        let name = HostNameLookup.ipv4(a) ?? ""
        hosts4[a] = name
        return name.isEmpty ? nil : name
    }

    /// The host name of an IPv6 address, looked up once.
    mutating func host6(_ bytes: UnsafeRawBufferPointer) -> String? {
        guard enabled, bytes.count == 16 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for i in 0..<8 { high = high << 8 | UInt64(bytes[i]) }
        for i in 8..<16 { low = low << 8 | UInt64(bytes[i]) }
        let key = IPv6Key(high: high, low: low)
        if let cached = hosts6[key] { return cached.isEmpty ? nil : cached }
        let name = HostNameLookup.ipv6(bytes) ?? ""
        hosts6[key] = name
        return name.isEmpty ? nil : name
    }

    /// tcpdump's short list of organisation names for the `(oui …)` suffix.
    static func ouiName(_ oui: UInt32) -> StaticString? {
        switch oui {
        case 0x000000: return "Ethernet"
        case 0x00000c: return "Cisco"
        case 0x00005e: return "IANA"
        case 0x000081: return "Nortel Networks SONMP"
        case 0x0000f8: return "Cisco bridged"
        case 0x0080c2: return "Ethernet bridged"
        case 0x00a03e: return "ATM Forum"
        case 0x00e02f: return "DOCSIS Spanning Tree"
        case 0x080007: return "Appletalk"
        case 0x009069: return "Juniper"
        case 0x080009: return "Hewlett-Packard"
        case 0x00120f: return "IEEE 802.3 Private"
        case 0x0012bb: return "ANSI/TIA"
        case 0x001b21: return "DCBX"
        case 0x002320: return "Nicira Networks"
        case 0x5c16c7: return "Big Switch Networks"
        case 0xb0d2f5: return "Vello Systems"
        case 0x002481: return "HP"
        case 0x0004ea: return "HP-Labs"
        case 0x748771: return "Infoblox Inc"
        case 0xa42305: return "Open Networking Lab"
        case 0x00049f: return "Freescale"
        case 0x0015ad: return "Netronome"
        case 0x001018: return "Broadcom"
        case 0x00e004: return "PMC-Sierra"
        case 0xd0f0db: return "Ericsson"
        default: return nil
        }
    }
}
