import BPFCore

/// Builds the eBPF sequence of one classic instruction for either flavour (the per-opcode table of the
/// kernel's `bpf_convert_filter()`, and its loadable twin).
struct SequenceEmitter {
    let flavor: TranslationFlavor
    let layout: KernelLayout
    let index: Int
    let instruction: Instruction
    private(set) var fragment = Fragment()
    /// True once a non-ancillary packet load was emitted (the kernel's `seen_ld_abs`).
    private(set) var loadsPacket = false
    /// Stack bytes this instruction writes (`4k + 4` for stores).
    private(set) var stackUse = 0

    init(flavor: TranslationFlavor, layout: KernelLayout, index: Int, instruction: Instruction) {
        self.flavor = flavor
        self.layout = layout
        self.index = index
        self.instruction = instruction
    }

    private var kernel: Bool { flavor == .kernel }
    private var k: UInt32 { instruction.k }
    private var kImm: Int32 { Int32(bitPattern: instruction.k) }

    private func skbField(_ member: String) -> EBPFSymbol { .fieldOffset(structure: "sk_buff", member: member) }
    private func uapiField(_ member: String) -> EBPFSymbol { .fieldOffset(structure: "__sk_buff", member: member) }

    // MARK: Prologue

    static func emitPrologue(flavor: TranslationFlavor, layout: KernelLayout, cachesPacket: Bool,
                             into f: inout Fragment) {
        switch flavor {
        case .kernel:
            f.emit(.alu32(EBPF.xor, .a, .a))
            f.emit(.alu32(EBPF.xor, .x, .x))
            f.emit(.mov64(.ctx, .arg1))
            if cachesPacket {
                f.emit(.load(EBPF.dw, .data, .ctx, layout.skbData), .fieldOffset(structure: "sk_buff", member: "data"))
                f.emit(.load(EBPF.w, .headLength, .ctx, layout.skbLen), .fieldOffset(structure: "sk_buff", member: "len"))
                f.emit(.load(EBPF.w, .tmp, .ctx, layout.skbDataLen),
                       .fieldOffset(structure: "sk_buff", member: "data_len"))
                f.emit(.alu32(EBPF.sub, .headLength, .tmp))
            }
        case .loadable:
            f.emit(.mov32(.a, imm: 0))
            f.emit(.mov32(.x, imm: 0))
            f.emit(.mov64(.ctx, .arg1))
        }
    }

    // MARK: Per-instruction sequences

    mutating func emitClassic() throws(TranslationError) {
        let code = instruction.code
        switch instruction.instructionClass {
        case BPF.alu:
            emitALU()
        case BPF.ld, BPF.ldx:
            try emitLoad()
        case BPF.st, BPF.stx:
            let off = -(Int(k) * 4 + 4)
            stackUse = -off
            fragment.emit(.store(EBPF.w, .fp, code == BPF.st ? .a : .x, Int16(truncatingIfNeeded: off)))
        case BPF.misc:
            if instruction.miscOperation == BPF.tax {
                fragment.emit(.mov64(.x, .a))
            } else {
                fragment.emit(.mov64(.a, .x))
            }
        case BPF.ret:
            if instruction.returnValueSource == BPF.k {
                fragment.emit(.mov32(.a, imm: kImm))
            }
            fragment.emit(.exit)
        case BPF.jmp:
            emitJump()
        default:
            break
        }
    }

    private mutating func emitALU() {
        let code = UInt8(truncatingIfNeeded: instruction.code)
        let op = code & 0xf0
        let isX = code & EBPF.x != 0
        if isX && (op == EBPF.div || op == EBPF.mod) {
            fragment.emit(.mov32(.x, .x))
            fragment.emit(.jump(EBPF.jne, .x, imm: 0, off: 2))
            fragment.emit(.alu32(EBPF.xor, .a, .a))
            fragment.emit(.exit)
        }
        if kernel {
            fragment.emit(EBPFInstruction(code: code, dst: EBPFRegister.a.rawValue, src: EBPFRegister.x.rawValue,
                                          imm: kImm))
        } else if op == EBPF.neg {
            fragment.emit(EBPFInstruction(code: code, dst: EBPFRegister.a.rawValue))
        } else if isX {
            fragment.emit(EBPFInstruction(code: code, dst: EBPFRegister.a.rawValue, src: EBPFRegister.x.rawValue))
        } else {
            fragment.emit(EBPFInstruction(code: code, dst: EBPFRegister.a.rawValue, imm: kImm))
        }
    }

