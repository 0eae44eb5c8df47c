/// Linux's verdict on a classic BPF program: the checks of `bpf_check_basics_ok`, `bpf_check_classic` and
/// `check_load_and_stores` in net/core/filter.c, plus (optionally) the jump-offset limit of the kernel's
/// conversion to eBPF. The first broken rule is reported, in the order the kernel checks them.
public enum KernelValidator {
    /// Opcodes Linux accepts (the whole 16-bit code must be one of these).
    static let allowedCodes: Set<UInt16> = {
        var codes: Set<UInt16> = []
        for op in [BPF.add, BPF.sub, BPF.mul, BPF.div, BPF.mod, BPF.and, BPF.or, BPF.xor, BPF.lsh, BPF.rsh] {
            codes.insert(BPF.alu | op | BPF.k)
            codes.insert(BPF.alu | op | BPF.x)
        }
        codes.insert(BPF.alu | BPF.neg)
        for size in [BPF.w, BPF.h, BPF.b] {
            codes.insert(BPF.ld | size | BPF.abs)
            codes.insert(BPF.ld | size | BPF.ind)
        }
        codes.formUnion([
            BPF.ld | BPF.w | BPF.len, BPF.ld | BPF.imm, BPF.ld | BPF.mem,
            BPF.ldx | BPF.w | BPF.len, BPF.ldx | BPF.b | BPF.msh, BPF.ldx | BPF.imm, BPF.ldx | BPF.mem,
            BPF.st, BPF.stx, BPF.misc | BPF.tax, BPF.misc | BPF.txa, BPF.ret | BPF.k, BPF.ret | BPF.a,
            BPF.jmp | BPF.ja,
        ])
        for op in [BPF.jeq, BPF.jgt, BPF.jge, BPF.jset] {
            codes.insert(BPF.jmp | op | BPF.k)
            codes.insert(BPF.jmp | op | BPF.x)
        }
        return codes
    }()

    /// True if Linux's opcode whitelist contains `code`.
    public static func isAllowed(code: UInt16) -> Bool { allowedCodes.contains(code) }

    /// Checks `program` as Linux does when a filter is attached; returns normally if the kernel would accept it.
    ///
    /// - Parameter conversionLimits: also apply the eBPF conversion's jump-offset limit (`bpf_convert_filter`
    ///   refuses long programs whose jumps sit beyond about 32 767 converted instructions). On by default, as
    ///   attaching a filter always converts it.
    /// - Throws: ``KernelCheckError`` naming the instruction and the rule (errno `EINVAL`).
    public static func check(_ program: Program, conversionLimits: Bool = true) throws(KernelCheckError) {
        let insns = program.instructions
        let count = insns.count
        guard count > 0 else { throw KernelCheckError(index: nil, instruction: nil, reason: .emptyProgram) }
        guard count <= BPF.maxInstructions else {
            throw KernelCheckError(index: nil, instruction: nil, reason: .tooManyInstructions(count: count))
        }
        for (pc, insn) in insns.enumerated() {
            if let reason = instructionProblem(insn, at: pc, count: count) {
                throw KernelCheckError(index: pc, instruction: insn, reason: reason)
            }
        }
        let last = insns[count - 1]
        guard last.code == BPF.ret | BPF.k || last.code == BPF.ret | BPF.a else {
            throw KernelCheckError(index: count - 1, instruction: last, reason: .lastInstructionNotReturn)
        }
        try checkScratchInitialization(insns)
        if conversionLimits {
            try KernelConversionLayout.checkJumpOffsets(insns)
        }
    }

    /// The per-instruction rules of `bpf_check_classic`.
    static func instructionProblem(_ insn: Instruction, at pc: Int, count: Int) -> KernelCheckError.Reason? {
        guard allowedCodes.contains(insn.code) else { return .opcodeNotAllowed }
        switch insn.code {
        case BPF.alu | BPF.div | BPF.k, BPF.alu | BPF.mod | BPF.k:
            if insn.k == 0 { return .divisionByZeroConstant }
        case BPF.alu | BPF.lsh | BPF.k, BPF.alu | BPF.rsh | BPF.k:
            if insn.k >= 32 { return .shiftTooLarge }
        case BPF.ld | BPF.mem, BPF.ldx | BPF.mem, BPF.st, BPF.stx:
            if insn.k >= UInt32(BPF.memoryWords) { return .scratchIndexOutOfRange }
        case BPF.jmp | BPF.ja:
            // The kernel compares k (unsigned) with the number of instructions after this one.
            if UInt64(insn.k) >= UInt64(count - pc - 1) {
                return .jumpOutOfRange(target: Int64(pc) + 1 + Int64(insn.k), count: count)
            }
        case BPF.ld | BPF.w | BPF.abs, BPF.ld | BPF.h | BPF.abs, BPF.ld | BPF.b | BPF.abs:
            if insn.k >= Ancillary.base && KernelAncillary(k: insn.k) == nil { return .unknownAncillaryField }
        default:
            if insn.isConditionalJump {
                let trueTarget = pc + 1 + Int(insn.jt)
                let falseTarget = pc + 1 + Int(insn.jf)
                if trueTarget >= count || falseTarget >= count {
                    return .conditionalJumpOutOfRange(trueTarget: trueTarget, falseTarget: falseTarget, count: count)
                }
            }
        }
        return nil
    }

    /// `check_load_and_stores`: a linear scan that tracks which `M[]` slots are certainly written, merging the
    /// sets along every jump, and refuses a read of a slot that may be unwritten.
    static func checkScratchInitialization(_ insns: [Instruction]) throws(KernelCheckError) {
        var masks = [UInt16](repeating: 0xffff, count: insns.count)
        var valid: UInt16 = 0
        for (pc, insn) in insns.enumerated() {
            valid &= masks[pc]
            switch insn.code {
            case BPF.st, BPF.stx:
                valid |= 1 &<< UInt16(truncatingIfNeeded: insn.k & 15)
            case BPF.ld | BPF.mem, BPF.ldx | BPF.mem:
                let slot = Int(insn.k & 15)
                if valid & (1 &<< UInt16(slot)) == 0 {
                    throw KernelCheckError(index: pc, instruction: insn, reason: .uninitializedScratchRead(slot: slot))
                }
            case BPF.jmp | BPF.ja:
                let target = pc + 1 + Int(insn.k)
                if target < masks.count { masks[target] &= valid }
                valid = 0xffff
            default:
                if insn.isConditionalJump {
                    let trueTarget = pc + 1 + Int(insn.jt)
                    let falseTarget = pc + 1 + Int(insn.jf)
                    if trueTarget < masks.count { masks[trueTarget] &= valid }
                    if falseTarget < masks.count { masks[falseTarget] &= valid }
                    valid = 0xffff
                }
            }
        }
    }
}

/// The Linux ancillary field an absolute load at `k` reads (`SKF_AD_OFF + n`), if `k` names one.
struct KernelAncillary {
    var field: Ancillary

    init?(k: UInt32) {
        guard k >= Ancillary.base, k &- Ancillary.base < Ancillary.end,
            let field = Ancillary(rawValue: k &- Ancillary.base)
        else { return nil }
        self.field = field
    }
}
