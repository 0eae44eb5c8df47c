import BPFCore

/// Translates classic BPF into eBPF, either exactly as Linux 6.18's `bpf_convert_filter()` does
/// (``TranslationFlavor/kernel``) or into a program the bpf(2) verifier accepts
/// (``TranslationFlavor/loadable``).
///
/// ```swift
/// let ebpf = try EBPFTranslator(flavor: .loadable).translate(classicProgram)
/// ```
public struct EBPFTranslator: Sendable {
    /// The flavour to produce.
    public var flavor: TranslationFlavor
    /// Offsets and helper immediates for the kernel flavour (the loadable flavour only records it).
    public var layout: KernelLayout

    /// Creates a translator.
    public init(flavor: TranslationFlavor, layout: KernelLayout = .linux618x86_64) {
        self.flavor = flavor
        self.layout = layout
    }

    /// Checks `program` with the kernel's classic rules, then translates it.
    public func translate(_ program: Program) throws(TranslationError) -> EBPFProgram {
        try translate(program.instructions)
    }

    /// Checks `instructions` with the kernel's classic rules, then translates them.
    public func translate(_ instructions: [Instruction]) throws(TranslationError) -> EBPFProgram {
        do {
            // The conversion's own jump-offset limit is reproduced below, while emitting.
            try KernelValidator.check(Program(instructions), conversionLimits: false)
        } catch {
            throw .invalidClassic(error)
        }
        let n = instructions.count
        let reachable = flavor == .loadable ? Self.reachability(instructions) : [Bool](repeating: true, count: n)

        var fragments = [Fragment?](repeating: nil, count: n)
        var usesPacketCache = false
        var stackDepth = 0
        for i in 0..<n where reachable[i] {
            var emitter = SequenceEmitter(flavor: flavor, layout: layout, index: i, instruction: instructions[i])
            try emitter.emitClassic()
            usesPacketCache = usesPacketCache || emitter.loadsPacket
            stackDepth = max(stackDepth, emitter.stackUse)
            fragments[i] = emitter.fragment
        }

        var program = Fragment()
        SequenceEmitter.emitPrologue(flavor: flavor, layout: layout, cachesPacket: usesPacketCache, into: &program)
        var starts = [Int?](repeating: nil, count: n)
        var position = program.instructions.count
        for i in 0..<n {
            guard let fragment = fragments[i] else { continue }
            starts[i] = position
            position += fragment.instructions.count
        }

        var symbols: [Int: EBPFSymbol] = [:]
        for (p, s) in program.symbols { symbols[p] = s }
        var output = program.instructions
        output.reserveCapacity(position)
        for i in 0..<n {
            guard var fragment = fragments[i], let start = starts[i] else { continue }
            for (p, classicTarget) in fragment.jumps {
                guard classicTarget < n, let targetStart = starts[classicTarget] else {
                    throw .invalidClassic(KernelCheckError(index: i, instruction: instructions[i], reason: .convertedJumpTooFar))
                }
                if flavor == .kernel {
                    // The kernel's first emission still sees 0 for every forward target.
                    let firstPass = -(start + 1 + p)
                    if firstPass < Int(Int16.min) {
                        throw .jumpOffsetOverflow(classicIndex: i, offset: firstPass, pass: 1)
                    }
                }
                let off = targetStart - start - 1 - p
                guard let off16 = Int16(exactly: off) else {
                    throw .jumpOffsetOverflow(classicIndex: i, offset: off, pass: 2)
                }
                fragment.instructions[p].off = off16
            }
            for (p, s) in fragment.symbols { symbols[start + p] = s }
            output.append(contentsOf: fragment.instructions)
        }
        return EBPFProgram(instructions: output, symbols: symbols, flavor: flavor, layout: layout,
                           stackDepth: stackDepth, classicStarts: starts)
    }

    /// Which classic instructions some path from the first one reaches (all jumps are forward).
    static func reachability(_ insns: [Instruction]) -> [Bool] {
        var reached = [Bool](repeating: false, count: insns.count)
        guard !insns.isEmpty else { return reached }
        reached[0] = true
        for i in 0..<insns.count where reached[i] {
            let insn = insns[i]
            let mark = { (t: Int) in if t < reached.count { reached[t] = true } }
            switch insn.instructionClass {
            case BPF.ret:
                break
            case BPF.jmp:
                if insn.operation == BPF.ja {
                    mark(i + 1 + Int(insn.k))
                } else {
                    mark(i + 1 + Int(insn.jt))
                    mark(i + 1 + Int(insn.jf))
                }
            default:
                mark(i + 1)
            }
        }
        return reached
    }
}
