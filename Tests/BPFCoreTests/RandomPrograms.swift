import BPFCore
import TestSupport

/// Random classic BPF programs that Linux and libpcap both accept, and random packets.
enum RandomPrograms {
    /// Offsets near packet ends and the awkward large values that exercise bounds checks.
    static func offset(_ rng: inout SeededGenerator) -> UInt32 {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: return [0xffff_ffff, 0xffff_fffe, 0x7fff_ffff, 0x8000_0000, 0xffff_fffc][Int.random(in: 0..<5, using: &rng)]
        case 1: return UInt32.random(in: 60...300, using: &rng)
        default: return UInt32.random(in: 0...64, using: &rng)
        }
    }

    static func constant(_ rng: inout SeededGenerator) -> UInt32 {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return UInt32.random(in: 0...UInt32.max, using: &rng)
        case 1: return [0, 1, 31, 32, 33, 0x8000_0000, 0xffff_ffff][Int.random(in: 0..<7, using: &rng)]
        default: return UInt32.random(in: 0...70, using: &rng)
        }
    }

    /// One instruction at `pc` of a program of `count` instructions (not the last).
    static func instruction(at pc: Int, count: Int, _ rng: inout SeededGenerator) -> Instruction {
        let remaining = count - pc - 1  // instructions after this one
        let sizes = [BPF.w, BPF.h, BPF.b]
        switch Int.random(in: 0..<16, using: &rng) {
        case 0, 1:
            let size = sizes[Int.random(in: 0..<3, using: &rng)]
            var k = offset(&rng)
            if k >= Ancillary.base { k = UInt32.random(in: 0...64, using: &rng) }  // Linux refuses these
            return Instruction(code: BPF.ld | size | BPF.abs, k: k)
        case 2:
            let size = sizes[Int.random(in: 0..<3, using: &rng)]
            return Instruction(code: BPF.ld | size | BPF.ind, k: offset(&rng))
        case 3: return Instruction(code: BPF.ldx | BPF.b | BPF.msh, k: UInt32.random(in: 0...70, using: &rng))
        case 4:
            return [
                Instruction(code: BPF.ld | BPF.imm, k: constant(&rng)), Instruction(code: BPF.ldx | BPF.imm, k: constant(&rng)),
                Instruction(code: BPF.ld | BPF.w | BPF.len), Instruction(code: BPF.ldx | BPF.w | BPF.len),
                Instruction(code: BPF.misc | BPF.tax), Instruction(code: BPF.misc | BPF.txa),
            ][Int.random(in: 0..<6, using: &rng)]
        case 5, 6:
            let ops = [BPF.add, BPF.sub, BPF.mul, BPF.div, BPF.mod, BPF.and, BPF.or, BPF.xor, BPF.lsh, BPF.rsh, BPF.neg]
            let op = ops[Int.random(in: 0..<ops.count, using: &rng)]
            if op == BPF.neg { return Instruction(code: BPF.alu | BPF.neg) }
            if Bool.random(using: &rng) { return Instruction(code: BPF.alu | op | BPF.x) }
            var k = constant(&rng)
            if op == BPF.lsh || op == BPF.rsh { k &= 31 }
            if (op == BPF.div || op == BPF.mod) && k == 0 { k = 3 }
            return Instruction(code: BPF.alu | op | BPF.k, k: k)
        case 7:
            let slot = UInt32.random(in: 0..<16, using: &rng)
            return Instruction(code: Bool.random(using: &rng) ? BPF.st : BPF.stx, k: slot)
        case 8:
            let slot = UInt32.random(in: 0..<16, using: &rng)
            return Instruction(code: Bool.random(using: &rng) ? BPF.ld | BPF.mem : BPF.ldx | BPF.mem, k: slot)
        case 9, 10, 11:
            guard remaining >= 1 else { return Instruction(code: BPF.ret | BPF.a) }
            let ops = [BPF.jeq, BPF.jgt, BPF.jge, BPF.jset]
            let op = ops[Int.random(in: 0..<4, using: &rng)]
            let limit = min(remaining - 1, 255)
            let jt = UInt8(Int.random(in: 0...limit, using: &rng))
            let jf = UInt8(Int.random(in: 0...limit, using: &rng))
            let source = Bool.random(using: &rng) ? BPF.x : BPF.k
            return Instruction(code: BPF.jmp | op | source, jt: jt, jf: jf, k: source == BPF.k ? constant(&rng) : 0)
        case 12:
            guard remaining >= 2 else { return Instruction(code: BPF.misc | BPF.tax) }
            return Instruction(code: BPF.jmp | BPF.ja, k: UInt32.random(in: 0...UInt32(remaining - 1), using: &rng))
        case 13:
            return Bool.random(using: &rng)
                ? Instruction(code: BPF.ret | BPF.a) : Instruction(code: BPF.ret | BPF.k, k: constant(&rng))
        default:
            let size = sizes[Int.random(in: 0..<3, using: &rng)]
            return Instruction(code: BPF.ld | size | BPF.abs, k: UInt32.random(in: 0...40, using: &rng))
        }
    }

    /// A random program that passes Linux's checks (and therefore libpcap's).
    static func program(_ rng: inout SeededGenerator) -> Program {
        while true {
            let count = Int.random(in: 2...40, using: &rng)
            var insns = (0..<(count - 1)).map { instruction(at: $0, count: count, &rng) }
            insns.append(Bool.random(using: &rng) ? Instruction(code: BPF.ret | BPF.a) : Instruction(code: BPF.ret | BPF.k, k: 0xffff))
            let program = Program(insns)
            if (try? KernelValidator.check(program)) != nil { return program }
        }
    }

    static func packet(_ rng: inout SeededGenerator) -> [UInt8] {
        let length = Int.random(in: 0...90, using: &rng)
        let fill = UInt8.random(in: 0...255, using: &rng)
        return (0..<length).map { _ in Int.random(in: 0..<4, using: &rng) == 0 ? fill : UInt8.random(in: 0...255, using: &rng) }
    }
}
