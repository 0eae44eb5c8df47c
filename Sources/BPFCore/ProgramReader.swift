/// Why a program listing could not be read, with the 1-based line it was found on.
public struct ProgramReadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public enum Problem: Hashable, Sendable {
        /// The text holds no instructions at all.
        case empty
        /// The `-ddd` count line is not a number.
        case badCount(String)
        /// The `-ddd` count line announces `expected` instructions but `found` follow.
        case countMismatch(expected: Int, found: Int)
        /// A line has `found` fields instead of the four `code jt jf k`.
        case wrongFieldCount(found: Int)
        /// A field is not a number.
        case notANumber(field: String, value: String)
        /// A field is a number too large for it (`code` ≤ 65535, `jt`/`jf` ≤ 255, `k` ≤ 4294967295).
        case outOfRange(field: String, value: String, maximum: UInt64)
        /// A `-dd` line is not of the form `{ code, jt, jf, k },`.
        case notAnInitializer
        /// A `-d` line does not start with its instruction number `(NNN)`, or the number is not the line's
        /// position in the listing.
        case badInstructionNumber(expected: Int)
        /// A `-d` line names an instruction that does not exist.
        case unknownMnemonic(String)
        /// A `-d` line's operand does not fit its mnemonic.
        case badOperand(mnemonic: String, operand: String)
        /// A `-d` jump target is before the jump or more than 255 instructions after it.
        case badJumpTarget(String)
    }

    /// The 1-based line number (0 when the problem concerns the whole text).
    public var line: Int
    /// The offending line's text (trimmed).
    public var text: String
    /// What was wrong.
    public var problem: Problem

    /// Creates an error.
    public init(line: Int, text: String, problem: Problem) {
        self.line = line
        self.text = text
        self.problem = problem
    }

    public var description: String {
        let place = line > 0 ? "line \(line) (\"\(text)\"): " : ""
        switch problem {
        case .empty:
            return "no instructions found: expected tcpdump -dd or -ddd output"
        case .badCount(let value):
            return place + "expected the instruction count of a -ddd listing, found \"\(value)\""
        case .countMismatch(let expected, let found):
            return place + "the count line announces \(expected) instructions but \(found) follow"
        case .wrongFieldCount(let found):
            return place + "expected 4 numbers (code jt jf k), found \(found)"
        case .notANumber(let field, let value):
            return place + "\(field) \"\(value)\" is not a number (decimal, 0x hexadecimal or 0 octal)"
        case .outOfRange(let field, let value, let maximum):
            return place + "\(field) \(value) is out of range (at most \(maximum))"
        case .notAnInitializer:
            return place + "expected a C initialiser such as \"{ 0x28, 0, 0, 0x0000000c },\""
        case .badInstructionNumber(let expected):
            return place + "expected the instruction number (\(Instruction.zeroPadded(expected, width: 3))) at the start"
        case .unknownMnemonic(let mnemonic):
            return place + "\"\(mnemonic)\" is not a classic BPF instruction"
        case .badOperand(let mnemonic, let operand):
            return place + "\"\(operand)\" is not a valid operand for \(mnemonic)"
        case .badJumpTarget(let target):
            return place + "jump target \(target) must be after the jump and at most 256 instructions ahead"
        }
    }
}

extension Program {
    /// Reads a program printed by `tcpdump -d` (`(000) ldh      [12]` lines), by `tcpdump -ddd` (count line, then `code jt jf k` in decimal per line), by
    /// `tcpdump -dd` (`{ 0x28, 0, 0, 0x0000000c },` per line), or in the one-line form `bpf_asm`, `xt_bpf` and
    /// `tc` use (`4,40 0 0 12,21 0 1 2048,6 0 0 262144,6 0 0 0`). The format is detected from the first line.
    ///
    /// Blank lines are ignored. Numbers may be decimal, `0x` hexadecimal or `0`-prefixed octal.
    /// - Throws: ``ProgramReadError`` naming the line and what is wrong with it.
    public init(parsing text: String) throws(ProgramReadError) {
        let lines = ProgramReader.lines(of: text)
        guard let first = lines.first else {
            throw ProgramReadError(line: 0, text: "", problem: .empty)
        }
        if first.text.hasPrefix("(") {
            self = try AssemblyReader.read(lines)
        } else if first.text.hasPrefix("{") {
            self = try ProgramReader.readCArray(lines)
        } else if first.text.contains(",") {
            self = try ProgramReader.readCommaSeparated(first)
        } else {
            self = try ProgramReader.readDecimal(lines)
        }
    }
}

/// Parsing helpers for ``Program/init(parsing:)``.
enum ProgramReader {
    struct Line {
        var number: Int
        var text: String
    }

