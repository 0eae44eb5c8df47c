/// The sixteen bytes of an IPv6 address being assembled from packet bytes (prefixes padded with zeros), held
/// inline so that building and printing one allocates nothing.
struct IPv6Groups {
    private var words: (UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0, 0, 0, 0, 0)

    /// Sets byte `index` (0 ..< 16, network order) of the address; other indices are ignored.
    mutating func setByte(_ value: UInt8, at index: Int) {
        guard index >= 0, index < 16 else { return }
        withUnsafeMutableBytes(of: &words) { raw in
            let w = raw.bindMemory(to: UInt16.self)
            if index % 2 == 0 {
                w[index / 2] = w[index / 2] & 0x00ff | UInt16(value) << 8
            } else {
                w[index / 2] = w[index / 2] & 0xff00 | UInt16(value)
            }
        }
    }

    /// The first four bytes as an IPv4 address (for prefixes of either family).
    var firstFourBytes: UInt32 { UInt32(words.0) << 16 | UInt32(words.1) }

    /// Appends tcpdump's text form of the address (see ``IPv6Text``).
    func append(into out: inout OutputBuffer) {
        var copy = words
        withUnsafeBytes(of: &copy) { raw in
            IPv6Text.append(raw.bindMemory(to: UInt16.self), into: &out)
        }
    }
}
