/// How many eBPF instructions Linux's `bpf_convert_filter` emits for each classic instruction, and where the
/// jumps inside each sequence sit: enough to reproduce its jump-offset checks without building the eBPF.
enum KernelConversionLayout {
    /// One eBPF jump emitted for a classic instruction: its position in the sequence and its classic target.
    struct Jump {
        var position: Int
        var target: Int
    }

    /// True when the kernel caches packet pointers in the prologue (any packet load or `ldxb 4*([k]&0xf)`).
    static func needsPacketPrologue(_ insns: [Instruction]) -> Bool {
        insns.contains { insn in
            if insn.code == BPF.ldx | BPF.b | BPF.msh { return true }
            guard insn.instructionClass == BPF.ld else { return false }
            if insn.mode == BPF.ind { return true }
            return insn.mode == BPF.abs && KernelAncillary(k: insn.k) == nil
        }
    }

    /// eBPF length of the packet-load sequence for an absolute (or indirect) load of `size` bytes.
    static func packetLoadLength(k: UInt32, size: UInt16, indirect: Bool) -> Int {
        let slowPath = 8
        if indirect { return k == 0 ? slowPath : slowPath + 1 }
        let offset = Int32(bitPattern: k)
        guard offset >= 0 else { return slowPath }
        var fast = 1 + (offset != 0 ? 1 : 0) + 1  // mov tmp, h; [sub tmp, k]; jslt
        fast += offset <= 32767 ? 1 : 3  // the load, or mov/add/load
        if size != BPF.b { fast += 1 }  // byte swap
        fast += 1  // ja over the slow path
        return fast + slowPath
    }

    /// eBPF length of one classic instruction and the jumps it contains.
    static func layout(of insn: Instruction, at pc: Int) -> (length: Int, jumps: [Jump]) {
        switch insn.instructionClass {
        case BPF.alu:
            if insn.code == BPF.alu | BPF.div | BPF.x || insn.code == BPF.alu | BPF.mod | BPF.x { return (5, []) }
            return (1, [])
        case BPF.ld:
            if insn.mode == BPF.abs, let ancillary = KernelAncillary(k: insn.k) {
                switch ancillary.field {
                case .proto, .pktType, .vlanTPID: return (2, [])
                case .ifIndex, .hatype, .payOffset, .nlAttr, .nlAttrNest, .cpu, .random: return (4, [])
                case .vlanTagPresent: return (3, [])
                case .mark, .rxhash, .queue, .vlanTCI, .aluXorX: return (1, [])
                }
            }
            if insn.mode == BPF.abs || insn.mode == BPF.ind {
                return (packetLoadLength(k: insn.k, size: insn.size, indirect: insn.mode == BPF.ind), [])
            }
            return (1, [])
        case BPF.ldx:
            if insn.code == BPF.ldx | BPF.b | BPF.msh {
                return (6 + packetLoadLength(k: insn.k, size: BPF.b, indirect: false), [])
            }
            return (1, [])
        case BPF.ret:
            return (insn.code == BPF.ret | BPF.k ? 2 : 1, [])
        case BPF.jmp:
            if insn.code == BPF.jmp | BPF.ja {
                return (1, [Jump(position: 0, target: pc + 1 + Int(insn.k))])
            }
            // A negative-looking constant is first moved into a register.
            let first = insn.source == BPF.k && Int32(bitPattern: insn.k) < 0 ? 1 : 0
            let trueTarget = pc + 1 + Int(insn.jt)
            let falseTarget = pc + 1 + Int(insn.jf)
            if insn.jf == 0 { return (first + 1, [Jump(position: first, target: trueTarget)]) }
            if insn.jt == 0 && insn.operation != BPF.jset {
                return (first + 1, [Jump(position: first, target: falseTarget)])
            }
            return (
                first + 2,
                [Jump(position: first, target: trueTarget), Jump(position: first + 1, target: falseTarget)]
            )
        default:
            return (1, [])
        }
    }

    /// Replays the kernel's two emission passes and reports the first jump whose 16-bit offset overflows. In the
    /// first pass forward targets are still unplaced (address 0), so a jump far into the program fails even if
    /// it is short.
    static func checkJumpOffsets(_ insns: [Instruction]) throws(KernelCheckError) {
        let prologue = needsPacketPrologue(insns) ? 7 : 3
        var addresses = [Int](repeating: 0, count: insns.count)
        let layouts = insns.enumerated().map { layout(of: $0.element, at: $0.offset) }
        for pass in 0..<2 {
            var next = prologue
            for (pc, insn) in insns.enumerated() {
                addresses[pc] = next
                for jump in layouts[pc].jumps {
                    guard jump.target >= 0, jump.target < insns.count else {
                        throw KernelCheckError(index: pc, instruction: insn, reason: .convertedJumpTooFar)
                    }
                    let targetAddress = pass == 0 && jump.target > pc ? 0 : addresses[jump.target]
                    let offset = targetAddress - addresses[pc] - 1 - jump.position
                    if offset < Int(Int16.min) || offset > Int(Int16.max) {
                        throw KernelCheckError(index: pc, instruction: insn, reason: .convertedJumpTooFar)
                    }
                }
                next += layouts[pc].length
            }
        }
    }
}
