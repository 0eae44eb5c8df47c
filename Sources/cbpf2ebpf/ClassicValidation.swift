import BPFCore

/// Why the kernel's classic checker refuses a program.
public struct ClassicValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The offending instruction, or nil for whole-program problems (length, last instruction).
    public var index: Int?
    /// What is wrong, in words.
    public var reason: String

    /// Creates an error.
    public init(index: Int?, reason: String) {
        self.index = index
        self.reason = reason
    }

    public var description: String {
        if let index { return "instruction \(index): \(reason) (the kernel answers EINVAL)" }
        return "\(reason) (the kernel answers EINVAL)"
    }
}

/// The checks Linux applies to a classic program before converting it (`bpf_check_basics_ok`,
/// `bpf_check_classic` and `check_load_and_stores` of net/core/filter.c).
///
/// Private to this module until BPFCore's validator is available on main.
enum ClassicChecker {
    /// Every 16-bit opcode the kernel accepts.
    static let allowedCodes: Set<UInt16> = [
        0x04, 0x0c, 0x14, 0x1c, 0x24, 0x2c, 0x34, 0x3c, 0x94, 0x9c, 0x54, 0x5c, 0x44, 0x4c, 0xa4, 0xac,
        0x64, 0x6c, 0x74, 0x7c, 0x84,
        0x20, 0x28, 0x30, 0x40, 0x48, 0x50, 0x80, 0x00, 0x60,
        0x81, 0xb1, 0x01, 0x61,
        0x02, 0x03, 0x07, 0x87, 0x06, 0x16,
        0x05, 0x15, 0x1d, 0x25, 0x2d, 0x35, 0x3d, 0x45, 0x4d,
    ]

    static func check(_ insns: [Instruction]) throws(ClassicValidationError) {
        let n = insns.count
        if n == 0 { throw ClassicValidationError(index: nil, reason: "the program is empty") }
        if n > BPF.maxInstructions {
            throw ClassicValidationError(index: nil, reason: "\(n) instructions exceed the limit of \(BPF.maxInstructions)")
        }
        for (pc, insn) in insns.enumerated() {
            let code = insn.code, k = insn.k
            guard allowedCodes.contains(code) else {
                throw ClassicValidationError(index: pc, reason: "opcode 0x\(String(code, radix: 16)) is not allowed")
            }
            switch code {
            case 0x34, 0x94:
                if k == 0 { throw ClassicValidationError(index: pc, reason: "division or modulo by constant 0") }
            case 0x64, 0x74:
                if k >= 32 { throw ClassicValidationError(index: pc, reason: "shift by \(k) (must be below 32)") }
            case 0x60, 0x61, 0x02, 0x03:
                if k >= UInt32(BPF.memoryWords) {
                    throw ClassicValidationError(index: pc, reason: "scratch memory index \(k) is not below 16")
                }
            case 0x05:
                if k >= UInt32(n - pc - 1) {
                    throw ClassicValidationError(index: pc, reason: "ja +\(k) jumps past the last instruction")
                }
            case 0x15, 0x1d, 0x25, 0x2d, 0x35, 0x3d, 0x45, 0x4d:
                if pc + Int(insn.jt) + 1 >= n || pc + Int(insn.jf) + 1 >= n {
                    throw ClassicValidationError(index: pc, reason: "a jump target lies past the last instruction")
                }
            case 0x20, 0x28, 0x30:
                if k >= Ancillary.base && Ancillary(rawValue: k &- Ancillary.base).map({ $0.rawValue % 4 == 0 }) != true {
                    throw ClassicValidationError(index: pc, reason: "unknown ancillary load offset 0x\(String(k, radix: 16))")
                }
            default:
                break
            }
        }
        let last = insns[n - 1].code
        if last != 0x06 && last != 0x16 {
            throw ClassicValidationError(index: n - 1, reason: "the last instruction is not a return")
        }
        try checkScratchMemory(insns)
    }

    /// `check_load_and_stores`: no scratch word may be read before every path has written it.
    static func checkScratchMemory(_ insns: [Instruction]) throws(ClassicValidationError) {
        var masks = [UInt16](repeating: 0xffff, count: insns.count)
        var valid: UInt16 = 0
        for (pc, insn) in insns.enumerated() {
            valid &= masks[pc]
            let k = Int(insn.k)
            switch insn.code {
            case 0x02, 0x03:
                valid |= UInt16(1) << (k & 15)
            case 0x60, 0x61:
                if valid & (UInt16(1) << (k & 15)) == 0 {
                    throw ClassicValidationError(index: pc, reason: "M[\(k)] may be read before it is written")
                }
            case 0x05:
                let t = pc + 1 + k
                if t < masks.count { masks[t] &= valid }
                valid = 0xffff
            case 0x15, 0x1d, 0x25, 0x2d, 0x35, 0x3d, 0x45, 0x4d:
                let t1 = pc + 1 + Int(insn.jt), t2 = pc + 1 + Int(insn.jf)
                if t1 < masks.count { masks[t1] &= valid }
                if t2 < masks.count { masks[t2] &= valid }
                valid = 0xffff
            default:
                break
            }
        }
    }
}
