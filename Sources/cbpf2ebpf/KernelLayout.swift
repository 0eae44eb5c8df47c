/// The build-specific facts the kernel flavour depends on: `struct sk_buff` and `struct net_device` member
/// offsets, the `pkt_type` bit-field placement and the call immediates of the in-kernel helpers.
///
/// ``linux618x86_64`` is a built-in table for Linux 6.18 on x86-64; ``running()`` reads the running
/// kernel's BTF and `/proc/kallsyms` and falls back to the built-in table for what it cannot read.
public struct KernelLayout: Hashable, Sendable {
    /// Where the values come from (shown by the tools).
    public var source: String
    /// `offsetof(struct sk_buff, data)` (a pointer, loaded with a DW access).
    public var skbData: Int16
    /// `offsetof(struct sk_buff, len)`.
    public var skbLen: Int16
    /// `offsetof(struct sk_buff, data_len)`.
    public var skbDataLen: Int16
    /// `offsetof(struct sk_buff, dev)` (a pointer).
    public var skbDev: Int16
    /// `offsetof(struct sk_buff, queue_mapping)` (16 bits).
    public var skbQueueMapping: Int16
    /// `PKT_TYPE_OFFSET`: the byte holding the 3-bit `pkt_type` bit-field.
    public var skbPktTypeOffset: Int16
    /// `offsetof(struct sk_buff, hash)`.
    public var skbHash: Int16
    /// `offsetof(struct sk_buff, vlan_all)` (32 bits covering `vlan_proto` and `vlan_tci`).
    public var skbVlanAll: Int16
    /// `offsetof(struct sk_buff, vlan_tci)`.
    public var skbVlanTCI: Int16
    /// `offsetof(struct sk_buff, vlan_proto)`.
    public var skbVlanProto: Int16
    /// `offsetof(struct sk_buff, mark)`.
    public var skbMark: Int16
    /// `offsetof(struct sk_buff, protocol)`.
    public var skbProtocol: Int16
    /// `offsetof(struct net_device, ifindex)`.
    public var deviceIfindex: Int16
    /// `offsetof(struct net_device, type)`.
    public var deviceType: Int16
    /// `PKT_TYPE_MAX` as the kernel masks it (7 with little-endian bit-fields).
    public var pktTypeMask: Int32
    /// True when bit-fields are allocated from the most significant bit (`__BIG_ENDIAN_BITFIELD`).
    public var bigEndianBitfields: Bool
    /// Call immediates: helper address minus `__bpf_call_base`.
    public var helperImmediates: [KernelHelper: Int32]

    /// Creates a layout for another kernel build from its offsets and helper immediates.
    public init(source: String, skbData: Int16, skbLen: Int16, skbDataLen: Int16, skbDev: Int16,
                skbQueueMapping: Int16, skbPktTypeOffset: Int16, skbHash: Int16, skbVlanAll: Int16,
                skbVlanTCI: Int16, skbVlanProto: Int16, skbMark: Int16, skbProtocol: Int16,
                deviceIfindex: Int16, deviceType: Int16, pktTypeMask: Int32, bigEndianBitfields: Bool,
                helperImmediates: [KernelHelper: Int32]) {
        self.source = source
        self.skbData = skbData
        self.skbLen = skbLen
        self.skbDataLen = skbDataLen
        self.skbDev = skbDev
        self.skbQueueMapping = skbQueueMapping
        self.skbPktTypeOffset = skbPktTypeOffset
        self.skbHash = skbHash
        self.skbVlanAll = skbVlanAll
        self.skbVlanTCI = skbVlanTCI
        self.skbVlanProto = skbVlanProto
        self.skbMark = skbMark
        self.skbProtocol = skbProtocol
        self.deviceIfindex = deviceIfindex
        self.deviceType = deviceType
        self.pktTypeMask = pktTypeMask
        self.bigEndianBitfields = bigEndianBitfields
        self.helperImmediates = helperImmediates
    }

    /// The call immediate of `helper` (0 if the layout does not know it).
    public func immediate(of helper: KernelHelper) -> Int32 { helperImmediates[helper] ?? 0 }

    /// The helper whose call immediate is `imm`, if any.
    public func helper(forImmediate imm: Int32) -> KernelHelper? {
        for helper in KernelHelper.allCases where helperImmediates[helper] == imm { return helper }
        return nil
    }

    /// Linux 6.18.44 x86-64, as measured for the reference notes (`/sys/kernel/btf/vmlinux`).
    ///
    /// The three load-helper immediates were measured on that build. The other five were not; they are
    /// estimates placed at the distances they have on another 6.18 x86-64 build (same source file, same
    /// order), and only matter for programs using pay_offset, nlattr, nlattr_nest, cpu or random.
    public static let linux618x86_64 = KernelLayout(
        source: "built-in table: Linux 6.18 x86-64",
        skbData: 200, skbLen: 112, skbDataLen: 116, skbDev: 16, skbQueueMapping: 124,
        skbPktTypeOffset: 128, skbHash: 148, skbVlanAll: 152, skbVlanTCI: 154, skbVlanProto: 152,
        skbMark: 164, skbProtocol: 176, deviceIfindex: 224, deviceType: 536,
        pktTypeMask: 7, bigEndianBitfields: false,
        helperImmediates: [
            .loadHelper8: 10_548_928, .loadHelper16: 10_549_680, .loadHelper32: 10_549_936,
            .payloadOffset: 10_548_928 - 43_952, .netlinkAttribute: 10_548_928 - 43_904,
            .netlinkNestedAttribute: 10_548_928 - 43_728,
            .userRandom: 22_592, .rawCPUID: 22_672,
        ])
}
