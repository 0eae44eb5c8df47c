import FoundationEssentials

/// The line format the network databases in `/etc` share (`services`, `protocols`, `ethers`, `networks`): `#` starts
/// a comment that runs to the end of the line, fields are separated by spaces or tabs, and lines with no fields
/// are skipped.
public enum NetDBFile {
    /// The fields of every line of `text` that has any, in file order.
    public static func records(in text: String) -> [[Substring]] {
        var result: [[Substring]] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if !fields.isEmpty { result.append(fields) }
        }
        return result
    }

    /// The text of a database file, or nil when it cannot be read (callers then know no names).
    public static func text(atPath path: String) -> String? {
        try? String(contentsOfFile: path, encoding: .utf8)
    }
}
