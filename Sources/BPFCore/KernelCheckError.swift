/// Why Linux would refuse a classic BPF program (`SO_ATTACH_FILTER`, `bpf_prog_create`), as found by
/// ``KernelValidator``.
public struct KernelCheckError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The rule that was broken.
    public enum Reason: Hashable, Sendable {
        /// The program has no instructions.
        case emptyProgram
        /// The program has more than ``BPF/maxInstructions`` (4096) instructions.
        case tooManyInstructions(count: Int)
        /// The 16-bit opcode is not one of the 49 Linux accepts.
        case opcodeNotAllowed
        /// `div #0` or `mod #0`.
        case divisionByZeroConstant
        /// `lsh`/`rsh` by a constant of 32 or more.
        case shiftTooLarge
        /// `M[k]` with k ≥ 16.
        case scratchIndexOutOfRange
        /// `ja` lands at `target`, which is not before the last instruction's end (`count` instructions).
        case jumpOutOfRange(target: Int64, count: Int)
        /// A conditional jump's true or false target is past the last instruction.
        case conditionalJumpOutOfRange(trueTarget: Int, falseTarget: Int, count: Int)
        /// An absolute load at `SKF_AD_OFF + n` whose n is not a known ancillary field (or a negative offset
        /// between -4096 and -1).
        case unknownAncillaryField
        /// The last instruction is not `ret #k` or `ret a`.
        case lastInstructionNotReturn
        /// `M[slot]` may be read before anything was stored there on some path.
        case uninitializedScratchRead(slot: Int)
        /// When the kernel converts the program to eBPF, this jump's offset does not fit in 16 bits (it is too
        /// far into a long program; the kernel checks offsets against the first, incomplete layout too).
        case convertedJumpTooFar
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

    /// The errno Linux returns for this refusal: always `EINVAL` (22) for these checks.
    public var errno: Int32 { 22 }
    /// The symbolic errno name, `EINVAL`.
    public var errnoName: String { "EINVAL" }

    public var description: String {
        var prefix = ""
        if let index, let instruction {
            let (mnemonic, operand) = instruction.mnemonicAndOperand(at: index)
            var text = operand.isEmpty ? mnemonic : mnemonic + " " + operand
            if instruction.isConditionalJump {
                text += " jt \(index + 1 + Int(instruction.jt)) jf \(index + 1 + Int(instruction.jf))"
            }
            prefix = "instruction \(index) (\(text)): "
        }
        let code = instruction.map { "0x" + String($0.code, radix: 16) } ?? "?"
        switch reason {
        case .emptyProgram:
            return "the program is empty: Linux needs at least one instruction (a ret)"
        case .tooManyInstructions(let count):
            return "the program has \(count) instructions; Linux accepts at most \(BPF.maxInstructions)"
        case .opcodeNotAllowed:
            return prefix + "opcode \(code) is not a classic BPF instruction Linux accepts"
        case .divisionByZeroConstant:
            return prefix + "divides by the constant 0; use a non-zero divisor"
        case .shiftTooLarge:
            return prefix + "shifts by \(instruction?.k ?? 0); constant shifts must be 0 to 31"
        case .scratchIndexOutOfRange:
            return prefix + "scratch memory index \(instruction?.k ?? 0) is out of range; use M[0] to M[15]"
        case .jumpOutOfRange(let target, let count):
            return prefix
                + "jumps to instruction \(target), outside the program (\(count) instructions; "
                + "a ja must land on an existing instruction and cannot jump backwards)"
        case .conditionalJumpOutOfRange(let trueTarget, let falseTarget, let count):
            return prefix
                + "jump targets \(trueTarget) (true) and \(falseTarget) (false) must both be below \(count), "
                + "the program's length"
        case .unknownAncillaryField:
            return prefix
                + "offset \(Int32(bitPattern: instruction?.k ?? 0)) is in the ancillary range (SKF_AD_OFF = -4096 "
                + "and above) but names no known field; use SKF_AD_OFF + 0, 4, …, 60 or a packet offset"
        case .lastInstructionNotReturn:
            return prefix + "the last instruction must be \"ret #k\" or \"ret a\""
        case .uninitializedScratchRead(let slot):
            return prefix + "reads M[\(slot)] before a value was stored there on every path leading here; "
                + "store to M[\(slot)] first"
        case .convertedJumpTooFar:
            return prefix + "this jump is too far into the program for the kernel's eBPF conversion "
                + "(converted jump offsets must fit in 16 bits); shorten the program"
        }
    }
}
