import BPFCore

/// Reads a classic program printed by `tcpdump -ddd` (count line, then `code jt jf k` in decimal) or
/// `tcpdump -dd` (`{ 0x28, 0, 0, 0x0000000c },` lines).
///
/// Kept in this module until BPFCore's reader is on main.
public enum ClassicTextReader {
    /// A line that is not an instruction in either format.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// 1-based line number.
        public var line: Int
        /// What is wrong.
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Parses `-ddd` or `-dd` text (the format is detected from the first non-empty line).
    public static func parse(_ text: String) throws(ParseError) -> [Instruction] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.strippingBlanks()
        }
        guard let first = lines.firstIndex(where: { !$0.isEmpty }) else {
            throw ParseError(line: 1, message: "no instructions")
        }
        if lines[first].hasPrefix("{") {
            var out: [Instruction] = []
            for (i, line) in lines.enumerated() where !line.isEmpty {
                out.append(try parseBraced(line, lineNumber: i + 1))
            }
            return out
        }
        guard let count = Int(lines[first]), count >= 0 else {
            throw ParseError(line: first + 1, message: "expected the instruction count of -ddd output or a '{' line of -dd output")
        }
        var out: [Instruction] = []
        for (i, line) in lines.enumerated() where i > first && !line.isEmpty {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count == 4, let code = UInt16(fields[0]), let jt = UInt8(fields[1]), let jf = UInt8(fields[2]),
                  let k = UInt32(fields[3]) ?? Int32(fields[3]).map({ UInt32(bitPattern: $0) }) else {
                throw ParseError(line: i + 1, message: "expected 'code jt jf k' in decimal, found '\(line)'")
            }
            out.append(Instruction(code: code, jt: jt, jf: jf, k: k))
        }
        guard out.count == count else {
            throw ParseError(line: first + 1, message: "count says \(count) instructions but \(out.count) follow")
        }
        return out
    }

    private static func parseBraced(_ line: String, lineNumber: Int) throws(ParseError) -> Instruction {
        var body = Substring(line)
        if body.hasSuffix(",") { body = body.dropLast() }
        guard body.hasPrefix("{"), body.hasSuffix("}") else {
            throw ParseError(line: lineNumber, message: "expected '{ code, jt, jf, k },', found '\(line)'")
        }
        let fields = body.dropFirst().dropLast().split(separator: ",").map { $0.strippingBlanks() }
        guard fields.count == 4, let code = number(fields[0]), let jt = number(fields[1]), let jf = number(fields[2]),
              let k = number(fields[3]), code <= 0xffff, jt <= 0xff, jf <= 0xff, k <= 0xffff_ffff else {
            throw ParseError(line: lineNumber, message: "expected four numbers in '\(line)'")
        }
        return Instruction(code: UInt16(code), jt: UInt8(jt), jf: UInt8(jf), k: UInt32(k))
    }

    private static func number(_ s: String) -> UInt64? {
        if s.hasPrefix("0x") || s.hasPrefix("0X") { return UInt64(s.dropFirst(2), radix: 16) }
        return UInt64(s)
    }
}

extension StringProtocol {
    fileprivate func strippingBlanks() -> String {
        let set = " \t\r"
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }
}
