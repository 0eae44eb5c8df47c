/// Name databases held in memory, for tests and for callers that must not depend on the machine.
public struct InMemoryNames: NameResolver {
    /// Host name (lowercased) → addresses in resolver order.
    public var hosts: [String: [HostAddress]]
    /// Host name (lowercased) → MAC address.
    public var ethers: [String: [UInt8]]
    /// Network name (lowercased) → number (as inet_network gives it).
    public var networks: [String: UInt32]
    /// "name/proto" (`"http/tcp"`) → port.
    public var services: [String: Int]
    /// Protocol name → number.
    public var protocols: [String: Int]

    /// Creates a database.
    public init(hosts: [String: [HostAddress]] = [:], ethers: [String: [UInt8]] = [:], networks: [String: UInt32] = [:],
                services: [String: Int] = [:], protocols: [String: Int] = [:]) {
        self.hosts = hosts
        self.ethers = ethers
        self.networks = networks
        self.services = services
        self.protocols = protocols
    }

    public func addresses(ofHost name: String) -> [HostAddress] { hosts[name.lowercased()] ?? [] }
    public func ethernetAddress(ofHost name: String) -> [UInt8]? { ethers[name.lowercased()] }
    public func network(named name: String) -> UInt32? { networks[name.lowercased()] }
    public func port(ofService name: String, protocol proto: String) -> Int? { services["\(name)/\(proto)"] }
    public func protocolNumber(named name: String) -> Int? { protocols[name] }
}
