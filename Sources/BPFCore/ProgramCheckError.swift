/// Why libpcap would refuse to install a classic BPF program for userland filtering (its `bpf_validate` rules),
/// as found when building a ``CompiledFilter``.
public struct ProgramCheckError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The rule that was broken.
    public enum Reason: Hashable, Sendable {
        /// The program has no instructions.
        case emptyProgram
        /// A load's addressing mode is not one of imm, abs, ind, msh, mem, len.
        case invalidLoadMode
        /// `M[k]` with k ≥ 16.
        case scratchIndexOutOfRange
        /// An ALU operation code that does not exist.
        case invalidALUOperation
        /// `div #0` or `mod #0`.
        case divisionByZeroConstant
        /// A `ja` whose target (position + 1 + k, modulo 2³²) is not an instruction of the program.
        case jumpOutOfRange(target: Int64)
        /// A conditional jump whose true or false target is past the last instruction.
        case conditionalJumpOutOfRange(trueTarget: Int, falseTarget: Int)
        /// A jump operation code that does not exist.
        case invalidJumpOperation
        /// The last instruction is not a `ret`.
        case lastInstructionNotReturn
    }

    /// The index of the offending instruction, or nil for whole-program problems.
    public var index: Int?
    /// The offending instruction, when there is one.
    public var instruction: Instruction?
    /// The rule that was broken.
    public var reason: Reason

    /// Creates an error.
    public init(index: Int?, instruction: Instruction?, reason: Reason) {
        self.index = index
        self.instruction = instruction
        self.reason = reason
    }

    public var description: String {
        var prefix = ""
        if let index, let instruction {
            let (mnemonic, operand) = instruction.mnemonicAndOperand(at: index)
            prefix = "instruction \(index) (\(operand.isEmpty ? mnemonic : mnemonic + " " + operand)): "
        }
        switch reason {
        case .emptyProgram:
            return "the program is empty: a filter needs at least one instruction (a ret)"
        case .invalidLoadMode:
            return prefix + "this load's addressing mode does not exist"
        case .scratchIndexOutOfRange:
            return prefix + "scratch memory index \(instruction?.k ?? 0) is out of range; use M[0] to M[15]"
        case .invalidALUOperation:
            return prefix + "this ALU operation does not exist"
        case .divisionByZeroConstant:
            return prefix + "divides by the constant 0; use a non-zero divisor"
        case .jumpOutOfRange(let target):
            return prefix + "jumps to instruction \(target), which is outside the program"
        case .conditionalJumpOutOfRange(let trueTarget, let falseTarget):
            return prefix + "jump targets \(trueTarget) (true) and \(falseTarget) (false) must both be inside the program"
        case .invalidJumpOperation:
            return prefix + "this jump operation does not exist"
        case .lastInstructionNotReturn:
            return prefix + "the last instruction must be a ret"
        }
    }
}
