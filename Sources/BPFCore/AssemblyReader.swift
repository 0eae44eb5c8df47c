/// Reads `tcpdump -d` listings (libpcap's `bpf_image` lines) back into instructions.
///
/// Every line ``Instruction/image(at:)`` prints reads back to the same instruction when the fields the text does
/// not show are zero (`jt`/`jf` of non-jumps, `k` of operand-less instructions, everything but the code of
/// `unimp 0x…`), which is how libpcap's compiler emits them.
enum AssemblyReader {
    static func read(_ lines: [ProgramReader.Line]) throws(ProgramReadError) -> Program {
        var instructions: [Instruction] = []
        instructions.reserveCapacity(lines.count)
        for line in lines {
            instructions.append(try instruction(line, pc: instructions.count))
        }
        return Program(instructions)
    }

    static func instruction(_ line: ProgramReader.Line, pc: Int) throws(ProgramReadError) -> Instruction {
        func fail(_ problem: ProgramReadError.Problem) -> ProgramReadError {
            ProgramReadError(line: line.number, text: line.text, problem: problem)
        }
        var text = Substring(line.text)
        guard text.hasPrefix("("), let close = text.firstIndex(of: ")"),
            Int(text[text.index(after: text.startIndex)..<close]) == pc
        else { throw fail(.badInstructionNumber(expected: pc)) }
        text = text[text.index(after: close)...]
        // Conditional jumps end in "jt N<TAB>jf M".
        var targets: (jt: UInt8, jf: UInt8)?
        if let jtRange = text.firstRange(of: " jt "), let jfRange = text[jtRange.upperBound...].firstRange(of: "jf ") {
            let trueText = ProgramReader.trim(text[jtRange.upperBound..<jfRange.lowerBound])
            let falseText = ProgramReader.trim(text[jfRange.upperBound...])
            targets = (try offset(trueText, pc: pc, line: line), try offset(falseText, pc: pc, line: line))
            text = text[..<jtRange.lowerBound]
        }
        let body = ProgramReader.trim(text)
        let mnemonic: String
        let operand: String
        if let space = body.firstIndex(of: " ") {
            mnemonic = String(body[..<space])
            operand = ProgramReader.trim(body[space...])
        } else {
            mnemonic = body
            operand = ""
        }
        guard var insn = decode(mnemonic: mnemonic, operand: operand, pc: pc) else {
            if known.contains(mnemonic) { throw fail(.badOperand(mnemonic: mnemonic, operand: operand)) }
            throw fail(.unknownMnemonic(mnemonic))
        }
        if let targets {
            guard insn.instructionClass == BPF.jmp && insn.operation != BPF.ja else {
                throw fail(.badOperand(mnemonic: mnemonic, operand: operand + " jt … jf …"))
            }
            insn.jt = targets.jt
            insn.jf = targets.jf
        } else if insn.isConditionalJump {
            throw fail(.badOperand(mnemonic: mnemonic, operand: operand + " (missing jt/jf)"))
        }
        return insn
    }

    static let known: Set<String> = [
        "ret", "ld", "ldh", "ldb", "ldx", "ldxb", "st", "stx", "ja", "jeq", "jgt", "jge", "jset", "add", "sub", "mul",
        "div", "mod", "and", "or", "xor", "lsh", "rsh", "neg", "tax", "txa", "unimp",
    ]

    /// An absolute jump target printed by `-d`, as the relative offset stored in `jt`/`jf`.
    static func offset(_ text: String, pc: Int, line: ProgramReader.Line) throws(ProgramReadError) -> UInt8 {
        guard let target = Int(text), target > pc, target - pc - 1 <= 255 else {
            throw ProgramReadError(line: line.number, text: line.text, problem: .badJumpTarget(text))
        }
        return UInt8(target - pc - 1)
    }

    /// A number as `-d` prints it: signed decimal, or `0x` hexadecimal; as a 32-bit pattern.
    static func number(_ text: Substring) -> UInt32? {
        if text.hasPrefix("-") {
            guard let magnitude = ProgramReader.parseNumber(String(text.dropFirst())), magnitude <= 0x8000_0000 else {
                return nil
            }
            return 0 &- UInt32(magnitude)
        }
        guard let value = ProgramReader.parseNumber(String(text)), value <= UInt64(UInt32.max) else { return nil }
        return UInt32(value)
    }

