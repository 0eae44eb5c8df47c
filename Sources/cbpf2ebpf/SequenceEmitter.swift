import BPFCore

/// Builds the eBPF sequence of one classic instruction for either flavour (the per-opcode table of the
/// kernel's `bpf_convert_filter()`, and its loadable twin).
struct SequenceEmitter {
    let flavor: TranslationFlavor
    let layout: KernelLayout
    let index: Int
    let instruction: Instruction
    var fragment = Fragment()
    /// True once a non-ancillary packet load was emitted (the kernel's `seen_ld_abs`).
    var loadsPacket = false
    /// Stack bytes this instruction writes (`4k + 4` for stores).
    private(set) var stackUse = 0

    init(flavor: TranslationFlavor, layout: KernelLayout, index: Int, instruction: Instruction) {
        self.flavor = flavor
        self.layout = layout
        self.index = index
        self.instruction = instruction
    }

    var kernel: Bool { flavor == .kernel }
    var k: UInt32 { instruction.k }
    var kImm: Int32 { Int32(bitPattern: instruction.k) }

    func skbField(_ member: String) -> EBPFSymbol { .fieldOffset(structure: "sk_buff", member: member) }
    func uapiField(_ member: String) -> EBPFSymbol { .fieldOffset(structure: "__sk_buff", member: member) }

    // MARK: Prologue

    static func emitPrologue(flavor: TranslationFlavor, layout: KernelLayout, cachesPacket: Bool,
                             into f: inout Fragment) {
        switch flavor {
        case .kernel:
            f.emit(.alu32(EBPF.xor, .a, .a))
            f.emit(.alu32(EBPF.xor, .x, .x))
            f.emit(.mov64(.ctx, .arg1))
            if cachesPacket {
                f.emit(.load(EBPF.dw, .data, .ctx, layout.skbData), .fieldOffset(structure: "sk_buff", member: "data"))
                f.emit(.load(EBPF.w, .headLength, .ctx, layout.skbLen), .fieldOffset(structure: "sk_buff", member: "len"))
                f.emit(.load(EBPF.w, .tmp, .ctx, layout.skbDataLen),
                       .fieldOffset(structure: "sk_buff", member: "data_len"))
                f.emit(.alu32(EBPF.sub, .headLength, .tmp))
            }
        case .loadable:
            f.emit(.mov32(.a, imm: 0))
            f.emit(.mov32(.x, imm: 0))
            f.emit(.mov64(.ctx, .arg1))
        }
    }

    // MARK: Per-instruction sequences

    mutating func emitClassic() throws(TranslationError) {
        let code = instruction.code
        switch instruction.instructionClass {
        case BPF.alu:
            emitALU()
        case BPF.ld, BPF.ldx:
            try emitLoad()
        case BPF.st, BPF.stx:
            let off = -(Int(k) * 4 + 4)
            stackUse = -off
            fragment.emit(.store(EBPF.w, .fp, code == BPF.st ? .a : .x, Int16(truncatingIfNeeded: off)))
        case BPF.misc:
            if instruction.miscOperation == BPF.tax {
                fragment.emit(.mov64(.x, .a))
            } else {
                fragment.emit(.mov64(.a, .x))
            }
        case BPF.ret:
            if instruction.returnValueSource == BPF.k {
                fragment.emit(.mov32(.a, imm: kImm))
            }
            fragment.emit(.exit)
        case BPF.jmp:
            emitJump()
        default:
            break
        }
    }

    private mutating func emitALU() {
        let code = UInt8(truncatingIfNeeded: instruction.code)
        let op = code & 0xf0
        let isX = code & EBPF.x != 0
        if isX && (op == EBPF.div || op == EBPF.mod) {
            fragment.emit(.mov32(.x, .x))
            fragment.emit(.jump(EBPF.jne, .x, imm: 0, off: 2))
            fragment.emit(.alu32(EBPF.xor, .a, .a))
            fragment.emit(.exit)
        }
        if kernel {
            fragment.emit(EBPFInstruction(code: code, dst: EBPFRegister.a.rawValue, src: EBPFRegister.x.rawValue,
                                          imm: kImm))
        } else if op == EBPF.neg {
            fragment.emit(EBPFInstruction(code: code, dst: EBPFRegister.a.rawValue))
        } else if isX {
            fragment.emit(EBPFInstruction(code: code, dst: EBPFRegister.a.rawValue, src: EBPFRegister.x.rawValue))
        } else {
            fragment.emit(EBPFInstruction(code: code, dst: EBPFRegister.a.rawValue, imm: kImm))
        }
    }