    /// Non-blank lines, trimmed, with their 1-based numbers.
    static func lines(of text: String) -> [Line] {
        var result: [Line] = []
        var number = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            let trimmed = trim(raw)
            if !trimmed.isEmpty { result.append(Line(number: number, text: trimmed)) }
        }
        return result
    }

    static func trim(_ text: Substring) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let start = text.firstIndex(where: { !isSpace($0) }),
            let end = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[start...end])
    }

    static func readDecimal(_ lines: [Line]) throws(ProgramReadError) -> Program {
        guard let countLine = lines.first else { throw ProgramReadError(line: 0, text: "", problem: .empty) }
        guard let count = parseNumber(countLine.text), count <= UInt64(Int32.max) else {
            throw ProgramReadError(line: countLine.number, text: countLine.text, problem: .badCount(countLine.text))
        }
        let body = lines.dropFirst()
        var instructions: [Instruction] = []
        instructions.reserveCapacity(body.count)
        for line in body {
            let fields = line.text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            instructions.append(try instruction(from: fields, line: line))
        }
        if instructions.count != Int(count) {
            let place = body.last ?? countLine
            throw ProgramReadError(
                line: place.number, text: place.text,
                problem: .countMismatch(expected: Int(count), found: instructions.count))
        }
        return Program(instructions)
    }

    static func readCArray(_ lines: [Line]) throws(ProgramReadError) -> Program {
        var instructions: [Instruction] = []
        for line in lines {
            var text = Substring(line.text)
            if text.hasSuffix(",") { text = text.dropLast() }
            text = Substring(trim(text))
            guard text.hasPrefix("{"), text.hasSuffix("}") else {
                throw ProgramReadError(line: line.number, text: line.text, problem: .notAnInitializer)
            }
            let inner = text.dropFirst().dropLast()
            let fields = inner.split(separator: ",", omittingEmptySubsequences: false).map { trim($0) }
            instructions.append(try instruction(from: fields, line: line))
        }
        return Program(instructions)
    }

    static func readCommaSeparated(_ line: Line) throws(ProgramReadError) -> Program {
        let parts = line.text.split(separator: ",", omittingEmptySubsequences: false).map { trim($0) }
        guard let countText = parts.first, let count = parseNumber(countText), count <= UInt64(Int32.max) else {
            throw ProgramReadError(line: line.number, text: line.text, problem: .badCount(parts.first ?? ""))
        }
        var instructions: [Instruction] = []
        for part in parts.dropFirst() {
            let fields = part.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            instructions.append(try instruction(from: fields, line: line))
        }
        if instructions.count != Int(count) {
            throw ProgramReadError(
                line: line.number, text: line.text,
                problem: .countMismatch(expected: Int(count), found: instructions.count))
        }
        return Program(instructions)
    }

    static func instruction(from fields: [String], line: Line) throws(ProgramReadError) -> Instruction {
        guard fields.count == 4 else {
            throw ProgramReadError(line: line.number, text: line.text, problem: .wrongFieldCount(found: fields.count))
        }
        let code = try field(fields[0], name: "code", maximum: UInt64(UInt16.max), line: line)
        let jt = try field(fields[1], name: "jt", maximum: UInt64(UInt8.max), line: line)
        let jf = try field(fields[2], name: "jf", maximum: UInt64(UInt8.max), line: line)
        let k = try field(fields[3], name: "k", maximum: UInt64(UInt32.max), line: line)
        return Instruction(
            code: UInt16(truncatingIfNeeded: code), jt: UInt8(truncatingIfNeeded: jt),
            jf: UInt8(truncatingIfNeeded: jf), k: UInt32(truncatingIfNeeded: k))
    }

    static func field(_ text: String, name: String, maximum: UInt64, line: Line) throws(ProgramReadError) -> UInt64 {
        guard let value = parseNumber(text) else {
            if let value = parseHuge(text) {
                throw ProgramReadError(
                    line: line.number, text: line.text, problem: .outOfRange(field: name, value: value, maximum: maximum))
            }
            throw ProgramReadError(line: line.number, text: line.text, problem: .notANumber(field: name, value: text))
        }
        guard value <= maximum else {
            throw ProgramReadError(
                line: line.number, text: line.text,
                problem: .outOfRange(field: name, value: String(value), maximum: maximum))
        }
        return value
    }

    /// A C-style unsigned literal: decimal, `0x` hexadecimal or `0`-prefixed octal; nil if malformed or if it
    /// does not fit in 64 bits.
    static func parseNumber(_ text: String) -> UInt64? {
        var digits = Substring(text)
        var radix: UInt64 = 10
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            radix = 16
            digits = digits.dropFirst(2)
        } else if digits.count > 1 && digits.hasPrefix("0") {
            radix = 8
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { return nil }
        var value: UInt64 = 0
        for scalar in digits.unicodeScalars {
            guard let digit = digitValue(scalar), digit < radix else { return nil }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: radix)
            let (sum, overflow2) = shifted.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }

    /// `text` if it is a well-formed literal too large for 64 bits (so the error can say "out of range").
    static func parseHuge(_ text: String) -> String? {
        var digits = Substring(text)
        var radix: UInt64 = 10
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            radix = 16
            digits = digits.dropFirst(2)
        }
        guard !digits.isEmpty, digits.unicodeScalars.allSatisfy({ (digitValue($0) ?? 99) < radix }) else { return nil }
        return text
    }

    static func digitValue(_ scalar: Unicode.Scalar) -> UInt64? {
        switch scalar.value {
        case 0x30...0x39: return UInt64(scalar.value - 0x30)
        case 0x61...0x66: return UInt64(scalar.value - 0x61 + 10)
        case 0x41...0x46: return UInt64(scalar.value - 0x41 + 10)
        default: return nil
        }
    }
}
