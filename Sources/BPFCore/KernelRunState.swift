/// What one Linux-mode run reads besides the registers: the packet (linear part and page fragment) and the
/// context. Lives on the caller's stack for the duration of ``KernelFilter/run(linear:fragment:context:)``.
struct KernelRunState {
    /// The linear data (`skb->data`, `skb_headlen` bytes).
    var linear: UnsafeRawBufferPointer
    /// Paged data following the linear part (`skb_shinfo(skb)->frags`), possibly empty.
    var fragment: UnsafeRawBufferPointer
    /// False when the filter runs without a socket buffer (test_bpf's FLAG_NO_DATA).
    var hasData: Bool
    var context: KernelContext
    /// State of the `[random]` generator.
    var random: UInt32

    /// `skb->len`: linear plus paged bytes.
    var totalLength: Int { linear.count + fragment.count }

    /// The result of an ancillary load: a new A, or the end of the filter with a value.
    enum AncillaryResult {
        case value(UInt32)
        case exit(UInt32)
    }

    /// Maps a packet-load offset as `bpf_skb_load_helper_convert_offset` does; nil if the load must fail.
    func effectiveOffset(_ offset: Int32) -> Int? {
        let skfNetOff: Int32 = -0x10_0000
        let skfLLOff: Int32 = -0x20_0000
        if offset >= 0 { return Int(offset) }
        if offset >= skfNetOff { return Int(offset) - Int(skfNetOff) + context.networkHeaderOffset }
        if offset >= skfLLOff, let mac = context.macHeaderOffset { return Int(offset) - Int(skfLLOff) + mac }
        return nil
    }

    /// A big-endian load of `size` (1, 2 or 4) bytes at the signed `offset`, reading across the linear part
    /// and the fragment; nil when it falls outside the packet (the kernel's helper fails, the filter returns 0).
    @inline(never)
    func load(at offset: Int32, size: Int) -> UInt32? {
        guard hasData, let start = effectiveOffset(offset), start >= 0, start <= totalLength - size else {
            return nil
        }
        if start <= linear.count - size, let base = linear.baseAddress {
            switch size {
            case 4: return UInt32(bigEndian: base.loadUnaligned(fromByteOffset: start, as: UInt32.self))
            case 2: return UInt32(UInt16(bigEndian: base.loadUnaligned(fromByteOffset: start, as: UInt16.self)))
            default: return UInt32(base.load(fromByteOffset: start, as: UInt8.self))
            }
        }
        var value: UInt32 = 0
        for index in start..<(start + size) {
            value = value &<< 8 | UInt32(byte(at: index))
        }
        return value
    }

    /// The byte at `index` of linear ++ fragment; the caller guarantees `index < totalLength`.
    func byte(at index: Int) -> UInt8 {
        if index < linear.count { return linear[index] }
        return fragment[index - linear.count]
    }

    /// An ancillary load of field `field` (offset from SKF_AD_OFF) with the current A and X.
    @inline(never)
    mutating func ancillary(_ field: UInt32, a: UInt32, x: UInt32) -> AncillaryResult {
        guard let kind = Ancillary(rawValue: field) else { return .exit(0) }
        switch kind {
        case .aluXorX: return .value(a ^ x)
        case .cpu: return .value(context.cpu)
        case .random:
            // xorshift32: deterministic per run; Linux uses a per-CPU prandom state.
            random ^= random &<< 13
            random ^= random &>> 17
            random ^= random &<< 5
            return .value(random)
        default: break
        }
        // The rest read the socket buffer, which a data-less run does not have.
        guard hasData else { return .exit(0) }
        switch kind {
        case .proto: return .value(UInt32(context.protocolNumber))
        case .pktType: return .value(UInt32(context.packetType & 7))
        case .ifIndex:
            guard let device = context.device else { return .exit(a) }
            return .value(device.ifindex)
        case .hatype:
            guard let device = context.device else { return .exit(a) }
            return .value(UInt32(device.type))
        case .mark: return .value(context.mark)
        case .rxhash: return .value(context.hash)
        case .queue: return .value(UInt32(context.queueMapping))
        case .vlanTCI: return .value(UInt32(context.vlanTCI))
        case .vlanTagPresent: return .value(context.vlanTagPresent ? 1 : 0)
        case .vlanTPID: return .value(UInt32(context.vlanProto))
        case .nlAttr: return .value(netlinkAttribute(start: a, type: x, nested: false))
        case .nlAttrNest: return .value(netlinkAttribute(start: a, type: x, nested: true))
        case .payOffset: return .value(PayloadOffset.compute(self))
        case .aluXorX, .cpu, .random: return .exit(0)
        }
    }

    /// `SKF_AD_NLATTR` / `SKF_AD_NLATTR_NEST`: the offset of the first netlink attribute of type `type` in the
    /// attribute stream starting at `start` (or inside the attribute at `start` when `nested`), 0 if none.
    /// Attribute headers are host-endian (little-endian here): u16 length, u16 type.
    func netlinkAttribute(start: UInt32, type: UInt32, nested: Bool) -> UInt32 {
        guard fragment.isEmpty else { return 0 }
        let length = linear.count
        guard length >= 4, Int(start) <= length - 4 else { return 0 }
        var position = Int(start)
        var remaining = length - position
        if nested {
            let outer = Int(readLittle16(position))
            guard outer <= remaining else { return 0 }
            position += 4
            remaining = outer - 4
        }
        while remaining >= 4 {
            let attributeLength = Int(readLittle16(position))
            guard attributeLength >= 4, attributeLength <= remaining else { break }
            let attributeType = UInt32(readLittle16(position + 2) & 0x3fff)
            if attributeType == type { return UInt32(position) }
            let aligned = (attributeLength + 3) & ~3
            position += aligned
            remaining -= aligned
        }
        return 0
    }

    private func readLittle16(_ index: Int) -> UInt16 {
        UInt16(linear[index]) | UInt16(linear[index + 1]) << 8
    }
}
