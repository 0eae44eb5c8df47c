import BPFCore

/// A modelled `struct sk_buff`: the bytes (headroom, linear head, one page fragment) and BPFCore's
/// ``KernelContext`` for the metadata (protocol, pkt_type, mark, device, header offsets …).
///
/// Header offsets in the context are relative to `skb->data`, like the kernel's `skb_mac_offset()` and
/// `skb_network_offset()`; the MAC header may lie in the headroom (a negative offset).
public struct SocketBuffer: Sendable, Hashable {
    /// The linear buffer: headroom bytes, then the head data starting at ``dataStart``.
    public var linear: [UInt8]
    /// Index in ``linear`` where `skb->data` points.
    public var dataStart: Int
    /// Paged data following the head (`skb->data_len` bytes).
    public var fragment: [UInt8]
    /// The metadata ancillary loads and `__sk_buff` fields read.
    public var context: KernelContext

    /// A buffer whose head is `head` (preceded by `headroom`) followed by `fragment`.
    public init(head: [UInt8], headroom: [UInt8] = [], fragment: [UInt8] = [], context: KernelContext) {
        self.linear = headroom + head
        self.dataStart = headroom.count
        self.fragment = fragment
        self.context = context
    }

    /// The buffer lib/test_bpf.c builds for a subtest: the first `size` bytes of `data` as the head, an
    /// optional page fragment, and ``KernelContext/testBPF(dataSize:)``.
    public static func kernelSelfTest(data: [UInt8], size: Int, fragment: [UInt8] = []) -> SocketBuffer {
        SocketBuffer(head: Array(data.prefix(max(0, size))), fragment: fragment,
                     context: .testBPF(dataSize: size))
    }

    /// The buffer `BPF_PROG_TEST_RUN` builds for a SCHED_CLS program given the Ethernet `frame`: data at the
    /// Ethernet header, network header at 14, device `lo` (ifindex 1, type 772), and what `eth_type_trans`
    /// derives: the protocol (the EtherType, or 802.3/802.2 for length fields) and the packet type
    /// (broadcast, multicast, host for lo's all-zero address, else other host).
    public static func schedClassifierTestRun(frame: [UInt8]) -> SocketBuffer {
        var context = KernelContext()
        context.protocolNumber = ethernetProtocol(frame)
        context.packetType = ethernetPacketType(frame)
        context.macHeaderOffset = 0
        context.networkHeaderOffset = 14
        context.device = KernelContext.Device(ifindex: 1, type: 772)
        return SocketBuffer(head: frame, context: context)
    }

    /// The buffer `BPF_PROG_TEST_RUN` builds for a SOCKET_FILTER program: as for SCHED_CLS, but the
    /// Ethernet header has been pulled, so data (and the network header) start at offset 14 of `frame`
    /// and the MAC header lies 14 bytes before data.
    public static func socketFilterTestRun(frame: [UInt8]) -> SocketBuffer {
        var skb = schedClassifierTestRun(frame: frame)
        let split = min(14, frame.count)
        skb.linear = frame
        skb.dataStart = split
        skb.context.macHeaderOffset = -split
        skb.context.networkHeaderOffset = 0
        return skb
    }

    /// `eth_type_trans`'s protocol: the EtherType when it is one, else 802.3 (raw IPX, payload 0xffff) or 802.2.
    static func ethernetProtocol(_ frame: [UInt8]) -> UInt16 {
        guard frame.count >= 14 else { return 0 }
        let type = UInt16(frame[12]) << 8 | UInt16(frame[13])
        if type >= 0x0600 { return type }
        if frame.count >= 16 && frame[14] == 0xff && frame[15] == 0xff { return 0x0001 }
        return 0x0004
    }

    /// `eth_type_trans`'s packet type for a frame received on loopback (whose address is all zeros).
    static func ethernetPacketType(_ frame: [UInt8]) -> UInt8 {
        let destination = frame.prefix(6)
        guard destination.count == 6 else { return 3 }
        if destination.first.map({ $0 & 1 != 0 }) == true {
            return destination.allSatisfy { $0 == 0xff } ? 1 : 2
        }
        return destination.allSatisfy { $0 == 0 } ? 0 : 3
    }

    /// `skb->len`: head plus fragment bytes.
    public var length: Int { headLength + fragment.count }
    /// `skb_headlen()`: bytes in the linear head.
    public var headLength: Int { linear.count - dataStart }
    /// `skb->data_len`.
    public var dataLength: Int { fragment.count }

    /// The 32-bit `vlan_all` word as memory holds it (vlan_proto big-endian, then vlan_tci).
    func vlanAll(protoShift: Int, tciShift: Int) -> UInt64 {
        let protoRaw = UInt64(context.vlanProto.byteSwapped)
        return protoRaw << UInt64(protoShift * 8) | UInt64(context.vlanTCI) << UInt64(tciShift * 8)
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
