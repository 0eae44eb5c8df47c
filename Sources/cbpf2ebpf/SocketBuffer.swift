/// A modelled `struct sk_buff`: what the eBPF interpreter lets a program see through its context pointer.
///
/// Offsets (`macHeader`, `networkHeader`) are relative to `skb->data`, as the kernel's
/// `skb_mac_offset()`/`skb_network_offset()` are; the mac header may lie before `data` (in the headroom).
public struct SocketBuffer: Sendable, Hashable {
    /// The linear buffer: headroom bytes, then the head data starting at ``dataStart``.
    public var linear: [UInt8]
    /// Index in ``linear`` where `skb->data` points.
    public var dataStart: Int
    /// Paged data following the head (`skb->data_len` bytes).
    public var fragment: [UInt8]
    /// Link-layer header offset relative to data, or nil when the mac header was never set.
    public var macHeader: Int?
    /// Network header offset relative to data.
    public var networkHeader: Int
    /// `skb->protocol` in host order (0x0800 for IPv4).
    public var protocolType: UInt16
    /// `skb->pkt_type` (0 host, 1 broadcast, 2 multicast, 3 other host, 4 outgoing).
    public var packetType: UInt8
    /// `skb->mark`.
    public var mark: UInt32
    /// `skb->hash`.
    public var hash: UInt32
    /// `skb->queue_mapping`.
    public var queueMapping: UInt16
    /// `skb->vlan_tci`.
    public var vlanTCI: UInt16
    /// `skb->vlan_proto` in host order; a tag is present when it or ``vlanTCI`` is non-zero.
    public var vlanProto: UInt16
    /// `skb->dev->ifindex` and `skb->dev->type`, or nil without a device.
    public var device: NetworkDevice?
    /// What `bpf_get_raw_cpu_id`/`bpf_get_smp_processor_id` return.
    public var cpu: UInt32
    /// What the random helpers return.
    public var randomValue: UInt32

    /// A buffer whose head holds `bytes` (no headroom, no fragment); mac header at the start, network
    /// header at `networkHeader`.
    public init(packet bytes: [UInt8], fragment: [UInt8] = [], networkHeader: Int = 0, macHeader: Int? = 0,
                protocolType: UInt16 = 0, packetType: UInt8 = 0) {
        self.linear = bytes
        self.dataStart = 0
        self.fragment = fragment
        self.macHeader = macHeader
        self.networkHeader = networkHeader
        self.protocolType = protocolType
        self.packetType = packetType
        self.mark = 0
        self.hash = 0
        self.queueMapping = 0
        self.vlanTCI = 0
        self.vlanProto = 0
        self.device = nil
        self.cpu = 0
        self.randomValue = 0
    }

    /// The context lib/test_bpf.c builds: first `size` bytes of `data` as the head, mac header at data,
    /// network header at min(size, 14), protocol IPv4, pkt_type 3, mark 0x1234aaaa, hash 0x1234aaab,
    /// queue 123, VLAN TCI 0xffff with proto 0x0800, device ifindex 577 type 588; optional page fragment.
    public static func kernelSelfTest(data: [UInt8], size: Int, fragment: [UInt8] = []) -> SocketBuffer {
        let head = Array(data.prefix(max(0, size)))
        var skb = SocketBuffer(packet: head, fragment: fragment, networkHeader: min(size, 14), macHeader: 0,
                               protocolType: 0x0800, packetType: 3)
        skb.mark = 0x1234_aaaa
        skb.hash = 0x1234_aaab
        skb.queueMapping = 123
        skb.vlanTCI = 0xffff
        skb.vlanProto = 0x0800
        skb.device = NetworkDevice(ifindex: 577, type: 588)
        return skb
    }

    /// The buffer `BPF_PROG_TEST_RUN` builds for a SCHED_CLS program run on `frame` (an Ethernet frame):
    /// data at the Ethernet header, protocol from the EtherType, pkt_type OTHERHOST unless the destination
    /// is loopback's all-zero address, device `lo` (ifindex 1, type 772).
    public static func testRun(frame: [UInt8]) -> SocketBuffer {
        let etherType = frame.count >= 14 ? UInt16(frame[12]) << 8 | UInt16(frame[13]) : 0
        let toLoopback = frame.prefix(6).allSatisfy { $0 == 0 }
        var skb = SocketBuffer(packet: frame, networkHeader: 14, macHeader: 0,
                               protocolType: etherType >= 0x0600 ? etherType : 0x0004,
                               packetType: toLoopback ? 0 : 3)
        skb.device = NetworkDevice(ifindex: 1, type: 772)
        return skb
    }

    /// `skb->len`: head plus fragment bytes.
    public var length: Int { headLength + fragment.count }
    /// `skb_headlen()`: bytes in the linear head.
    public var headLength: Int { linear.count - dataStart }
    /// `skb->data_len`.
    public var dataLength: Int { fragment.count }

    /// The 32-bit `vlan_all` word as memory holds it (vlan_proto big-endian, then vlan_tci).
    func vlanAll(protoShift: Int, tciShift: Int) -> UInt64 {
        let protoRaw = UInt64(vlanProto.byteSwapped)
        return protoRaw << UInt64(protoShift * 8) | UInt64(vlanTCI) << UInt64(tciShift * 8)
    }

    /// One byte of the packet at `offset` from data (head, then fragment), or nil outside the buffer.
    @inline(__always)
    func byte(at offset: Int) -> UInt8? {
        if offset < headLength {
            let i = dataStart + offset
            return i >= 0 && i < linear.count ? linear[i] : nil
        }
        let j = offset - headLength
        return j < fragment.count ? fragment[j] : nil
    }
}

/// The two `struct net_device` fields classic programs can read.
public struct NetworkDevice: Sendable, Hashable {
    /// `dev->ifindex`.
    public var ifindex: Int32
    /// `dev->type` (ARPHRD_*).
    public var type: UInt16

    /// Creates a device.
    public init(ifindex: Int32, type: UInt16) {
        self.ifindex = ifindex
        self.type = type
    }
}
