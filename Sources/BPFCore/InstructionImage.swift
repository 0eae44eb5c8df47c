/// The `tcpdump -d` text of single instructions, as libpcap 1.10.3's `bpf_image` writes it.
extension Instruction {
    /// The mnemonic and operand `tcpdump -d` shows for this instruction, e.g. `("ldh", "[12]")`.
    ///
    /// Codes libpcap does not know (any code outside its table, including codes with bits above the low byte)
    /// are shown as `("unimp", "0x<code>")`. Jump operands are the `k` constant; ``image(at:)`` adds the
    /// absolute jump targets.
    public func mnemonicAndOperand(at pc: Int) -> (mnemonic: String, operand: String) {
        let signedK = String(Int32(bitPattern: k))
        let hexK = "#0x" + String(k, radix: 16)
        switch code {
        case BPF.ret | BPF.k: return ("ret", "#" + signedK)
        case BPF.ret | BPF.a: return ("ret", "")
        case BPF.ld | BPF.w | BPF.abs: return ("ld", absoluteLoadOperand)
        case BPF.ld | BPF.h | BPF.abs: return ("ldh", absoluteLoadOperand)
        case BPF.ld | BPF.b | BPF.abs: return ("ldb", absoluteLoadOperand)
        case BPF.ld | BPF.w | BPF.len: return ("ld", "#pktlen")
        case BPF.ld | BPF.w | BPF.ind: return ("ld", "[x + " + signedK + "]")
        case BPF.ld | BPF.h | BPF.ind: return ("ldh", "[x + " + signedK + "]")
        case BPF.ld | BPF.b | BPF.ind: return ("ldb", "[x + " + signedK + "]")
        case BPF.ld | BPF.imm: return ("ld", hexK)
        case BPF.ldx | BPF.imm: return ("ldx", hexK)
        case BPF.ldx | BPF.msh | BPF.b: return ("ldxb", "4*([" + signedK + "]&0xf)")
        case BPF.ld | BPF.mem: return ("ld", "M[" + signedK + "]")
        case BPF.ldx | BPF.mem: return ("ldx", "M[" + signedK + "]")
        case BPF.st: return ("st", "M[" + signedK + "]")
        case BPF.stx: return ("stx", "M[" + signedK + "]")
        case BPF.jmp | BPF.ja:
            // libpcap adds the unsigned k to the int position and prints the sum as a signed int.
            let target = UInt32(truncatingIfNeeded: pc &+ 1) &+ k
            return ("ja", String(Int32(bitPattern: target)))
        case BPF.jmp | BPF.jgt | BPF.k: return ("jgt", hexK)
        case BPF.jmp | BPF.jge | BPF.k: return ("jge", hexK)
        case BPF.jmp | BPF.jeq | BPF.k: return ("jeq", hexK)
        case BPF.jmp | BPF.jset | BPF.k: return ("jset", hexK)
        case BPF.jmp | BPF.jgt | BPF.x: return ("jgt", "x")
        case BPF.jmp | BPF.jge | BPF.x: return ("jge", "x")
        case BPF.jmp | BPF.jeq | BPF.x: return ("jeq", "x")
        case BPF.jmp | BPF.jset | BPF.x: return ("jset", "x")
        case BPF.alu | BPF.neg: return ("neg", "")
        case BPF.misc | BPF.tax: return ("tax", "")
        case BPF.misc | BPF.txa: return ("txa", "")
        default:
            guard instructionClass == BPF.alu, code & 0xff00 == 0, let name = Instruction.aluNames[operation] else {
                return ("unimp", "0x" + String(code, radix: 16))
            }
            if source == BPF.x { return (name, "x") }
            // and/or/xor constants are hexadecimal, the arithmetic ones signed decimal.
            let hexOperand = operation == BPF.and || operation == BPF.or || operation == BPF.xor
            return (name, hexOperand ? hexK : "#" + signedK)
        }
    }

    /// The operand of an absolute load: `[k]` (signed), or a Linux ancillary name such as `[proto]`.
    private var absoluteLoadOperand: String {
        if k >= Ancillary.base, k < Ancillary.base &+ Ancillary.end,
            let field = Ancillary(rawValue: k &- Ancillary.base)
        {
            return "[" + field.libpcapName + "]"
        }
        return "[" + String(Int32(bitPattern: k)) + "]"
    }

    /// ALU operations by their `code & 0xf0` (NEG is handled separately).
    private static let aluNames: [UInt16: String] = [
        BPF.add: "add", BPF.sub: "sub", BPF.mul: "mul", BPF.div: "div", BPF.mod: "mod",
        BPF.and: "and", BPF.or: "or", BPF.xor: "xor", BPF.lsh: "lsh", BPF.rsh: "rsh",
    ]

    /// One line of `tcpdump -d` for this instruction at position `pc`, without the newline.
    ///
    /// Matches libpcap 1.10.3's `bpf_image` byte for byte: `(%03d) %-8s %s`, or for conditional jumps (and
    /// unknown codes whose class is a jump and whose operation is not `ja`)
    /// `(%03d) %-8s %-16s jt %d<TAB>jf %d` with absolute targets. Operand-less instructions keep the padding,
    /// so `tax` is printed as `"(005) tax      "` with trailing spaces.
    public func image(at pc: Int) -> String {
        let (mnemonic, operand) = mnemonicAndOperand(at: pc)
        var line = "(" + Self.zeroPadded(pc, width: 3) + ") " + Self.leftAligned(mnemonic, width: 8) + " "
        if instructionClass == BPF.jmp && operation != BPF.ja {
            line += Self.leftAligned(operand, width: 16)
            line += " jt " + String(pc &+ 1 &+ Int(jt)) + "\tjf " + String(pc &+ 1 &+ Int(jf))
        } else {
            line += operand
        }
        return line
    }

    /// `%-Ns`: the text followed by spaces up to `width` characters (never truncated).
    static func leftAligned(_ text: String, width: Int) -> String {
        let missing = width - text.utf8.count
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }

    /// `%0Nd`: the decimal number padded with zeros after the sign up to `width` characters.
    static func zeroPadded(_ value: Int, width: Int) -> String {
        let digits = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        let missing = width - sign.utf8.count - digits.utf8.count
        return sign + (missing > 0 ? String(repeating: "0", count: missing) : "") + digits
    }
}

extension Ancillary {
    /// The name libpcap's `bpf_image` prints for an absolute load of this field (`[proto]`, `[vlan_tci]` …).
    public var libpcapName: String {
        switch self {
        case .proto: return "proto"
        case .pktType: return "type"
        case .ifIndex: return "ifidx"
        case .nlAttr: return "nla"
        case .nlAttrNest: return "nlan"
        case .mark: return "mark"
        case .queue: return "queue"
        case .hatype: return "hatype"
        case .rxhash: return "rxhash"
        case .cpu: return "cpu"
        case .aluXorX: return "xor_x"
        case .vlanTCI: return "vlan_tci"
        case .vlanTagPresent: return "vlanp"
        case .payOffset: return "poff"
        case .random: return "random"
        case .vlanTPID: return "vlan_tpid"
        }
    }
}