    /// `text` without `prefix` and `suffix`, or nil when it lacks either.
    static func inside(_ text: String, _ prefix: String, _ suffix: String) -> Substring? {
        guard text.hasPrefix(prefix), text.hasSuffix(suffix), text.count >= prefix.count + suffix.count else { return nil }
        return Substring(text).dropFirst(prefix.count).dropLast(suffix.count)
    }

    static let ancillaryByName: [String: Ancillary] = Dictionary(
        uniqueKeysWithValues: Ancillary.allCases.map { ($0.libpcapName, $0) })

    static func decode(mnemonic: String, operand: String, pc: Int) -> Instruction? {
        let sizes: [String: UInt16] = ["ld": BPF.w, "ldh": BPF.h, "ldb": BPF.b]
        let alu: [String: UInt16] = [
            "add": BPF.add, "sub": BPF.sub, "mul": BPF.mul, "div": BPF.div, "mod": BPF.mod,
            "and": BPF.and, "or": BPF.or, "xor": BPF.xor, "lsh": BPF.lsh, "rsh": BPF.rsh,
        ]
        let jumps: [String: UInt16] = ["jeq": BPF.jeq, "jgt": BPF.jgt, "jge": BPF.jge, "jset": BPF.jset]
        if let size = sizes[mnemonic] {
            if let inner = inside(operand, "[x + ", "]"), let k = number(inner) {
                return Instruction(code: BPF.ld | size | BPF.ind, k: k)
            }
            if let inner = inside(operand, "[", "]") {
                if let field = ancillaryByName[String(inner)] { return Instruction(code: BPF.ld | size | BPF.abs, k: field.k) }
                if let k = number(inner) { return Instruction(code: BPF.ld | size | BPF.abs, k: k) }
                return nil
            }
            guard size == BPF.w else { return nil }
            if operand == "#pktlen" { return Instruction(code: BPF.ld | BPF.w | BPF.len) }
            if let inner = inside(operand, "#", ""), let k = number(inner) { return Instruction(code: BPF.ld | BPF.imm, k: k) }
            if let inner = inside(operand, "M[", "]"), let k = number(inner) { return Instruction(code: BPF.ld | BPF.mem, k: k) }
            return nil
        }
        if let op = alu[mnemonic] {
            if operand == "x" { return Instruction(code: BPF.alu | op | BPF.x) }
            if let inner = inside(operand, "#", ""), let k = number(inner) { return Instruction(code: BPF.alu | op | BPF.k, k: k) }
            return nil
        }
        if let op = jumps[mnemonic] {
            if operand == "x" { return Instruction(code: BPF.jmp | op | BPF.x) }
            if let inner = inside(operand, "#", ""), let k = number(inner) { return Instruction(code: BPF.jmp | op | BPF.k, k: k) }
            return nil
        }
        switch mnemonic {
        case "ret":
            if operand.isEmpty { return Instruction(code: BPF.ret | BPF.a) }
            if let inner = inside(operand, "#", ""), let k = number(inner) { return Instruction(code: BPF.ret | BPF.k, k: k) }
        case "ldx":
            if let inner = inside(operand, "#", ""), let k = number(inner) { return Instruction(code: BPF.ldx | BPF.imm, k: k) }
            if let inner = inside(operand, "M[", "]"), let k = number(inner) { return Instruction(code: BPF.ldx | BPF.mem, k: k) }
        case "ldxb":
            if let inner = inside(operand, "4*([", "]&0xf)"), let k = number(inner) {
                return Instruction(code: BPF.ldx | BPF.b | BPF.msh, k: k)
            }
        case "st", "stx":
            if let inner = inside(operand, "M[", "]"), let k = number(inner) {
                return Instruction(code: mnemonic == "st" ? BPF.st : BPF.stx, k: k)
            }
        case "ja":
            if let target = Int(operand) {
                // libpcap prints pc + 1 + k as a signed 32-bit number.
                return Instruction(code: BPF.jmp | BPF.ja, k: UInt32(truncatingIfNeeded: target &- pc &- 1))
            }
        case "neg": if operand.isEmpty { return Instruction(code: BPF.alu | BPF.neg) }
        case "tax": if operand.isEmpty { return Instruction(code: BPF.misc | BPF.tax) }
        case "txa": if operand.isEmpty { return Instruction(code: BPF.misc | BPF.txa) }
        case "unimp":
            if let inner = inside(operand, "0x", ""), let code = UInt16(inner, radix: 16) { return Instruction(code: code) }
        default: break
        }
        return nil
    }
}
