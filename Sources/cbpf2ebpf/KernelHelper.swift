/// The in-kernel functions the kernel flavour calls. Their call immediates (`func - __bpf_call_base`) are
/// specific to one kernel build and come from a ``KernelLayout``.
public enum KernelHelper: String, CaseIterable, Sendable, Hashable {
    case loadHelper8 = "bpf_skb_load_helper_8"
    case loadHelper16 = "bpf_skb_load_helper_16"
    case loadHelper32 = "bpf_skb_load_helper_32"
    case payloadOffset = "bpf_skb_get_pay_offset"
    case netlinkAttribute = "bpf_skb_get_nlattr"
    case netlinkNestedAttribute = "bpf_skb_get_nlattr_nest"
    case rawCPUID = "bpf_get_raw_cpu_id"
    case userRandom = "bpf_user_rnd_u32"

    /// The kernel symbol name.
    public var symbol: String { rawValue }
}

/// The uapi helpers (stable numbers of `enum bpf_func_id`) the loadable flavour calls.
public enum UAPIHelper: Int32, CaseIterable, Sendable {
    case getPrandomU32 = 7
    case getSmpProcessorID = 8

    /// The helper's name as `bpftool` prints it.
    public var name: String {
        switch self {
        case .getPrandomU32: return "bpf_get_prandom_u32"
        case .getSmpProcessorID: return "bpf_get_smp_processor_id"
        }
    }
}

/// What a translated instruction refers to, so the disassembler can name it.
public enum EBPFSymbol: Hashable, Sendable {
    /// A memory displacement that is `offsetof(structure, member)`.
    case fieldOffset(structure: String, member: String)
    /// A kernel-internal helper call.
    case kernelHelper(KernelHelper)
    /// A uapi helper call.
    case uapiHelper(UAPIHelper)

    /// The text `-d` shows for it.
    public var text: String {
        switch self {
        case .fieldOffset(let s, let m): return "offsetof(\(s), \(m))"
        case .kernelHelper(let h): return h.symbol
        case .uapiHelper(let h): return h.name
        }
    }
}
