/// Why the eBPF interpreter stopped without a result.
public struct EBPFRuntimeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The instruction index.
    public var index: Int
    /// What went wrong.
    public var message: String
    public var description: String { "eBPF instruction \(index): \(message)" }
}

/// Runs translated eBPF programs over a modelled ``SocketBuffer``.
///
/// Covers every instruction either flavour emits (and the rest of the 64/32-bit ALU and jump set, `lddw`,
/// stack loads and stores). The context ABI follows the program's flavour: the kernel flavour reads
/// `sk_buff`/`net_device` members at the ``KernelLayout``'s offsets and calls the in-kernel helpers by
/// their immediates; the loadable flavour reads uapi `__sk_buff`, runs `LD_ABS`/`LD_IND` and uapi helpers.
public struct EBPFInterpreter: Sendable {
    /// The program being run.
    public let program: EBPFProgram
    private let code: ContiguousArray<EBPFInstruction>
    private let contextFields: [ContextField]
    private let deviceFields: [ContextField]
    private let callTargets: [CallTarget]
    /// For programs with two-slot `lddw`: each instruction's first slot, and the instruction at each slot
    /// (-1 inside an `lddw`). Empty when every instruction is one slot (indices and slots coincide).
    private let slotOfInstruction: [Int]
    private let instructionAtSlot: [Int]

    /// The (non-zero) value a `net_device` pointer holds; device loads are relative to it.
    static let deviceBase: UInt64 = 0x1_0000

    /// The largest number of instructions one run may execute.
    public static let stepLimit = 1 << 20

    /// Prepares `program` for running.
    public init(program: EBPFProgram) {
        self.program = program
        self.code = ContiguousArray(program.instructions)
        let l = program.layout
        switch program.flavor {
        case .kernel:
            contextFields = [
                ContextField(offset: Int(l.skbData), width: 8, kind: .dataPointer),
                ContextField(offset: Int(l.skbDev), width: 8, kind: .devicePointer),
                ContextField(offset: Int(l.skbLen), width: 4, kind: .length),
                ContextField(offset: Int(l.skbDataLen), width: 4, kind: .dataLength),
                ContextField(offset: Int(l.skbQueueMapping), width: 2, kind: .queueMapping),
                ContextField(offset: Int(l.skbPktTypeOffset), width: 1, kind: .packetTypeByte),
                ContextField(offset: Int(l.skbHash), width: 4, kind: .hash),
                ContextField(offset: Int(min(l.skbVlanAll, l.skbVlanProto, l.skbVlanTCI)), width: 4, kind: .vlanAll),
                ContextField(offset: Int(l.skbMark), width: 4, kind: .mark),
                ContextField(offset: Int(l.skbProtocol), width: 2, kind: .protocolBE),
            ]
            deviceFields = [
                ContextField(offset: Int(l.deviceIfindex), width: 4, kind: .ifindex),
                ContextField(offset: Int(l.deviceType), width: 2, kind: .deviceType),
            ]
        case .loadable:
            contextFields = [
                ContextField(offset: 0, width: 4, kind: .length),
                ContextField(offset: 4, width: 4, kind: .packetType),
                ContextField(offset: 8, width: 4, kind: .mark),
                ContextField(offset: 12, width: 4, kind: .queueMapping),
                ContextField(offset: 16, width: 4, kind: .protocolBE),
                ContextField(offset: 20, width: 4, kind: .vlanPresent),
                ContextField(offset: 24, width: 4, kind: .vlanTCI),
                ContextField(offset: 28, width: 4, kind: .vlanProtoBE),
                ContextField(offset: 40, width: 4, kind: .ifindex),
                ContextField(offset: 68, width: 4, kind: .hash),
            ]
            deviceFields = []
        }
        callTargets = program.instructions.map { insn in
            guard insn.code == EBPF.jmp | EBPF.call else { return .none }
            switch program.flavor {
            case .kernel:
                switch l.helper(forImmediate: insn.imm) {
                case .loadHelper8?: return .load(1)
                case .loadHelper16?: return .load(2)
                case .loadHelper32?: return .load(4)
                case .payloadOffset?: return .payloadOffset
                case .netlinkAttribute?: return .netlink(nested: false)
                case .netlinkNestedAttribute?: return .netlink(nested: true)
                case .rawCPUID?: return .cpu
                case .userRandom?: return .random
                case nil: return .none
                }
            case .loadable:
                switch UAPIHelper(rawValue: insn.imm) {
                case .getSmpProcessorID?: return .cpu
                case .getPrandomU32?: return .random
                case nil: return .none
                }
            }
        }
        if program.instructions.contains(where: \.isWide) {
            var slots: [Int] = [], atSlot: [Int] = []
            for (i, insn) in program.instructions.enumerated() {
                slots.append(atSlot.count)
                atSlot.append(i)
                if insn.isWide { atSlot.append(-1) }
            }
            slotOfInstruction = slots
            instructionAtSlot = atSlot
        } else {
            slotOfInstruction = []
            instructionAtSlot = []
        }
        vlanShifts = (Int(l.skbVlanProto - min(l.skbVlanAll, l.skbVlanProto, l.skbVlanTCI)),
                      Int(l.skbVlanTCI - min(l.skbVlanAll, l.skbVlanProto, l.skbVlanTCI)))
        pktTypeShift = l.bigEndianBitfields ? 5 : 0
    }

