import BPFCore

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
}
