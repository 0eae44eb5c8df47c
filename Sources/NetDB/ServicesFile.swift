/// One `/etc/services` line: `name port/protocol [aliases…]`.
public struct ServiceEntry: Hashable, Sendable {
    /// The official service name.
    public var name: String
    /// The port number.
    public var port: UInt16
    /// The transport protocol name as written (`tcp`, `udp`, `sctp`, …).
    public var transport: String
    /// Further names of the service.
    public var aliases: [String]

    /// Creates an entry.
    public init(name: String, port: UInt16, transport: String, aliases: [String] = []) {
        self.name = name
        self.port = port
        self.transport = transport
        self.aliases = aliases
    }
}

/// Parser for `/etc/services`.
public enum ServicesFile {
    /// The well-formed entries of `text`, in file order. A line whose second field is not `port/protocol` with
    /// a port in 0...65535 is skipped.
    public static func entries(in text: String) -> [ServiceEntry] {
        NetDBFile.records(in: text).compactMap { fields in
            guard fields.count >= 2 else { return nil }
            let portAndTransport = fields[1].split(separator: "/")
            guard portAndTransport.count == 2, let port = UInt16(portAndTransport[0]) else { return nil }
            return ServiceEntry(name: String(fields[0]), port: port, transport: String(portAndTransport[1]),
                                aliases: fields.dropFirst(2).map(String.init))
        }
    }

    /// Port → official name for one transport (`tcp`, `udp`); the first line for a port wins, as in tcpdump.
    public static func names(of entries: [ServiceEntry], transport: String) -> [UInt16: String] {
        var table: [UInt16: String] = [:]
        for entry in entries where entry.transport == transport && table[entry.port] == nil {
            table[entry.port] = entry.name
        }
        return table
    }
}
