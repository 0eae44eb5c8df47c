/// A classic BPF program ready to run with libpcap 1.10.3's userland semantics (`bpf_filter`,
/// `pcap_offline_filter`): validated once, pre-decoded, then run per packet without allocating.
///
/// Semantics: A, X and M[] start at 0; a load outside the captured bytes returns 0 from the filter; `ld len`
/// is the packet's length on the wire; division or modulo by X = 0 returns 0; a shift by X ≥ 32 gives 0;
/// constant shifts use k & 31 (what libpcap's C shift does on x86); an opcode libpcap's interpreter does not
/// know returns 0 (libpcap itself would abort); backward `ja` (libpcap's protochain) is followed, but a run that
/// takes more than 2²⁰ of them returns 0 instead of looping forever.
public struct CompiledFilter: Sendable {
    /// The program this filter was built from.
    public let program: Program
    private let ops: [DecodedOp]

    /// Validates `program` with libpcap's `bpf_validate` rules and decodes it.
    /// - Throws: ``ProgramCheckError`` naming the first offending instruction.
    public init(_ program: Program) throws(ProgramCheckError) {
        try CompiledFilter.validate(program)
        self.program = program
        self.ops = program.instructions.enumerated().map { CompiledFilter.decode($0.element, at: $0.offset) }
    }

    /// Runs the filter over the captured bytes `packet`, whose length on the wire was `wireLength`; returns
    /// the filter's result (0 = drop, otherwise how many bytes to keep).
    public func run(packet: UnsafeRawBufferPointer, wireLength: UInt32) -> UInt32 {
        ops.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            return Interpreter.run(base, packet: packet, length: wireLength, kernel: nil)
        }
    }

    /// Runs the filter over `packet`; the wire length defaults to the number of captured bytes.
    public func run(_ packet: [UInt8], wireLength: UInt32? = nil) -> UInt32 {
        let length = wireLength ?? UInt32(truncatingIfNeeded: packet.count)
        return packet.withUnsafeBytes { run(packet: $0, wireLength: length) }
    }

    /// True when the filter accepts the packet (returns non-zero).
    public func matches(packet: UnsafeRawBufferPointer, wireLength: UInt32) -> Bool {
        run(packet: packet, wireLength: wireLength) != 0
    }

    static func validate(_ program: Program) throws(ProgramCheckError) {
        let insns = program.instructions
        guard let last = insns.last else { throw ProgramCheckError(index: nil, instruction: nil, reason: .emptyProgram) }
        let count = UInt64(insns.count)
        for (pc, insn) in insns.enumerated() {
            func fail(_ reason: ProgramCheckError.Reason) -> ProgramCheckError {
                ProgramCheckError(index: pc, instruction: insn, reason: reason)
            }
            switch insn.instructionClass {
            case BPF.ld, BPF.ldx:
                switch insn.mode {
                case BPF.imm, BPF.abs, BPF.ind, BPF.msh, BPF.len: break
                case BPF.mem: if insn.k >= UInt32(BPF.memoryWords) { throw fail(.scratchIndexOutOfRange) }
                default: throw fail(.invalidLoadMode)
                }
            case BPF.st, BPF.stx:
                if insn.k >= UInt32(BPF.memoryWords) { throw fail(.scratchIndexOutOfRange) }
            case BPF.alu:
                switch insn.operation {
                case BPF.add, BPF.sub, BPF.mul, BPF.or, BPF.and, BPF.xor, BPF.lsh, BPF.rsh, BPF.neg: break
                case BPF.div, BPF.mod:
                    if insn.source == BPF.k && insn.k == 0 { throw fail(.divisionByZeroConstant) }
                default: throw fail(.invalidALUOperation)
                }
            case BPF.jmp:
                switch insn.operation {
                case BPF.ja:
                    // libpcap adds in 32-bit unsigned arithmetic, so a "negative" k may jump backwards.
                    let target = UInt64(UInt32(truncatingIfNeeded: pc + 1) &+ insn.k)
                    if target >= count { throw fail(.jumpOutOfRange(target: Int64(pc) + 1 + Int64(Int32(bitPattern: insn.k)))) }
                case BPF.jeq, BPF.jgt, BPF.jge, BPF.jset:
                    let trueTarget = pc + 1 + Int(insn.jt)
                    let falseTarget = pc + 1 + Int(insn.jf)
                    if UInt64(trueTarget) >= count || UInt64(falseTarget) >= count {
                        throw fail(.conditionalJumpOutOfRange(trueTarget: trueTarget, falseTarget: falseTarget))
                    }
                default: throw fail(.invalidJumpOperation)
                }
            default: break
            }
        }
        guard last.instructionClass == BPF.ret else {
            throw ProgramCheckError(index: insns.count - 1, instruction: last, reason: .lastInstructionNotReturn)
        }
    }

    /// Decodes one validated instruction with libpcap semantics.
    static func decode(_ insn: Instruction, at pc: Int) -> DecodedOp {
        if let op = DecodedOp.decodeCommon(insn) { return op }
        if let op = DecodedOp.decodeConditionalJump(insn, at: pc) { return op }
        let k = insn.k
        switch insn.code {
        case BPF.ld | BPF.w | BPF.abs: return DecodedOp(.ldAbsW, k: k)
        case BPF.ld | BPF.h | BPF.abs: return DecodedOp(.ldAbsH, k: k)
        case BPF.ld | BPF.b | BPF.abs: return DecodedOp(.ldAbsB, k: k)
        case BPF.ld | BPF.w | BPF.ind: return DecodedOp(.ldIndW, k: k)
        case BPF.ld | BPF.h | BPF.ind: return DecodedOp(.ldIndH, k: k)
        case BPF.ld | BPF.b | BPF.ind: return DecodedOp(.ldIndB, k: k)
        case BPF.ldx | BPF.b | BPF.msh: return DecodedOp(.ldxMsh, k: k)
        case BPF.alu | BPF.lsh | BPF.x: return DecodedOp(.lshXZeroing)
        case BPF.alu | BPF.rsh | BPF.x: return DecodedOp(.rshXZeroing)
        case BPF.jmp | BPF.ja:
            let target = Int32(truncatingIfNeeded: UInt32(truncatingIfNeeded: pc + 1) &+ k)
            return DecodedOp(target <= Int32(truncatingIfNeeded: pc) ? .jaBackward : .ja, jt: target)
        default: return DecodedOp(.reject)
        }
    }
}
