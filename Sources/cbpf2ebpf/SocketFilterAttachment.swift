import BPFCore

/// Why a classic filter could not be attached to a socket as eBPF.
public enum EBPFAttachError: Error, Sendable, CustomStringConvertible {
    /// The classic program has no loadable translation (or the kernel's checker refuses it).
    case translation(TranslationError)
    /// bpf(2) or setsockopt refused (the verifier log is inside).
    case kernel(KernelBridgeError)

    public var description: String {
        switch self {
        case .translation(let e): return "cannot translate the filter to eBPF: \(e)"
        case .kernel(let e): return e.description
        }
    }
}

extension KernelBridge {
    /// Translates `classic` into the loadable flavour, loads it as a SOCKET_FILTER and attaches it to
    /// `socket` with `SO_ATTACH_BPF`, replacing any filter the socket had. The socket keeps its own
    /// reference, so the returned program may be dropped once attached.
    ///
    /// For a libpcap live capture pass `pcap_fileno(handle)` after activation, and do not call
    /// `pcap_setfilter` afterwards (it would replace this filter with a classic one).
    @discardableResult
    public static func attachLoadableTranslation(of classic: Program, toSocket socket: Int32)
        throws(EBPFAttachError) -> LoadedProgram
    {
        let program: EBPFProgram
        do {
            program = try EBPFTranslator(flavor: .loadable).translate(classic)
        } catch {
            throw .translation(error)
        }
        do {
            let loaded = try load(program, as: .socketFilter, name: "swiftdump")
            try loaded.attach(toSocket: socket)
            return loaded
        } catch {
            throw .kernel(error)
        }
    }
}
