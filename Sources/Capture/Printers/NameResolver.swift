import NetDB

/// The names tcpdump prints without `-n`: service names for ports (`/etc/services`), host names for addresses
/// (resolver, cached per address), `Broadcast`/`/etc/ethers` names or the OUI for MAC addresses, and protocol
/// keywords (`/etc/protocols`). The files are parsed by `NetDB`, once, when the printer is made; with `-n` nothing
/// is loaded and every lookup answers nil.
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
        let services = ServicesFile.entries(in: NetDBFile.text(atPath: "/etc/services") ?? "")
        tcpPorts = ServicesFile.names(of: services, transport: "tcp")
        udpPorts = ServicesFile.names(of: services, transport: "udp")
        protocols = ProtocolsFile.names(of: ProtocolsFile.entries(in: NetDBFile.text(atPath: "/etc/protocols") ?? ""))
        for entry in EthersFile.entries(in: NetDBFile.text(atPath: "/etc/ethers") ?? "")
        where ethers[entry.addressValue] == nil {
            ethers[entry.addressValue] = entry.name
        }
        if ethers[0xffff_ffff_ffff] == nil { ethers[0xffff_ffff_ffff] = "Broadcast" }
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
