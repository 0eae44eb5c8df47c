/// A classic BPF program run with Linux socket-filter semantics (what the kernel does after
/// `SO_ATTACH_FILTER`): checked once with ``KernelValidator``, pre-decoded, then run without allocating.
///
/// Semantics: A, X and M[] start at 0; packet loads take a signed offset (`SKF_NET_OFF`/`SKF_LL_OFF` relative
/// to the network/MAC header), read across the linear data and page fragment, and return 0 from the filter
/// when out of range; `ld len` is `skb->len` (linear + fragment); shifts by X use X & 31; division or modulo by
/// X = 0 returns 0; ancillary loads read ``KernelContext``.
public struct KernelFilter: Sendable {
    /// The program this filter was built from.
    public let program: Program
    private let ops: [DecodedOp]

    /// Checks `program` with Linux's rules and decodes it.
    /// - Throws: ``KernelCheckError`` (errno EINVAL) naming the first offending instruction.
    public init(_ program: Program) throws(KernelCheckError) {
        try KernelValidator.check(program)
        self.program = program
        self.ops = program.instructions.enumerated().map { KernelFilter.decode($0.element, at: $0.offset) }
    }

    /// Runs the filter over a socket buffer whose linear data is `linear`, followed by the paged `fragment`.
    public func run(
        linear: UnsafeRawBufferPointer, fragment: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0),
        context: KernelContext
    ) -> UInt32 {
        var state = KernelRunState(
            linear: linear, fragment: fragment, hasData: true, context: context, random: context.randomSeed | 1)
        return execute(&state)
    }

    /// Runs the filter over `linear` (and an optional page `fragment`).
    public func run(_ linear: [UInt8], fragment: [UInt8] = [], context: KernelContext) -> UInt32 {
        linear.withUnsafeBytes { linearBytes in
            fragment.withUnsafeBytes { fragmentBytes in
                run(linear: linearBytes, fragment: fragmentBytes, context: context)
            }
        }
    }

    /// Runs the filter with no socket buffer at all (lib/test_bpf.c's FLAG_NO_DATA): packet loads, `ld len` of
    /// a packet and context reads other than `[cpu]`, `[random]` and `[xor_x]` end the filter with 0.
    public func runWithoutData(context: KernelContext = KernelContext()) -> UInt32 {
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        var state = KernelRunState(
            linear: empty, fragment: empty, hasData: false, context: context, random: context.randomSeed | 1)
        return execute(&state)
    }

    private func execute(_ state: inout KernelRunState) -> UInt32 {
        let length = UInt32(truncatingIfNeeded: state.totalLength)
        return ops.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            return withUnsafeMutablePointer(to: &state) { pointer in
                Interpreter.run(base, packet: UnsafeRawBufferPointer(start: nil, count: 0), length: length, kernel: pointer)
            }
        }
    }

    /// Decodes one checked instruction with Linux semantics.
    static func decode(_ insn: Instruction, at pc: Int) -> DecodedOp {
        if let op = DecodedOp.decodeCommon(insn) { return op }
        if let op = DecodedOp.decodeConditionalJump(insn, at: pc) { return op }
        let k = insn.k
        switch insn.code {
        case BPF.ld | BPF.w | BPF.abs, BPF.ld | BPF.h | BPF.abs, BPF.ld | BPF.b | BPF.abs:
            if let ancillary = KernelAncillary(k: k) {
                return DecodedOp(.kernelAncillary, k: ancillary.field.rawValue)
            }
            return DecodedOp(.kernelLdAbs, k: k, jt: size(insn))
        case BPF.ld | BPF.w | BPF.ind, BPF.ld | BPF.h | BPF.ind, BPF.ld | BPF.b | BPF.ind:
            return DecodedOp(.kernelLdInd, k: k, jt: size(insn))
        case BPF.ldx | BPF.b | BPF.msh: return DecodedOp(.kernelLdxMsh, k: k)
        case BPF.alu | BPF.lsh | BPF.x: return DecodedOp(.lshXMasked)
        case BPF.alu | BPF.rsh | BPF.x: return DecodedOp(.rshXMasked)
        case BPF.jmp | BPF.ja: return DecodedOp(.ja, jt: Int32(truncatingIfNeeded: pc + 1 + Int(k)))
        default: return DecodedOp(.reject)
        }
    }

    private static func size(_ insn: Instruction) -> Int32 {
        switch insn.size {
        case BPF.b: return 1
        case BPF.h: return 2
        default: return 4
        }
    }
}
