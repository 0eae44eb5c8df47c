/// The one hot loop shared by ``CompiledFilter`` (libpcap semantics) and ``KernelFilter`` (Linux semantics).
///
/// Safety rests on decoding: every op's jump targets are inside `ops`, the last op returns, scratch indices are
/// masked to 0…15, and packet loads check their bounds against `packet.count` here.
enum Interpreter {
    /// How many backward jumps one run may take before it gives up and returns 0 (libpcap would loop forever).
    static let backwardJumpBudget = 1 << 20

    /// Runs decoded ops over `packet`. `length` is what `ld len` yields; `kernel` is non-nil in Linux mode.
    static func run(
        _ ops: UnsafePointer<DecodedOp>, packet: UnsafeRawBufferPointer, length: UInt32,
        kernel: UnsafeMutablePointer<KernelRunState>?
    ) -> UInt32 {
        var scratch: (
            UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
            UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32
        ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &scratch) { scratchBytes -> UInt32 in
            guard let base = scratchBytes.baseAddress else { return 0 }  // never nil: the tuple is 64 bytes
            return execute(ops, packet: packet, length: length, kernel: kernel, memory: base.assumingMemoryBound(to: UInt32.self))
        }
    }

    @inline(__always)
    private static func execute(
        _ ops: UnsafePointer<DecodedOp>, packet: UnsafeRawBufferPointer, length: UInt32,
        kernel: UnsafeMutablePointer<KernelRunState>?, memory: UnsafeMutablePointer<UInt32>
    ) -> UInt32 {
        var a: UInt32 = 0
        var x: UInt32 = 0
        var pc = 0
        var budget = backwardJumpBudget
        let bytes = packet.baseAddress
        let captured = UInt64(packet.count)
        while true {
            let op = ops[pc]
            pc &+= 1
            switch op.kind {
            case .retK: return op.k
            case .retA: return a
            case .ldImm: a = op.k
            case .ldxImm: x = op.k
            case .ldMem: a = memory[Int(op.k)]
            case .ldxMem: x = memory[Int(op.k)]
            case .st: memory[Int(op.k)] = a
            case .stx: memory[Int(op.k)] = x
            case .tax: x = a
            case .txa: a = x
            case .ldLen: a = length
            case .ldxLen: x = length
            case .addK: a = a &+ op.k
            case .subK: a = a &- op.k
            case .mulK: a = a &* op.k
            case .divK: a = a / op.k
            case .modK: a = a % op.k
            case .andK: a &= op.k
            case .orK: a |= op.k
            case .xorK: a ^= op.k
            case .lshK: a = a &<< op.k
            case .rshK: a = a &>> op.k
            case .addX: a = a &+ x
            case .subX: a = a &- x
            case .mulX: a = a &* x
            case .divX:
                if x == 0 { return 0 }
                a = a / x
            case .modX:
                if x == 0 { return 0 }
                a = a % x
            case .andX: a &= x
            case .orX: a |= x
            case .xorX: a ^= x
            case .lshXZeroing: a = x < 32 ? a &<< x : 0
            case .rshXZeroing: a = x < 32 ? a &>> x : 0
            case .lshXMasked: a = a &<< (x & 31)
            case .rshXMasked: a = a &>> (x & 31)
            case .neg: a = 0 &- a
            case .ja: pc = Int(op.jt)
            case .jaBackward:
                budget &-= 1
                if budget <= 0 { return 0 }
                pc = Int(op.jt)
            case .jeqK: pc = Int(a == op.k ? op.jt : op.jf)
            case .jgtK: pc = Int(a > op.k ? op.jt : op.jf)
            case .jgeK: pc = Int(a >= op.k ? op.jt : op.jf)
            case .jsetK: pc = Int(a & op.k != 0 ? op.jt : op.jf)
            case .jeqX: pc = Int(a == x ? op.jt : op.jf)
            case .jgtX: pc = Int(a > x ? op.jt : op.jf)
            case .jgeX: pc = Int(a >= x ? op.jt : op.jf)
            case .jsetX: pc = Int(a & x != 0 ? op.jt : op.jf)
            case .ldAbsW:
                let offset = UInt64(op.k)
                guard offset + 4 <= captured, let bytes else { return 0 }
                a = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: Int(offset), as: UInt32.self))
            case .ldAbsH:
                let offset = UInt64(op.k)
                guard offset + 2 <= captured, let bytes else { return 0 }
                a = UInt32(UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: Int(offset), as: UInt16.self)))
            case .ldAbsB:
                let offset = UInt64(op.k)
                guard offset < captured, let bytes else { return 0 }
                a = UInt32(bytes.load(fromByteOffset: Int(offset), as: UInt8.self))
            case .ldIndW:
                let offset = UInt64(x) + UInt64(op.k)
                guard offset + 4 <= captured, let bytes else { return 0 }
                a = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: Int(offset), as: UInt32.self))
            case .ldIndH:
                let offset = UInt64(x) + UInt64(op.k)
                guard offset + 2 <= captured, let bytes else { return 0 }
                a = UInt32(UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: Int(offset), as: UInt16.self)))
            case .ldIndB:
                let offset = UInt64(x) + UInt64(op.k)
                guard offset < captured, let bytes else { return 0 }
                a = UInt32(bytes.load(fromByteOffset: Int(offset), as: UInt8.self))
            case .ldxMsh:
                let offset = UInt64(op.k)
                guard offset < captured, let bytes else { return 0 }
                x = UInt32(bytes.load(fromByteOffset: Int(offset), as: UInt8.self) & 0x0f) &<< 2
            case .kernelLdAbs:
                guard let kernel, let value = kernel.pointee.load(at: Int32(bitPattern: op.k), size: Int(op.jt))
                else { return 0 }
                a = value
            case .kernelLdInd:
                guard let kernel, let value = kernel.pointee.load(at: Int32(bitPattern: x &+ op.k), size: Int(op.jt))
                else { return 0 }
                a = value
            case .kernelLdxMsh:
                guard let kernel, let value = kernel.pointee.load(at: Int32(bitPattern: op.k), size: 1) else {
                    return 0
                }
                x = (value & 0x0f) &<< 2
            case .kernelAncillary:
                guard let kernel else { return 0 }
                switch kernel.pointee.ancillary(op.k, a: a, x: x) {
                case .value(let value): a = value
                case .exit(let value): return value
                }
            case .reject:
                return 0
            }
        }
    }
}
