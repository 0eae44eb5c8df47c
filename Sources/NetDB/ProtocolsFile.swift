/// One `/etc/protocols` line: `name number [aliases…]`.
public struct ProtocolEntry: Hashable, Sendable {
    /// The official protocol name.
    public var name: String
    /// The IP protocol number.
    public var number: UInt8
    /// Further names of the protocol.
    public var aliases: [String]

    /// Creates an entry.
    public init(name: String, number: UInt8, aliases: [String] = []) {
        self.name = name
        self.number = number
        self.aliases = aliases
    }
}

/// Parser for `/etc/protocols`.
public enum ProtocolsFile {
    /// The well-formed entries of `text`, in file order. A line whose second field is not a number in 0...255
    /// is skipped.
    public static func entries(in text: String) -> [ProtocolEntry] {
        NetDBFile.records(in: text).compactMap { fields in
            guard fields.count >= 2, let number = UInt8(fields[1]) else { return nil }
            return ProtocolEntry(name: String(fields[0]), number: number, aliases: fields.dropFirst(2).map(String.init))
        }
    }

    /// Number → official name; the first line for a number wins.
    public static func names(of entries: [ProtocolEntry]) -> [UInt8: String] {
        var table: [UInt8: String] = [:]
        for entry in entries where table[entry.number] == nil { table[entry.number] = entry.name }
        return table
    }
}
