/// The eleven registers with the kind of value each holds (a scalar or a pointer into a region), over
/// storage owned by one run.
struct Registers {
    let values: UnsafeMutablePointer<UInt64>
    let regions: UnsafeMutablePointer<UInt8>

    @inline(__always)
    func value(_ r: Int) -> UInt64 { values[r] }

    @inline(__always)
    func region(_ r: Int) -> EBPFInterpreter.Region {
        EBPFInterpreter.Region(rawValue: regions[r]) ?? .scalar
    }

    @inline(__always)
    mutating func set(_ r: Int, _ v: UInt64, _ region: EBPFInterpreter.Region) {
        values[r] = v
        regions[r] = region.rawValue
    }
}

/// The 512-byte program stack, addressed from 0 (bottom) to 512 (the frame pointer). It lives in
/// temporary (stack) storage owned by one run, so a run allocates nothing on the heap.
struct Stack {
    let words: UnsafeMutableBufferPointer<UInt64>

    func load(at address: Int, width: Int) -> UInt64? {
        guard address >= 0, address <= EBPF.maxStack - width else { return nil }
        var v: UInt64 = 0
        for j in stride(from: width - 1, through: 0, by: -1) {
            let i = address + j
            v = v << 8 | (words[i >> 3] >> UInt64((i & 7) * 8)) & 0xff
        }
        return v
    }

    func store(_ value: UInt64, at address: Int, width: Int) -> Bool {
        guard address >= 0, address <= EBPF.maxStack - width else { return false }
        for j in 0..<width {
            let i = address + j
            let shift = UInt64((i & 7) * 8)
            let byte = (value >> UInt64(j * 8)) & 0xff
            words[i >> 3] = words[i >> 3] & ~(0xff << shift) | byte << shift
        }
        return true
    }
}
