/// Parser for `/etc/networks` lines (`name number [aliases…]`).
public enum NetworksFile {
    /// The network number of `name` (or an alias, case-insensitive), as inet_network computes it (`10.20.0.0` is
    /// 0x0a140000, `10.20` is 0x0a14); nil when no line names it or the first line that does has a bad number.
    public static func lookup(_ name: String, in text: String) -> UInt32? {
        let wanted = name.lowercased()
        for fields in NetDBFile.records(in: text) where fields.count >= 2 {
            let namesOnLine = [fields[0]] + fields.dropFirst(2)
            guard namesOnLine.contains(where: { $0.lowercased() == wanted }) else { continue }
            var value: UInt32 = 0
            for part in fields[1].split(separator: ".") {
                guard let byte = UInt32(part) else { return nil }
                value = (value << 8) | (byte & 0xff)
            }
            return value
        }
        return nil
    }
}