    private mutating func emitLoad() throws(TranslationError) {
        let isLD = instruction.instructionClass == BPF.ld
        let dst: EBPFRegister = isLD ? .a : .x
        switch instruction.mode {
        case BPF.imm:
            fragment.emit(.mov32(dst, imm: kImm))
        case BPF.mem:
            fragment.emit(.load(EBPF.w, dst, .fp, Int16(truncatingIfNeeded: -(Int(k) * 4 + 4))))
        case BPF.len:
            if kernel {
                fragment.emit(.load(EBPF.w, dst, .ctx, layout.skbLen), skbField("len"))
            } else {
                fragment.emit(.load(EBPF.w, dst, .ctx, UAPISkBuff.len), uapiField("len"))
            }
        case BPF.abs where isLD:
            if k >= Ancillary.base, let anc = Ancillary(rawValue: k &- Ancillary.base) {
                try emitAncillary(anc)
            } else {
                emitPacketLoad(size: instruction.size, indirect: false, k: k)
            }
        case BPF.abs:
            // LDX|W|ABS exists only for seccomp's rewritten programs: `A = *(u32 *)(ctx + k)`.
            fragment.emit(.load(EBPF.w, .a, .ctx, Int16(truncatingIfNeeded: kImm)))
        case BPF.ind:
            emitPacketLoad(size: instruction.size, indirect: true, k: k)
        case BPF.msh:
            loadsPacket = true
            fragment.emit(.mov64(.x, .a))
            emitPacketLoad(size: BPF.b, indirect: false, k: k)
            fragment.emit(.alu32(EBPF.and, .a, imm: 0xf))
            fragment.emit(.alu32(EBPF.lsh, .a, imm: 2))
            fragment.emit(.mov64(.tmp, .x))
            fragment.emit(.mov64(.x, .a))
            fragment.emit(.mov64(.a, .tmp))
        default:
            break
        }
    }

    /// `convert_bpf_ld_abs` (kernel) or a single `LD_ABS`/`LD_IND` (loadable).
    private mutating func emitPacketLoad(size classicSize: UInt16, indirect: Bool, k: UInt32) {
        loadsPacket = true
        let size8 = UInt8(truncatingIfNeeded: classicSize)
        let offset = Int32(bitPattern: k)
        guard kernel else {
            let mode = indirect ? EBPF.ind : EBPF.abs
            fragment.emit(EBPFInstruction(code: EBPF.ld | mode | size8,
                                          src: indirect ? EBPFRegister.x.rawValue : 0, imm: offset))
            return
        }
        let bytes: Int32 = classicSize == BPF.b ? 1 : classicSize == BPF.h ? 2 : 4
        let swaps = classicSize != BPF.b
        if !indirect && offset >= 0 {
            let fitsDisplacement = offset <= Int32(Int16.max)
            fragment.emit(.mov64(.tmp, .headLength))
            if offset != 0 { fragment.emit(.alu64(EBPF.sub, .tmp, imm: offset)) }
            fragment.emit(.jump(EBPF.jslt, .tmp, imm: bytes, off: Int16(2 + (swaps ? 1 : 0) + (fitsDisplacement ? 0 : 2))))
            if fitsDisplacement {
                fragment.emit(.load(size8, .a, .data, Int16(offset)))
            } else {
                fragment.emit(.mov64(.tmp, .data))
                fragment.emit(.alu64(EBPF.add, .tmp, imm: offset))
                fragment.emit(.load(size8, .a, .tmp, 0))
            }
            if swaps { fragment.emit(.fromBigEndian(.a, bits: bytes * 8)) }
            fragment.emit(.jumpAlways(8))
        }
        fragment.emit(.mov64(.arg1, .ctx))
        fragment.emit(.mov64(.arg2, .data))
        fragment.emit(.mov64(.arg3, .headLength))
        if indirect {
            fragment.emit(.mov64(.arg4, .x))
            if k != 0 { fragment.emit(.alu64(EBPF.add, .arg4, imm: offset)) }
        } else {
            fragment.emit(.mov64(.arg4, imm: offset))
        }
        let helper: KernelHelper = bytes == 1 ? .loadHelper8 : bytes == 2 ? .loadHelper16 : .loadHelper32
        fragment.emit(.call(layout.immediate(of: helper)), .kernelHelper(helper))
        fragment.emit(.jump(EBPF.jsge, .a, imm: 0, off: 2))
        fragment.emit(.alu32(EBPF.xor, .a, .a))
        fragment.emit(.exit)
    }

    private mutating func emitAncillary(_ anc: Ancillary) throws(TranslationError) {
        if kernel { emitKernelAncillary(anc) } else { try emitLoadableAncillary(anc) }
    }