    private let vlanShifts: (proto: Int, tci: Int)
    private let pktTypeShift: Int

    enum Region: UInt8 { case scalar, context, packet, device, stack }

    enum FieldKind {
        case dataPointer, devicePointer, length, dataLength, queueMapping, packetTypeByte, packetType, hash
        case vlanAll, vlanPresent, vlanTCI, vlanProtoBE, mark, protocolBE, ifindex, deviceType
    }

    struct ContextField {
        var offset: Int
        var width: Int
        var kind: FieldKind
    }

    enum CallTarget: Equatable {
        case none, load(Int), payloadOffset, netlink(nested: Bool), cpu, random
    }

    /// Runs the program on `skb` and returns R0 truncated to 32 bits, as `bpf_prog_run()` does.
    public func run(_ skb: SocketBuffer) throws(EBPFRuntimeError) -> UInt32 {
        // Registers, their regions and the stack live in temporary (stack) storage: a run allocates nothing.
        let stackWords = EBPF.maxStack / 8
        return try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: stackWords + 11 + 2) {
            (words: UnsafeMutableBufferPointer<UInt64>) throws(EBPFRuntimeError) -> UInt32 in
            words.initialize(repeating: 0)
            guard let base = words.baseAddress else { throw EBPFRuntimeError(index: 0, message: "no memory") }
            var stack = Stack(words: UnsafeMutableBufferPointer(rebasing: words[0..<stackWords]))
            var regs = Registers(values: base + stackWords,
                                 regions: UnsafeMutableRawPointer(base + stackWords + 11).assumingMemoryBound(to: UInt8.self))
            regs.set(1, 0, .context)
            regs.set(10, UInt64(EBPF.maxStack), .stack)
            return try code.withUnsafeBufferPointer { (program: UnsafeBufferPointer<EBPFInstruction>) throws(EBPFRuntimeError) -> UInt32 in
                try execute(program, skb, &regs, &stack)
            }
        }
    }

    private func execute(_ code: UnsafeBufferPointer<EBPFInstruction>, _ skb: SocketBuffer, _ regs: inout Registers,
                         _ stack: inout Stack) throws(EBPFRuntimeError) -> UInt32 {
        var pc = 0
        var steps = 0
        let n = code.count
        while true {
            guard pc >= 0 && pc < n else { throw EBPFRuntimeError(index: pc, message: "control left the program") }
            steps += 1
            if steps > Self.stepLimit { throw EBPFRuntimeError(index: pc, message: "step limit exceeded") }
            let insn = code[pc]
            let dst = Int(insn.dst), src = Int(insn.src)
            guard dst <= 10 && src <= 10 else { throw EBPFRuntimeError(index: pc, message: "invalid register") }
            switch insn.instructionClass {
            case EBPF.alu64, EBPF.alu:
                try alu(insn, &regs, pc: pc)
            case EBPF.ldx:
                let width = Self.width(insn.size)
                let (value, region) = try loadMemory(base: regs.value(src), region: regs.region(src),
                                                     offset: Int(insn.off), width: width, skb: skb, stack: stack, pc: pc)
                regs.set(dst, value, region)
            case EBPF.stx, EBPF.st:
                guard regs.region(dst) == .stack else { throw EBPFRuntimeError(index: pc, message: "store outside the stack") }
                let value = insn.instructionClass == EBPF.stx ? regs.value(src) : UInt64(bitPattern: Int64(insn.imm))
                let address = Int(truncatingIfNeeded: regs.value(dst)) &+ Int(insn.off)
                let width = Self.width(insn.size)
                guard stack.store(value, at: address, width: width) else {
                    throw EBPFRuntimeError(index: pc, message: "stack store out of bounds at \(address &- EBPF.maxStack)")
                }
            case EBPF.ld:
                if insn.isWide {
                    regs.set(dst, UInt64(bitPattern: insn.wideImmediate), .scalar)
                } else if insn.mode == EBPF.abs || insn.mode == EBPF.ind {
                    var offset = Int64(insn.imm)
                    if insn.mode == EBPF.ind { offset = Int64(bitPattern: regs.value(src) &+ UInt64(bitPattern: offset)) }
                    let r = skb.loadHelper(size: Self.width(insn.size), offset: Int32(truncatingIfNeeded: offset),
                                           dataBase: 0, headLength: skb.headLength)
                    if r < 0 { return 0 }
                    regs.set(0, UInt64(r), .scalar)
                    for i in 1...5 { regs.set(i, 0, .scalar) }
                } else {
                    throw EBPFRuntimeError(index: pc, message: "unsupported load mode")
                }
            case EBPF.jmp, EBPF.jmp32:
                let op = insn.operation
                if op == EBPF.exit { return UInt32(truncatingIfNeeded: regs.value(0)) }
                if op == EBPF.call {
                    try call(callTargets[pc], &regs, skb: skb, pc: pc)
                    pc += 1
                    continue
                }
                if op == EBPF.ja {
                    pc = try jumpTarget(from: pc, offset: insn.off)
                    continue
                }
                let wide = insn.instructionClass == EBPF.jmp
                var a = regs.value(dst)
                var b = insn.source == EBPF.x ? regs.value(src) : UInt64(bitPattern: Int64(insn.imm))
                if !wide {
                    a = UInt64(UInt32(truncatingIfNeeded: a))
                    b = UInt64(UInt32(truncatingIfNeeded: b))
                }
                let sa = wide ? Int64(bitPattern: a) : Int64(Int32(truncatingIfNeeded: a))
                let sb = wide ? Int64(bitPattern: b) : Int64(Int32(truncatingIfNeeded: b))
                let taken: Bool
                switch op {
                case EBPF.jeq: taken = a == b
                case EBPF.jne: taken = a != b
                case EBPF.jgt: taken = a > b
                case EBPF.jge: taken = a >= b
                case EBPF.jlt: taken = a < b
                case EBPF.jle: taken = a <= b
                case EBPF.jset: taken = a & b != 0
                case EBPF.jsgt: taken = sa > sb
                case EBPF.jsge: taken = sa >= sb
                case EBPF.jslt: taken = sa < sb
                case EBPF.jsle: taken = sa <= sb
                default: throw EBPFRuntimeError(index: pc, message: "unknown jump 0x\(String(insn.code, radix: 16))")
                }
                pc = taken ? try jumpTarget(from: pc, offset: insn.off) : pc + 1
                continue
            default:
                throw EBPFRuntimeError(index: pc, message: "unknown class of opcode 0x\(String(insn.code, radix: 16))")
            }
            pc += 1
        }
    }

    /// The instruction a jump at `pc` with slot offset `offset` lands on.
    @inline(__always)
    private func jumpTarget(from pc: Int, offset: Int16) throws(EBPFRuntimeError) -> Int {
        if slotOfInstruction.isEmpty { return pc + 1 + Int(offset) }
        let slot = slotOfInstruction[pc] + 1 + Int(offset)
        guard slot >= 0, slot < instructionAtSlot.count, instructionAtSlot[slot] >= 0 else {
            throw EBPFRuntimeError(index: pc, message: "jump to slot \(slot), outside the program or inside an lddw")
        }
        return instructionAtSlot[slot]
    }

    @inline(__always)
    static func width(_ size: UInt8) -> Int {
        switch size {
        case EBPF.b: return 1
        case EBPF.h: return 2
        case EBPF.w: return 4
        default: return 8
        }
    }

    private func alu(_ insn: EBPFInstruction, _ regs: inout Registers, pc: Int) throws(EBPFRuntimeError) {
        let dst = Int(insn.dst)
        let wide = insn.instructionClass == EBPF.alu64
        let op = insn.operation
        let srcValue = insn.source == EBPF.x ? regs.value(Int(insn.src)) : UInt64(bitPattern: Int64(insn.imm))
        let dstValue = regs.value(dst)
        if op == EBPF.end {
            let bits = insn.imm
            var v = dstValue
            // The host is little-endian: FROM_BE swaps, FROM_LE only truncates.
            let swap = insn.source == EBPF.toBE
            switch bits {
            case 16: v = UInt64(swap ? UInt16(truncatingIfNeeded: v).byteSwapped : UInt16(truncatingIfNeeded: v))
            case 32: v = UInt64(swap ? UInt32(truncatingIfNeeded: v).byteSwapped : UInt32(truncatingIfNeeded: v))
            case 64: v = swap ? v.byteSwapped : v
            default: throw EBPFRuntimeError(index: pc, message: "invalid byte-swap width \(bits)")
            }
            regs.set(dst, v, .scalar)
            return
        }
        if op == EBPF.mov {
            if wide {
                if insn.source == EBPF.x {
                    regs.set(dst, srcValue, regs.region(Int(insn.src)))
                } else {
                    regs.set(dst, srcValue, .scalar)
                }
            } else {
                regs.set(dst, UInt64(UInt32(truncatingIfNeeded: srcValue)), .scalar)
            }
            return
        }
        if wide {
            let region = regs.region(dst)
            var result: UInt64
            switch op {
            case EBPF.add: result = dstValue &+ srcValue
            case EBPF.sub: result = dstValue &- srcValue
            case EBPF.mul: result = dstValue &* srcValue
            case EBPF.div: result = srcValue == 0 ? 0 : dstValue / srcValue
            case EBPF.mod: result = srcValue == 0 ? dstValue : dstValue % srcValue
            case EBPF.or: result = dstValue | srcValue
            case EBPF.and: result = dstValue & srcValue
            case EBPF.xor: result = dstValue ^ srcValue
            case EBPF.lsh: result = dstValue << (srcValue & 63)
            case EBPF.rsh: result = dstValue >> (srcValue & 63)
            case EBPF.arsh: result = UInt64(bitPattern: Int64(bitPattern: dstValue) >> Int64(srcValue & 63))
            case EBPF.neg: result = 0 &- dstValue
            default: throw EBPFRuntimeError(index: pc, message: "unknown ALU64 op 0x\(String(insn.code, radix: 16))")
            }
            let keepsPointer = (op == EBPF.add || op == EBPF.sub) && region != .scalar
                && (insn.source == EBPF.k || regs.region(Int(insn.src)) == .scalar)
            regs.set(dst, result, keepsPointer ? region : .scalar)
            return
        }
        let a = UInt32(truncatingIfNeeded: dstValue), b = UInt32(truncatingIfNeeded: srcValue)
        var result: UInt32
        switch op {
        case EBPF.add: result = a &+ b
        case EBPF.sub: result = a &- b
        case EBPF.mul: result = a &* b
        case EBPF.div: result = b == 0 ? 0 : a / b
        case EBPF.mod: result = b == 0 ? a : a % b
        case EBPF.or: result = a | b
        case EBPF.and: result = a & b
        case EBPF.xor: result = a ^ b
        case EBPF.lsh: result = a << (b & 31)
        case EBPF.rsh: result = a >> (b & 31)
        case EBPF.arsh: result = UInt32(bitPattern: Int32(bitPattern: a) >> Int32(b & 31))
        case EBPF.neg: result = 0 &- a
        default: throw EBPFRuntimeError(index: pc, message: "unknown ALU op 0x\(String(insn.code, radix: 16))")
        }
        regs.set(dst, UInt64(result), .scalar)
    }

    private func call(_ target: CallTarget, _ regs: inout Registers, skb: SocketBuffer, pc: Int) throws(EBPFRuntimeError) {
        let result: UInt64
        switch target {
        case .none:
            throw EBPFRuntimeError(index: pc, message: "call to an unknown helper")
        case .load(let size):
            guard regs.region(2) == .packet else { throw EBPFRuntimeError(index: pc, message: "load helper without a data pointer") }
            let r = skb.loadHelper(size: size, offset: Int32(truncatingIfNeeded: regs.value(4)),
                                   dataBase: Int(truncatingIfNeeded: regs.value(2)),
                                   headLength: Int(Int32(truncatingIfNeeded: regs.value(3))))
            result = UInt64(bitPattern: r)
        case .payloadOffset:
            result = UInt64(skb.payloadOffset())
        case .netlink(let nested):
            result = skb.netlinkAttribute(a: UInt32(truncatingIfNeeded: regs.value(2)),
                                          x: UInt32(truncatingIfNeeded: regs.value(3)), nested: nested)
        case .cpu:
            result = UInt64(skb.context.cpu)
        case .random:
            result = UInt64(skb.context.randomSeed)
        }
        regs.set(0, result, .scalar)
        for i in 1...5 { regs.set(i, 0, .scalar) }
    }

    private func loadMemory(base: UInt64, region: Region, offset: Int, width: Int, skb: SocketBuffer,
                            stack: Stack, pc: Int) throws(EBPFRuntimeError) -> (UInt64, Region) {
        let address = Int(truncatingIfNeeded: base) &+ offset
        switch region {
        case .stack:
            guard let v = stack.load(at: address, width: width) else {
                throw EBPFRuntimeError(index: pc, message: "stack load out of bounds")
            }
            return (v, .scalar)
        case .packet:
            var v: UInt64 = 0
            for j in stride(from: width - 1, through: 0, by: -1) {
                let i = skb.dataStart &+ address &+ j
                guard i >= 0 && i < skb.linear.count else {
                    throw EBPFRuntimeError(index: pc, message: "packet load outside the head at \(address)")
                }
                v = v << 8 | UInt64(skb.linear[i])
            }
            return (v, .scalar)
        case .context:
            return try field(in: contextFields, address: address, width: width, skb: skb, pc: pc)
        case .device:
            return try field(in: deviceFields, address: address &- Int(Self.deviceBase), width: width, skb: skb, pc: pc)
        case .scalar:
            throw EBPFRuntimeError(index: pc, message: "load through a non-pointer register")
        }
    }

    private func field(in fields: [ContextField], address: Int, width: Int, skb: SocketBuffer,
                       pc: Int) throws(EBPFRuntimeError) -> (UInt64, Region) {
        for f in fields where address >= f.offset && address <= f.offset + f.width - width {
            let raw: UInt64
            switch f.kind {
            case .dataPointer:
                return (0, .packet)
            case .devicePointer:
                return skb.context.device == nil ? (0, .scalar) : (Self.deviceBase, .device)
            case .length: raw = UInt64(skb.length)
            case .dataLength: raw = UInt64(skb.dataLength)
            case .queueMapping: raw = UInt64(skb.context.queueMapping)
            case .packetTypeByte: raw = UInt64(skb.context.packetType & 7) << UInt64(pktTypeShift)
            case .packetType: raw = UInt64(skb.context.packetType & 7)
            case .hash: raw = UInt64(skb.context.hash)
            case .vlanAll: raw = skb.vlanAll(protoShift: vlanShifts.proto, tciShift: vlanShifts.tci)
            case .vlanPresent: raw = skb.context.vlanTagPresent ? 1 : 0
            case .vlanTCI: raw = UInt64(skb.context.vlanTCI)
            case .vlanProtoBE: raw = UInt64(skb.context.vlanProto.byteSwapped)
            case .mark: raw = UInt64(skb.context.mark)
            case .protocolBE: raw = UInt64(skb.context.protocolNumber.byteSwapped)
            case .ifindex: raw = UInt64(skb.context.device?.ifindex ?? 0)
            case .deviceType: raw = UInt64(skb.context.device?.type ?? 0)
            }
            let shifted = raw >> UInt64((address - f.offset) * 8)
            let mask: UInt64 = width >= 8 ? ~0 : (UInt64(1) << UInt64(width * 8)) &- 1
            return (shifted & mask, .scalar)
        }
        throw EBPFRuntimeError(index: pc, message: "context access at offset \(address) (size \(width)) is not modelled")
    }
}
