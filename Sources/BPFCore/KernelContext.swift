/// The socket-buffer metadata a Linux socket filter can read through ancillary loads (`SKF_AD_OFF + n`) and
/// the header offsets that `SKF_NET_OFF`/`SKF_LL_OFF` loads are relative to.
public struct KernelContext: Sendable, Hashable {
    /// The network device a packet arrived on (`skb->dev`).
    public struct Device: Sendable, Hashable {
        /// `dev->ifindex` (`[ifidx]`).
        public var ifindex: UInt32
        /// `dev->type`, the ARPHRD_* hardware type (`[hatype]`).
        public var type: UInt16

        /// Creates a device description.
        public init(ifindex: UInt32, type: UInt16) {
            self.ifindex = ifindex
            self.type = type
        }
    }

    /// `skb->protocol` as a number (0x0800 for IPv4); `[proto]` reads it.
    public var protocolNumber: UInt16 = 0
    /// `skb->pkt_type` (0 host, 1 broadcast, 2 multicast, 3 other host, 4 outgoing); `[type]` reads it.
    public var packetType: UInt8 = 0
    /// `skb->mark` (`[mark]`).
    public var mark: UInt32 = 0
    /// `skb->hash` (`[rxhash]`).
    public var hash: UInt32 = 0
    /// `skb->queue_mapping` (`[queue]`).
    public var queueMapping: UInt16 = 0
    /// `skb->vlan_tci`, the full tag control information (`[vlan_tci]`).
    public var vlanTCI: UInt16 = 0
    /// `skb->vlan_proto` as a number (0x8100 …), 0 when the packet carries no offloaded VLAN tag (`[vlan_tpid]`).
    public var vlanProto: UInt16 = 0
    /// The device, or nil when the socket buffer has none (then `[ifidx]` and `[hatype]` end the filter,
    /// returning the current A, as Linux does).
    public var device: Device? = nil
    /// The CPU number `[cpu]` reads.
    public var cpu: UInt32 = 0
    /// Seed of the generator `[random]` draws from (each run starts from it, so runs are reproducible).
    public var randomSeed: UInt32 = 0x2545_f491
    /// Offset of the link-layer (MAC) header from the start of the data, or nil when it is not set (then
    /// `SKF_LL_OFF` loads fail).
    public var macHeaderOffset: Int? = 0
    /// Offset of the network header from the start of the data (`SKF_NET_OFF` loads are relative to it).
    public var networkHeaderOffset: Int = 0

    /// A context with everything zero, no device, the MAC header at the start of the data.
    public init() {}

    /// `[vlanp]`: Linux (6.1 and later) reports a tag as present when `vlan_proto` or `vlan_tci` is non-zero.
    public var vlanTagPresent: Bool { vlanProto != 0 || vlanTCI != 0 }

    /// The context Linux's lib/test_bpf.c builds for a packet of `dataSize` linear bytes: MAC header at the
    /// start, network header at min(size, 14), protocol 0x0800, pkt_type 3 (other host), mark 0x1234aaaa,
    /// hash 0x1234aaab, queue 123, VLAN tci 0xffff / proto 0x0800, device ifindex 577 of type 588.
    public static func testBPF(dataSize: Int) -> KernelContext {
        var context = KernelContext()
        context.protocolNumber = 0x0800
        context.packetType = 3
        context.mark = 0x1234_aaaa
        context.hash = 0x1234_aaab
        context.queueMapping = 123
        context.vlanTCI = 0xffff
        context.vlanProto = 0x0800
        context.device = Device(ifindex: 577, type: 588)
        context.macHeaderOffset = 0
        context.networkHeaderOffset = min(max(dataSize, 0), 14)
        return context
    }
}
