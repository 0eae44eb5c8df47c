import BPFCore

/// Why a classic program could not be translated. Each case says which classic instruction is at fault.
public enum TranslationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kernel's classic checker (`bpf_check_classic`) refuses the program (the kernel answers EINVAL).
    case invalidClassic(KernelCheckError)
    /// `bpf_convert_filter()` refuses a jump: its offset does not fit the 16-bit `off` field in the
    /// emission where it is computed (`pass` 1 is the kernel's first emission, where forward targets are
    /// still 0). The kernel answers EINVAL.
    case jumpOffsetOverflow(classicIndex: Int, offset: Int, pass: Int)
    /// The loadable flavour has no uapi equivalent for this ancillary load.
    case unsupportedAncillary(classicIndex: Int, name: String, kernelName: String)

    public var description: String {
        switch self {
        case .invalidClassic(let e):
            return e.description
        case .jumpOffsetOverflow(let i, let off, let pass):
            return "instruction \(i): eBPF jump offset \(off) does not fit in 16 bits in emission pass \(pass) "
                + "(bpf_convert_filter returns EINVAL)"
        case .unsupportedAncillary(let i, let name, let kernelName):
            return "instruction \(i) (ld #\(name)): the \(kernelName) ancillary load (SKF_AD_\(kernelName.uppercased())) has no uapi __sk_buff field or "
                + "helper, so the loadable flavour cannot express it; use --flavor kernel to see the kernel's "
                + "translation"
        }
    }
}
