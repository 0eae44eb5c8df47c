/// The interpreter's pre-decoded instruction set: one case per behaviour, with the mode-specific choices
/// (libpcap or Linux semantics) made once, when the program is decoded.
enum OpKind: UInt8 {
    case retK, retA
    case ldImm, ldxImm, ldMem, ldxMem, st, stx, tax, txa
    case ldLen, ldxLen
    case addK, subK, mulK, divK, modK, andK, orK, xorK, lshK, rshK
    case addX, subX, mulX, divX, modX, andX, orX, xorX
    /// libpcap: shifting by X ≥ 32 gives 0.
    case lshXZeroing, rshXZeroing
    /// Linux: the shift count is X & 31.
    case lshXMasked, rshXMasked
    case neg
    /// Unconditional jump; `jt` holds the absolute target.
    case ja
    /// A backward `ja` (libpcap's protochain loops): counts against the run's step budget.
    case jaBackward
    /// Conditional jumps; `jt` and `jf` hold absolute targets.
    case jeqK, jgtK, jgeK, jsetK, jeqX, jgtX, jgeX, jsetX
    /// libpcap packet loads against the captured bytes.
    case ldAbsW, ldAbsH, ldAbsB, ldIndW, ldIndH, ldIndB, ldxMsh
    /// Linux packet loads (signed offsets, SKF_NET_OFF/SKF_LL_OFF, fragments); `jt` holds the size in bytes.
    case kernelLdAbs, kernelLdInd, kernelLdxMsh
    /// Linux ancillary load; `k` holds the field's offset from SKF_AD_OFF.
    case kernelAncillary
    /// An opcode the interpreter does not know: the filter ends returning 0.
    case reject
}

/// One pre-decoded instruction: 16 bytes, jump targets absolute.
struct DecodedOp {
    var kind: OpKind
    var k: UInt32
    var jt: Int32
    var jf: Int32

    init(_ kind: OpKind, k: UInt32 = 0, jt: Int32 = 0, jf: Int32 = 0) {
        self.kind = kind
        self.k = k
        self.jt = jt
        self.jf = jf
    }
}

extension DecodedOp {
    /// Decodes the instructions common to both modes; nil for loads, shifts by X and jumps, which the caller
    /// decodes with its own semantics.
    static func decodeCommon(_ insn: Instruction) -> DecodedOp? {
        let k = insn.k
        switch insn.code {
        case BPF.ret | BPF.k: return DecodedOp(.retK, k: k)
        case BPF.ret | BPF.a: return DecodedOp(.retA)
        case BPF.ld | BPF.imm: return DecodedOp(.ldImm, k: k)
        case BPF.ldx | BPF.imm: return DecodedOp(.ldxImm, k: k)
        case BPF.ld | BPF.mem: return DecodedOp(.ldMem, k: k & 15)
        case BPF.ldx | BPF.mem: return DecodedOp(.ldxMem, k: k & 15)
        case BPF.st: return DecodedOp(.st, k: k & 15)
        case BPF.stx: return DecodedOp(.stx, k: k & 15)
        case BPF.misc | BPF.tax: return DecodedOp(.tax)
        case BPF.misc | BPF.txa: return DecodedOp(.txa)
        case BPF.ld | BPF.w | BPF.len: return DecodedOp(.ldLen)
        case BPF.ldx | BPF.w | BPF.len: return DecodedOp(.ldxLen)
        case BPF.alu | BPF.add | BPF.k: return DecodedOp(.addK, k: k)
        case BPF.alu | BPF.sub | BPF.k: return DecodedOp(.subK, k: k)
        case BPF.alu | BPF.mul | BPF.k: return DecodedOp(.mulK, k: k)
        case BPF.alu | BPF.div | BPF.k: return k == 0 ? DecodedOp(.reject) : DecodedOp(.divK, k: k)
        case BPF.alu | BPF.mod | BPF.k: return k == 0 ? DecodedOp(.reject) : DecodedOp(.modK, k: k)
        case BPF.alu | BPF.and | BPF.k: return DecodedOp(.andK, k: k)
        case BPF.alu | BPF.or | BPF.k: return DecodedOp(.orK, k: k)
        case BPF.alu | BPF.xor | BPF.k: return DecodedOp(.xorK, k: k)
        // A constant shift uses the low five bits, as x86 does for libpcap's C shift and Linux for k < 32.
        case BPF.alu | BPF.lsh | BPF.k: return DecodedOp(.lshK, k: k & 31)
        case BPF.alu | BPF.rsh | BPF.k: return DecodedOp(.rshK, k: k & 31)
        case BPF.alu | BPF.add | BPF.x: return DecodedOp(.addX)
        case BPF.alu | BPF.sub | BPF.x: return DecodedOp(.subX)
        case BPF.alu | BPF.mul | BPF.x: return DecodedOp(.mulX)
        case BPF.alu | BPF.div | BPF.x: return DecodedOp(.divX)
        case BPF.alu | BPF.mod | BPF.x: return DecodedOp(.modX)
        case BPF.alu | BPF.and | BPF.x: return DecodedOp(.andX)
        case BPF.alu | BPF.or | BPF.x: return DecodedOp(.orX)
        case BPF.alu | BPF.xor | BPF.x: return DecodedOp(.xorX)
        case BPF.alu | BPF.neg: return DecodedOp(.neg)
        default: return nil
        }
    }

    /// Decodes a conditional jump at `pc` with absolute targets; nil if `insn` is not one of the eight.
    static func decodeConditionalJump(_ insn: Instruction, at pc: Int) -> DecodedOp? {
        let kind: OpKind
        switch insn.code {
        case BPF.jmp | BPF.jeq | BPF.k: kind = .jeqK
        case BPF.jmp | BPF.jgt | BPF.k: kind = .jgtK
        case BPF.jmp | BPF.jge | BPF.k: kind = .jgeK
        case BPF.jmp | BPF.jset | BPF.k: kind = .jsetK
        case BPF.jmp | BPF.jeq | BPF.x: kind = .jeqX
        case BPF.jmp | BPF.jgt | BPF.x: kind = .jgtX
        case BPF.jmp | BPF.jge | BPF.x: kind = .jgeX
        case BPF.jmp | BPF.jset | BPF.x: kind = .jsetX
        default: return nil
        }
        return DecodedOp(
            kind, k: insn.k, jt: Int32(truncatingIfNeeded: pc + 1 + Int(insn.jt)),
            jf: Int32(truncatingIfNeeded: pc + 1 + Int(insn.jf)))
    }
}