    private mutating func emitKernelAncillary(_ anc: Ancillary) {
        let l = layout
        switch anc {
        case .proto:
            fragment.emit(.load(EBPF.h, .a, .ctx, l.skbProtocol), skbField("protocol"))
            fragment.emit(.fromBigEndian(.a, bits: 16))
        case .pktType:
            fragment.emit(.load(EBPF.b, .a, .ctx, l.skbPktTypeOffset), .fieldOffset(structure: "sk_buff", member: "__pkt_type_offset"))
            fragment.emit(.alu32(EBPF.and, .a, imm: l.pktTypeMask))
            if l.bigEndianBitfields { fragment.emit(.alu32(EBPF.rsh, .a, imm: 5)) }
        case .ifIndex, .hatype:
            fragment.emit(.load(EBPF.dw, .tmp, .ctx, l.skbDev), skbField("dev"))
            fragment.emit(.jump(EBPF.jne, .tmp, imm: 0, off: 1))
            fragment.emit(.exit)
            if anc == .ifIndex {
                fragment.emit(.load(EBPF.w, .a, .tmp, l.deviceIfindex), .fieldOffset(structure: "net_device", member: "ifindex"))
            } else {
                fragment.emit(.load(EBPF.h, .a, .tmp, l.deviceType), .fieldOffset(structure: "net_device", member: "type"))
            }
        case .mark:
            fragment.emit(.load(EBPF.w, .a, .ctx, l.skbMark), skbField("mark"))
        case .rxhash:
            fragment.emit(.load(EBPF.w, .a, .ctx, l.skbHash), skbField("hash"))
        case .queue:
            fragment.emit(.load(EBPF.h, .a, .ctx, l.skbQueueMapping), skbField("queue_mapping"))
        case .vlanTCI:
            fragment.emit(.load(EBPF.h, .a, .ctx, l.skbVlanTCI), skbField("vlan_tci"))
        case .vlanTagPresent:
            fragment.emit(.load(EBPF.w, .a, .ctx, l.skbVlanAll), skbField("vlan_all"))
            fragment.emit(.jump(EBPF.jeq, .a, imm: 0, off: 1))
            fragment.emit(.alu32(EBPF.mov, .a, imm: 1))
        case .vlanTPID:
            fragment.emit(.load(EBPF.h, .a, .ctx, l.skbVlanProto), skbField("vlan_proto"))
            fragment.emit(.fromBigEndian(.a, bits: 16))
        case .payOffset, .nlAttr, .nlAttrNest, .cpu, .random:
            fragment.emit(.mov64(.arg1, .ctx))
            fragment.emit(.mov64(.arg2, .a))
            fragment.emit(.mov64(.arg3, .x))
            let helper: KernelHelper
            switch anc {
            case .payOffset: helper = .payloadOffset
            case .nlAttr: helper = .netlinkAttribute
            case .nlAttrNest: helper = .netlinkNestedAttribute
            case .cpu: helper = .rawCPUID
            default: helper = .userRandom
            }
            fragment.emit(.call(l.immediate(of: helper)), .kernelHelper(helper))
        case .aluXorX:
            fragment.emit(.alu32(EBPF.xor, .a, .x))
        }
    }

    private mutating func emitLoadableAncillary(_ anc: Ancillary) throws(TranslationError) {
        switch anc {
        case .proto:
            fragment.emit(.load(EBPF.w, .a, .ctx, UAPISkBuff.protocol), uapiField("protocol"))
            fragment.emit(.fromBigEndian(.a, bits: 16))
        case .pktType:
            fragment.emit(.load(EBPF.w, .a, .ctx, UAPISkBuff.pktType), uapiField("pkt_type"))
        case .ifIndex:
            // __sk_buff.ifindex reads 0 without a device; the kernel then ends the filter returning A.
            fragment.emit(.load(EBPF.w, .tmp, .ctx, UAPISkBuff.ifindex), uapiField("ifindex"))
            fragment.emit(.jump(EBPF.jne, .tmp, imm: 0, off: 1))
            fragment.emit(.exit)
            fragment.emit(.mov64(.a, .tmp))
        case .mark:
            fragment.emit(.load(EBPF.w, .a, .ctx, UAPISkBuff.mark), uapiField("mark"))
        case .rxhash:
            fragment.emit(.load(EBPF.w, .a, .ctx, UAPISkBuff.hash), uapiField("hash"))
        case .queue:
            fragment.emit(.load(EBPF.w, .a, .ctx, UAPISkBuff.queueMapping), uapiField("queue_mapping"))
        case .vlanTCI:
            fragment.emit(.load(EBPF.w, .a, .ctx, UAPISkBuff.vlanTCI), uapiField("vlan_tci"))
        case .vlanTagPresent:
            fragment.emit(.load(EBPF.w, .a, .ctx, UAPISkBuff.vlanPresent), uapiField("vlan_present"))
        case .vlanTPID:
            fragment.emit(.load(EBPF.w, .a, .ctx, UAPISkBuff.vlanProto), uapiField("vlan_proto"))
            fragment.emit(.fromBigEndian(.a, bits: 16))
        case .cpu:
            fragment.emit(.call(UAPIHelper.getSmpProcessorID.rawValue), .uapiHelper(.getSmpProcessorID))
        case .random:
            fragment.emit(.call(UAPIHelper.getPrandomU32.rawValue), .uapiHelper(.getPrandomU32))
        case .aluXorX:
            fragment.emit(.alu32(EBPF.xor, .a, .x))
        case .hatype, .payOffset, .nlAttr, .nlAttrNest:
            throw .unsupportedAncillary(classicIndex: index, name: anc.ancillaryName, kernelName: anc.kernelName)
        }
    }

