import BPFCore

/// Ancillary loads (`SKF_AD_OFF + n`): the kernel's `convert_bpf_extensions` and the loadable twin's
/// `__sk_buff` reads and uapi helper calls.
extension SequenceEmitter {
    mutating func emitAncillary(_ anc: Ancillary) throws(TranslationError) {
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
            throw .unsupportedAncillary(classicIndex: index, name: anc.libpcapName, kernelName: anc.kernelName)
        }
    }
}
