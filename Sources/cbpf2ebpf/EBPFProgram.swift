/// Which translation produced a program, and so which context and helper ABI it uses.
public enum TranslationFlavor: String, Sendable, CaseIterable, Hashable {
    /// Exactly what Linux's `bpf_convert_filter()` emits (internal `sk_buff` offsets, internal helpers).
    case kernel
    /// A twin the bpf(2) verifier accepts (uapi `__sk_buff`, `LD_ABS`/`LD_IND`, uapi helpers).
    case loadable
}

/// A translated eBPF program: its instructions, what they refer to, and what the kernel records with it.
public struct EBPFProgram: Hashable, Sendable {
    /// The instructions in order; jump offsets count 8-byte slots.
    public var instructions: [EBPFInstruction]
    /// Symbolic meaning of some instructions' `off` or `imm` (index → symbol), for the disassembler.
    public var symbols: [Int: EBPFSymbol]
    /// The flavour that produced it.
    public var flavor: TranslationFlavor
    /// The kernel layout used (its offsets are in the kernel flavour's instructions).
    public var layout: KernelLayout
    /// Bytes of stack used: max `4k + 4` over the classic stores (`aux->stack_depth`).
    public var stackDepth: Int
    /// For each classic instruction, the index of its first eBPF instruction (nil if it emitted nothing).
    public var classicStarts: [Int?]

    /// Creates a program.
    public init(instructions: [EBPFInstruction], symbols: [Int: EBPFSymbol] = [:], flavor: TranslationFlavor,
                layout: KernelLayout = .linux618x86_64, stackDepth: Int = 0, classicStarts: [Int?] = []) {
        self.instructions = instructions
        self.symbols = symbols
        self.flavor = flavor
        self.layout = layout
        self.stackDepth = stackDepth
        self.classicStarts = classicStarts
    }

    /// The number of 8-byte slots the program occupies (the kernel's `prog->len`).
    public var slotCount: Int { instructions.reduce(0) { $0 + $1.slotCount } }
}
