/// The eBPF instructions one classic instruction becomes, with the jumps still aimed at classic targets.
struct Fragment {
    var instructions: [EBPFInstruction] = []
    var symbols: [(position: Int, symbol: EBPFSymbol)] = []
    /// Jumps whose `off` is filled in once every fragment's start is known.
    var jumps: [(position: Int, classicTarget: Int)] = []

    mutating func emit(_ insn: EBPFInstruction, _ symbol: EBPFSymbol? = nil) {
        if let symbol { symbols.append((instructions.count, symbol)) }
        instructions.append(insn)
    }

    mutating func emitJump(_ insn: EBPFInstruction, to classicTarget: Int) {
        jumps.append((instructions.count, classicTarget))
        instructions.append(insn)
    }
}
