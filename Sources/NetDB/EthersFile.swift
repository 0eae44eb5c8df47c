/// One `/etc/ethers` line: `MAC name` (`aa:0:4:0:14:e` style, one or two hex digits an octet).
public struct EtherEntry: Hashable, Sendable {
    /// The six octets of the address.
    public var address: [UInt8]
    /// The host name.
    public var name: String

    /// The address as a 48-bit number (first octet most significant).
    public var addressValue: UInt64 { address.reduce(0) { $0 << 8 | UInt64($1) } }

    /// Creates an entry.
    public init(address: [UInt8], name: String) {
        self.address = address
        self.name = name
    }
}

/// Parser for `/etc/ethers`.
public enum EthersFile {
    /// The well-formed entries of `text`, in file order. A line whose first field is not six hex octets
    /// separated by `:` is skipped.
    public static func entries(in text: String) -> [EtherEntry] {
        NetDBFile.records(in: text).compactMap { fields in
            guard fields.count >= 2 else { return nil }
            let parts = fields[0].split(separator: ":")
            guard parts.count == 6 else { return nil }
            var octets: [UInt8] = []
            for part in parts {
                guard let octet = UInt8(part, radix: 16) else { return nil }
                octets.append(octet)
            }
            return EtherEntry(address: octets, name: String(fields[1]))
        }
    }

    /// The MAC address of `name` (case-insensitive) in the file `text`: the first matching line's.
    public static func lookup(_ name: String, in text: String) -> [UInt8]? {
        let wanted = name.lowercased()
        return entries(in: text).first { $0.name.lowercased() == wanted }?.address
    }
}
