import BPFCore

/// The 18 storage locations the optimizer tracks: scratch memory `M[0]`…`M[15]`, then A and X.
///
/// Sets of atoms are 32-bit masks (bit `i` = atom `i`).
enum Atom {
    /// Number of atoms.
    static let count = BPF.memoryWords + 2
    /// The accumulator.
    static let a = BPF.memoryWords
    /// The index register.
    static let x = BPF.memoryWords + 1

    /// What a statement reads.
    enum Use: Equatable {
        case none
        case one(Int)
        /// Both A and X (ALU and jump instructions with an X operand).
        case aAndX
    }

    /// The atom(s) `code`/`k` reads.
    static func use(code: UInt16, k: UInt32) -> Use {
        if code == Statement.nopCode { return .none }
        switch code & 0x07 {
        case BPF.ret:
            switch code & 0x18 {
            case BPF.a: return .one(a)
            case BPF.x: return .one(x)
            default: return .none
            }
        case BPF.ld, BPF.ldx:
            switch code & 0xe0 {
            case BPF.ind: return .one(x)
            case BPF.mem: return k < UInt32(BPF.memoryWords) ? .one(Int(k)) : .none
            default: return .none
            }
        case BPF.st: return .one(a)
        case BPF.stx: return .one(x)
        case BPF.jmp, BPF.alu:
            return code & BPF.x != 0 ? .aAndX : .one(a)
        default:  // misc
            return code & 0xf8 == BPF.txa ? .one(x) : .one(a)
        }
    }

    /// The atom `code`/`k` writes, or nil.
    static func definition(code: UInt16, k: UInt32) -> Int? {
        if code == Statement.nopCode { return nil }
        switch code & 0x07 {
        case BPF.ld, BPF.alu: return a
        case BPF.ldx: return x
        case BPF.st, BPF.stx: return k < UInt32(BPF.memoryWords) ? Int(k) : nil
        case BPF.misc: return code & 0xf8 == BPF.tax ? x : a
        default: return nil
        }
    }

    /// The mask of a use.
    static func mask(_ use: Use) -> UInt32 {
        switch use {
        case .none: return 0
        case .one(let atom): return 1 << UInt32(atom)
        case .aAndX: return (1 << UInt32(a)) | (1 << UInt32(x))
        }
    }
}
