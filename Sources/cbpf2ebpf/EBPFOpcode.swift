/// The eBPF opcode vocabulary (`<linux/bpf.h>`, `<linux/bpf_common.h>`).
public enum EBPF {
    // MARK: Classes
    /// `BPF_LD`.
    public static let ld: UInt8 = 0x00
    /// `BPF_LDX`.
    public static let ldx: UInt8 = 0x01
    /// `BPF_ST`.
    public static let st: UInt8 = 0x02
    /// `BPF_STX`.
    public static let stx: UInt8 = 0x03
    /// `BPF_ALU (32-bit)`.
    public static let alu: UInt8 = 0x04
    /// `BPF_JMP`.
    public static let jmp: UInt8 = 0x05
    /// `BPF_JMP32`.
    public static let jmp32: UInt8 = 0x06
    /// `BPF_ALU64`.
    public static let alu64: UInt8 = 0x07

    // MARK: Sizes
    /// `BPF_W (4 bytes)`.
    public static let w: UInt8 = 0x00
    /// `BPF_H (2 bytes)`.
    public static let h: UInt8 = 0x08
    /// `BPF_B (1 byte)`.
    public static let b: UInt8 = 0x10
    /// `BPF_DW (8 bytes)`.
    public static let dw: UInt8 = 0x18

    // MARK: Modes
    /// `BPF_IMM`.
    public static let imm: UInt8 = 0x00
    /// `BPF_ABS`.
    public static let abs: UInt8 = 0x20
    /// `BPF_IND`.
    public static let ind: UInt8 = 0x40
    /// `BPF_MEM`.
    public static let mem: UInt8 = 0x60

    // MARK: ALU operations
    /// `BPF_ADD`.
    public static let add: UInt8 = 0x00
    /// `BPF_SUB`.
    public static let sub: UInt8 = 0x10
    /// `BPF_MUL`.
    public static let mul: UInt8 = 0x20
    /// `BPF_DIV (unsigned)`.
    public static let div: UInt8 = 0x30
    /// `BPF_OR`.
    public static let or: UInt8 = 0x40
    /// `BPF_AND`.
    public static let and: UInt8 = 0x50
    /// `BPF_LSH`.
    public static let lsh: UInt8 = 0x60
    /// `BPF_RSH`.
    public static let rsh: UInt8 = 0x70
    /// `BPF_NEG`.
    public static let neg: UInt8 = 0x80
    /// `BPF_MOD (unsigned)`.
    public static let mod: UInt8 = 0x90
    /// `BPF_XOR`.
    public static let xor: UInt8 = 0xa0
    /// `BPF_MOV`.
    public static let mov: UInt8 = 0xb0
    /// `BPF_ARSH`.
    public static let arsh: UInt8 = 0xc0
    /// `BPF_END (byte swap)`.
    public static let end: UInt8 = 0xd0

    // MARK: Jump operations
    /// `BPF_JA`.
    public static let ja: UInt8 = 0x00
    /// `BPF_JEQ`.
    public static let jeq: UInt8 = 0x10
    /// `BPF_JGT (unsigned)`.
    public static let jgt: UInt8 = 0x20
    /// `BPF_JGE (unsigned)`.
    public static let jge: UInt8 = 0x30
    /// `BPF_JSET`.
    public static let jset: UInt8 = 0x40
    /// `BPF_JNE`.
    public static let jne: UInt8 = 0x50
    /// `BPF_JSGT (signed)`.
    public static let jsgt: UInt8 = 0x60
    /// `BPF_JSGE (signed)`.
    public static let jsge: UInt8 = 0x70
    /// `BPF_CALL`.
    public static let call: UInt8 = 0x80
    /// `BPF_EXIT`.
    public static let exit: UInt8 = 0x90
    /// `BPF_JLT (unsigned)`.
    public static let jlt: UInt8 = 0xa0
    /// `BPF_JLE (unsigned)`.
    public static let jle: UInt8 = 0xb0
    /// `BPF_JSLT (signed)`.
    public static let jslt: UInt8 = 0xc0
    /// `BPF_JSLE (signed)`.
    public static let jsle: UInt8 = 0xd0

    // MARK: Sources
    /// `BPF_K`: the operand is the immediate.
    public static let k: UInt8 = 0x00
    /// `BPF_X`: the operand is the source register.
    public static let x: UInt8 = 0x08
    /// `BPF_TO_LE` / `BPF_FROM_LE` for `end`.
    public static let toLE: UInt8 = 0x00
    /// `BPF_TO_BE` / `BPF_FROM_BE` for `end`.
    public static let toBE: UInt8 = 0x08

    /// Largest stack a program may use (`MAX_BPF_STACK`).
    public static let maxStack = 512
}

/// The eBPF registers, with the roles the classic-to-eBPF conversion gives them.
public enum EBPFRegister: UInt8, Sendable, CaseIterable {
    /// R0 … R10 (R10 is the read-only frame pointer).
    case r0 = 0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10

    /// The classic accumulator A (`BPF_REG_A`, R0, also the return value).
    public static let a = EBPFRegister.r0
    /// The classic index register X (`BPF_REG_X`, R7).
    public static let x = EBPFRegister.r7
    /// The scratch register (`BPF_REG_TMP`, R2).
    public static let tmp = EBPFRegister.r2
    /// The context pointer, the `sk_buff` (`BPF_REG_CTX`, R6).
    public static let ctx = EBPFRegister.r6
    /// The cached `skb->data` (`BPF_REG_D`, R8).
    public static let data = EBPFRegister.r8
    /// The cached head length `skb->len - skb->data_len` (`BPF_REG_H`, R9).
    public static let headLength = EBPFRegister.r9
    /// The read-only frame pointer (R10).
    public static let fp = EBPFRegister.r10
    /// Helper argument 1.
    public static let arg1 = EBPFRegister.r1
    /// Helper argument 2.
    public static let arg2 = EBPFRegister.r2
    /// Helper argument 3.
    public static let arg3 = EBPFRegister.r3
    /// Helper argument 4.
    public static let arg4 = EBPFRegister.r4
}
