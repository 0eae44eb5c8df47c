/// One classic BPF instruction, laid out as Linux's `struct sock_filter` and libpcap's `struct bpf_insn`.
///
/// `code` holds the opcode (class, size, mode, operation and source bits, see ``BPF``); `jt` and `jf` are the
/// relative forward offsets of a conditional jump's true and false targets; `k` is the generic 32-bit operand.
public struct Instruction: Hashable, Sendable {
    /// The 16-bit opcode.
    public var code: UInt16
    /// Offset of the true target of a conditional jump, relative to the next instruction.
    public var jt: UInt8
    /// Offset of the false target of a conditional jump, relative to the next instruction.
    public var jf: UInt8
    /// The generic operand (constant, offset, scratch index or jump distance, depending on `code`).
    public var k: UInt32

    /// Creates an instruction from its four raw fields.
    public init(code: UInt16, jt: UInt8 = 0, jf: UInt8 = 0, k: UInt32 = 0) {
        self.code = code
        self.jt = jt
        self.jf = jf
        self.k = k
    }

    /// A non-branching statement (the `BPF_STMT` form).
    public static func stmt(_ code: UInt16, _ k: UInt32 = 0) -> Instruction {
        Instruction(code: code, jt: 0, jf: 0, k: k)
    }

    /// A conditional jump (the `BPF_JUMP` form).
    public static func jump(_ code: UInt16, _ k: UInt32, _ jt: UInt8, _ jf: UInt8) -> Instruction {
        Instruction(code: code, jt: jt, jf: jf, k: k)
    }

    /// The instruction class (`code & 0x07`).
    public var instructionClass: UInt16 { code & 0x07 }
    /// The size field of a load or store (`code & 0x18`).
    public var size: UInt16 { code & 0x18 }
    /// The addressing mode of a load or store (`code & 0xe0`).
    public var mode: UInt16 { code & 0xe0 }
    /// The ALU or jump operation (`code & 0xf0`).
    public var operation: UInt16 { code & 0xf0 }
    /// The operand source of an ALU op or jump: ``BPF/k`` or ``BPF/x`` (`code & 0x08`).
    public var source: UInt16 { code & 0x08 }
    /// The return value source of a `ret` (`code & 0x18`): ``BPF/k``, ``BPF/x`` or ``BPF/a``.
    public var returnValueSource: UInt16 { code & 0x18 }
    /// The miscellaneous operation (`code & 0xf8`): ``BPF/tax`` or ``BPF/txa``.
    public var miscOperation: UInt16 { code & 0xf8 }

    /// True for conditional jumps (class `jmp`, operation other than `ja`).
    public var isConditionalJump: Bool {
        instructionClass == BPF.jmp && operation != BPF.ja
    }
}

/// A classic BPF program: the ordered instructions a kernel or libpcap runs.
public struct Program: Hashable, Sendable {
    /// The instructions, first to last.
    public var instructions: [Instruction]

    /// Creates a program from its instructions.
    public init(_ instructions: [Instruction]) {
        self.instructions = instructions
    }

    /// The number of instructions.
    public var count: Int { instructions.count }
}
