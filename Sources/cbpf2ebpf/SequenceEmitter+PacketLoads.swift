import BPFCore

extension SequenceEmitter {
    /// `convert_bpf_ld_abs` (kernel) or a single `LD_ABS`/`LD_IND` (loadable).
    mutating func emitPacketLoad(size classicSize: UInt16, indirect: Bool, k: UInt32) {
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
}