    // MARK: Jumps

    private mutating func emitJump() {
        let op = UInt8(truncatingIfNeeded: instruction.operation)
        if op == EBPF.ja {
            fragment.emitJump(.jumpAlways(0), to: index + Int(k) + 1)
            return
        }
        var jump = EBPFInstruction(code: 0, dst: EBPFRegister.a.rawValue)
        var source: UInt8
        if instruction.source == BPF.k && kImm < 0 {
            // eBPF sign-extends immediates; compare against a zero-extended register instead.
            fragment.emit(.mov32(.tmp, imm: kImm))
            jump.src = EBPFRegister.tmp.rawValue
            source = EBPF.x
        } else {
            source = UInt8(truncatingIfNeeded: instruction.source)
            jump.src = source == EBPF.x ? EBPFRegister.x.rawValue : 0
            jump.imm = (source == EBPF.x && !kernel) ? 0 : kImm
        }
        let jt = index + Int(instruction.jt) + 1
        let jf = index + Int(instruction.jf) + 1
        if instruction.jf == 0 {
            jump.code = EBPF.jmp | op | source
            fragment.emitJump(jump, to: jt)
            return
        }
        if instruction.jt == 0 {
            let inverse: UInt8? = op == EBPF.jeq ? EBPF.jne : op == EBPF.jgt ? EBPF.jle : op == EBPF.jge ? EBPF.jlt : nil
            if let inverse {
                jump.code = EBPF.jmp | inverse | source
                fragment.emitJump(jump, to: jf)
                return
            }
        }
        jump.code = EBPF.jmp | op | source
        fragment.emitJump(jump, to: jt)
        fragment.emitJump(.jumpAlways(0), to: jf)
    }
}

/// Offsets of the uapi `struct __sk_buff` fields the loadable flavour reads (stable ABI).
enum UAPISkBuff {
    static let len: Int16 = 0
    static let pktType: Int16 = 4
    static let mark: Int16 = 8
    static let queueMapping: Int16 = 12
    static let `protocol`: Int16 = 16
    static let vlanPresent: Int16 = 20
    static let vlanTCI: Int16 = 24
    static let vlanProto: Int16 = 28
    static let ifindex: Int16 = 40
    static let hash: Int16 = 68
}

extension Ancillary {
    /// The kernel's `SKF_AD_*` name in lower case (`protocol`, `hatype`, `pay_offset`, …).
    var kernelName: String {
        switch self {
        case .proto: return "protocol"
        case .pktType: return "pkttype"
        case .ifIndex: return "ifindex"
        case .nlAttr: return "nlattr"
        case .nlAttrNest: return "nlattr_nest"
        case .mark: return "mark"
        case .queue: return "queue"
        case .hatype: return "hatype"
        case .rxhash: return "rxhash"
        case .cpu: return "cpu"
        case .aluXorX: return "alu_xor_x"
        case .vlanTCI: return "vlan_tag"
        case .vlanTagPresent: return "vlan_tag_present"
        case .payOffset: return "pay_offset"
        case .random: return "random"
        case .vlanTPID: return "vlan_tpid"
        }
    }

    /// The name tcpdump/bpf_asm use after `#` (`proto`, `hatype`, …).
    var ancillaryName: String {
        switch self {
        case .proto: return "proto"
        case .pktType: return "type"
        case .ifIndex: return "ifidx"
        case .nlAttr: return "nla"
        case .nlAttrNest: return "nlan"
        case .mark: return "mark"
        case .queue: return "queue"
        case .hatype: return "hatype"
        case .rxhash: return "rxhash"
        case .cpu: return "cpu"
        case .aluXorX: return "xor_x"
        case .vlanTCI: return "vlan_tci"
        case .vlanTagPresent: return "vlan_avail"
        case .payOffset: return "poff"
        case .random: return "rand"
        case .vlanTPID: return "vlan_tpid"
        }
    }
}
