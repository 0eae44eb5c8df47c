/// One eBPF instruction slot as the kernel stores it (`struct bpf_insn`): an 8-bit opcode, two 4-bit
/// register numbers, a signed 16-bit offset and a signed 32-bit immediate.
///
/// The 64-bit immediate load (`lddw`, code `0x18`) occupies two slots; it is modelled as one
/// `EBPFInstruction` whose ``wideImmediateHigh`` holds the upper 32 bits (the `imm` of the second slot).
/// ``slotCount`` tells how many 8-byte slots an instruction takes.
public struct EBPFInstruction: Hashable, Sendable {
    /// The opcode: class (`code & 0x07`), then size/mode or operation/source bits.
    public var code: UInt8
    /// Destination register, 0...10.
    public var dst: UInt8
    /// Source register, 0...10 (or a pseudo-source for calls and wide loads).
    public var src: UInt8
    /// Signed offset: a jump distance in slots, or a memory displacement.
    public var off: Int16
    /// Signed 32-bit immediate.
    public var imm: Int32
    /// Upper 32 bits of a 64-bit immediate load (`lddw`); 0 for every other instruction.
    public var wideImmediateHigh: Int32

    /// Creates an instruction from its raw fields.
    public init(code: UInt8, dst: UInt8 = 0, src: UInt8 = 0, off: Int16 = 0, imm: Int32 = 0,
                wideImmediateHigh: Int32 = 0) {
        self.code = code
        self.dst = dst
        self.src = src
        self.off = off
        self.imm = imm
        self.wideImmediateHigh = wideImmediateHigh
    }

    /// True for the two-slot 64-bit immediate load (`BPF_LD | BPF_IMM | BPF_DW`).
    public var isWide: Bool { code == EBPF.ld | EBPF.imm | EBPF.dw }
    /// Number of 8-byte slots: 2 for `lddw`, else 1.
    public var slotCount: Int { isWide ? 2 : 1 }
    /// The full 64-bit immediate of an `lddw` (or the sign-extended `imm` otherwise).
    public var wideImmediate: Int64 {
        isWide ? Int64(wideImmediateHigh) << 32 | Int64(UInt32(bitPattern: imm)) : Int64(imm)
    }

    /// The instruction class (`code & 0x07`).
    public var instructionClass: UInt8 { code & 0x07 }
    /// The ALU or jump operation (`code & 0xf0`).
    public var operation: UInt8 { code & 0xf0 }
    /// The operand source (`code & 0x08`): ``EBPF/k`` or ``EBPF/x``.
    public var source: UInt8 { code & 0x08 }
    /// Memory access size (`code & 0x18`).
    public var size: UInt8 { code & 0x18 }
    /// Memory addressing mode (`code & 0xe0`).
    public var mode: UInt8 { code & 0xe0 }

    /// True for every jump-class instruction that transfers control by `off` (not `call`/`exit`).
    public var isJump: Bool {
        let cls = instructionClass
        guard cls == EBPF.jmp || cls == EBPF.jmp32 else { return false }
        return operation != EBPF.call && operation != EBPF.exit
    }
}

// MARK: - Builders with the kernel's macro semantics

extension EBPFInstruction {
    /// `dst = src` on 64 bits (`BPF_MOV64_REG`).
    public static func mov64(_ dst: EBPFRegister, _ src: EBPFRegister) -> EBPFInstruction {
        EBPFInstruction(code: EBPF.alu64 | EBPF.mov | EBPF.x, dst: dst.rawValue, src: src.rawValue)
    }
    /// `dst = src` on 32 bits, zero-extending (`BPF_MOV32_REG`).
    public static func mov32(_ dst: EBPFRegister, _ src: EBPFRegister) -> EBPFInstruction {
        EBPFInstruction(code: EBPF.alu | EBPF.mov | EBPF.x, dst: dst.rawValue, src: src.rawValue)
    }
    /// `dst = imm` sign-extended to 64 bits (`BPF_MOV64_IMM`).
    public static func mov64(_ dst: EBPFRegister, imm: Int32) -> EBPFInstruction {
        EBPFInstruction(code: EBPF.alu64 | EBPF.mov | EBPF.k, dst: dst.rawValue, imm: imm)
    }
    /// `dst = (u32)imm` (`BPF_MOV32_IMM`).
    public static func mov32(_ dst: EBPFRegister, imm: Int32) -> EBPFInstruction {
        EBPFInstruction(code: EBPF.alu | EBPF.mov | EBPF.k, dst: dst.rawValue, imm: imm)
    }
    /// A 32-bit ALU operation with a register source (`BPF_ALU32_REG`).
    public static func alu32(_ op: UInt8, _ dst: EBPFRegister, _ src: EBPFRegister) -> EBPFInstruction {
        EBPFInstruction(code: EBPF.alu | op | EBPF.x, dst: dst.rawValue, src: src.rawValue)
    }
    /// A 32-bit ALU operation with an immediate (`BPF_ALU32_IMM`).
    public static func alu32(_ op: UInt8, _ dst: EBPFRegister, imm: Int32) -> EBPFInstruction {
        EBPFInstruction(code: EBPF.alu | op | EBPF.k, dst: dst.rawValue, imm: imm)
    }
    /// A 64-bit ALU operation with an immediate (`BPF_ALU64_IMM`).
    public static func alu64(_ op: UInt8, _ dst: EBPFRegister, imm: Int32) -> EBPFInstruction {
        EBPFInstruction(code: EBPF.alu64 | op | EBPF.k, dst: dst.rawValue, imm: imm)
    }
    /// `dst = *(size *)(src + off)` (`BPF_LDX_MEM`).
    public static func load(_ size: UInt8, _ dst: EBPFRegister, _ src: EBPFRegister, _ off: Int16) -> EBPFInstruction {
        EBPFInstruction(code: EBPF.ldx | EBPF.mem | size, dst: dst.rawValue, src: src.rawValue, off: off)
    }
    /// `*(size *)(dst + off) = src` (`BPF_STX_MEM`).
    public static func store(_ size: UInt8, _ dst: EBPFRegister, _ src: EBPFRegister, _ off: Int16) -> EBPFInstruction {
        EBPFInstruction(code: EBPF.stx | EBPF.mem | size, dst: dst.rawValue, src: src.rawValue, off: off)
    }
    /// Byte swap from big-endian (`BPF_ENDIAN(BPF_FROM_BE, dst, bits)`).
    public static func fromBigEndian(_ dst: EBPFRegister, bits: Int32) -> EBPFInstruction {
        EBPFInstruction(code: EBPF.alu | EBPF.end | EBPF.toBE, dst: dst.rawValue, imm: bits)
    }
    /// Conditional jump against an immediate (`BPF_JMP_IMM`).
    public static func jump(_ op: UInt8, _ dst: EBPFRegister, imm: Int32, off: Int16) -> EBPFInstruction {
        EBPFInstruction(code: EBPF.jmp | op | EBPF.k, dst: dst.rawValue, off: off, imm: imm)
    }
    /// Unconditional jump (`BPF_JMP_A`).
    public static func jumpAlways(_ off: Int16) -> EBPFInstruction {
        EBPFInstruction(code: EBPF.jmp | EBPF.ja, off: off)
    }
    /// Helper call with the given immediate (`BPF_EMIT_CALL` / `BPF_CALL`).
    public static func call(_ imm: Int32) -> EBPFInstruction {
        EBPFInstruction(code: EBPF.jmp | EBPF.call, imm: imm)
    }
    /// Program exit (`BPF_EXIT_INSN`).
    public static let exit = EBPFInstruction(code: EBPF.jmp | EBPF.exit)
}