    private mutating func emitLoad() throws(TranslationError) {
        let isLD = instruction.instructionClass == BPF.ld
        let dst: EBPFRegister = isLD ? .a : .x
        switch instruction.mode {
        case BPF.imm:
            fragment.emit(.mov32(dst, imm: kImm))
        case BPF.mem:
            fragment.emit(.load(EBPF.w, dst, .fp, Int16(truncatingIfNeeded: -(Int(k) * 4 + 4))))
        case BPF.len:
            if kernel {
                fragment.emit(.load(EBPF.w, dst, .ctx, layout.skbLen), skbField("len"))
            } else {
                fragment.emit(.load(EBPF.w, dst, .ctx, UAPISkBuff.len), uapiField("len"))
            }
        case BPF.abs where isLD:
            if k >= Ancillary.base, let anc = Ancillary(rawValue: k &- Ancillary.base) {
                try emitAncillary(anc)
            } else {
                emitPacketLoad(size: instruction.size, indirect: false, k: k)
            }
        case BPF.abs:
            // LDX|W|ABS exists only for seccomp's rewritten programs: `A = *(u32 *)(ctx + k)`.
            fragment.emit(.load(EBPF.w, .a, .ctx, Int16(truncatingIfNeeded: kImm)))
        case BPF.ind:
            emitPacketLoad(size: instruction.size, indirect: true, k: k)
        case BPF.msh:
            loadsPacket = true
            fragment.emit(.mov64(.x, .a))
            emitPacketLoad(size: BPF.b, indirect: false, k: k)
            fragment.emit(.alu32(EBPF.and, .a, imm: 0xf))
            fragment.emit(.alu32(EBPF.lsh, .a, imm: 2))
            fragment.emit(.mov64(.tmp, .x))
            fragment.emit(.mov64(.x, .a))
            fragment.emit(.mov64(.a, .tmp))
        default:
            break
        }
    }

    // MARK: Jumps

    private mutating func emitJump() {
        let op = UInt8(truncatingIfNeeded: instruction.operation)
        if op == EBPF.ja {
            fragment.emitJump(.jumpAlways(0), to: index + Int(k) + 1)
            return
        }
        var jump = EBPFInstruction(code: 0, dst: EBPFRegister.a.rawValue)
        var source: UInt8
        if instruction.source == BPF.k && kImm < 0 {
            // eBPF sign-extends immediates; compare against a zero-extended register instead.
            fragment.emit(.mov32(.tmp, imm: kImm))
            jump.src = EBPFRegister.tmp.rawValue
            source = EBPF.x
        } else {
            source = UInt8(truncatingIfNeeded: instruction.source)
            jump.src = source == EBPF.x ? EBPFRegister.x.rawValue : 0
            jump.imm = (source == EBPF.x && !kernel) ? 0 : kImm
        }
        let jt = index + Int(instruction.jt) + 1
        let jf = index + Int(instruction.jf) + 1
        if instruction.jf == 0 {
            jump.code = EBPF.jmp | op | source
            fragment.emitJump(jump, to: jt)
            return
        }
        if instruction.jt == 0 {
            let inverse: UInt8? = op == EBPF.jeq ? EBPF.jne : op == EBPF.jgt ? EBPF.jle : op == EBPF.jge ? EBPF.jlt : nil
            if let inverse {
                jump.code = EBPF.jmp | inverse | source
                fragment.emitJump(jump, to: jf)
                return
            }
        }
        jump.code = EBPF.jmp | op | source
        fragment.emitJump(jump, to: jt)
        fragment.emitJump(.jumpAlways(0), to: jf)
    }
}
