/// `SKF_AD_PAY_OFFSET` (Linux's `skb_get_poff`): where the transport payload starts, found with a small
/// subset of the kernel's flow dissector (IPv4 and IPv6 without extension headers, starting at the network
/// header for `skb->protocol`). 0 when the headers cannot be read or the protocol is not understood.
enum PayloadOffset {
    static func compute(_ state: KernelRunState) -> UInt32 {
        let network = state.context.networkHeaderOffset
        var transport: Int
        var ipProtocol: UInt32
        var laterFragment = false
        switch state.context.protocolNumber {
        case 0x0800:
            guard let first = state.load(at: Int32(network), size: 1),
                let fragmentField = state.load(at: Int32(network + 6), size: 2),
                let proto = state.load(at: Int32(network + 9), size: 1),
                state.load(at: Int32(network + 16), size: 4) != nil
            else { return 0 }
            let headerLength = Int(first & 0x0f) * 4
            guard first >> 4 == 4, headerLength >= 20 else { return 0 }
            transport = network + headerLength
            ipProtocol = proto
            laterFragment = fragmentField & 0x1fff != 0
        case 0x86dd:
            guard let first = state.load(at: Int32(network), size: 1), first >> 4 == 6,
                let next = state.load(at: Int32(network + 6), size: 1),
                state.load(at: Int32(network + 36), size: 4) != nil
            else { return 0 }
            transport = network + 40
            ipProtocol = next
        default:
            return 0
        }
        if laterFragment { return UInt32(transport) }
        switch ipProtocol {
        case 6:
            guard let dataOffset = state.load(at: Int32(transport + 12), size: 1) else { return UInt32(transport) }
            transport += max(20, Int((dataOffset & 0xf0) >> 2))
        case 17, 136, 1, 58, 2: transport += 8  // UDP, UDP-Lite, ICMP, ICMPv6, IGMP
        case 33: transport += 16  // DCCP
        case 132: transport += 12  // SCTP
        default: break
        }
        return UInt32(transport)
    }
}
