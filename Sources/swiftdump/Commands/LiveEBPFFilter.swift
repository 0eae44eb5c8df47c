#if canImport(Glibc)
import Glibc
#endif
import BPFCore
import Capture
import cbpf2ebpf

/// `-i IFACE --ebpf`: the compiled classic program, translated by cbpf2ebpf (loadable flavour) and attached to
/// the capture socket with `SO_ATTACH_BPF` in place of the classic kernel filter.
///
/// Frames the kernel queued between activation and the attach never met the eBPF program, so packets stamped
/// no later than the attach are also run through the classic program in userland (what libpcap does for the
/// frames already in its ring when `pcap_setfilter` replaces a filter). The output is therefore the one the
/// classic path prints.
struct LiveEBPFFilter {
    /// The classic program, for packets that may predate the attach.
    private let classic: CompiledFilter
    /// When the attach had completed; packets stamped later went through the eBPF program.
    private let attachedAt: Timestamp
    /// False when time stamps may come from another clock (`-j` other than `host`): check every packet.
    private let trustTimestamps: Bool

    /// Translates `program`, attaches it to `capture`'s socket and returns the filter for the packets read
    /// next, together with the loaded program (keep it alive while capturing so it stays visible as an fd).
    static func attach(
        _ program: Program, to capture: borrowing LiveCapture, options: Options
    ) throws(Termination) -> (filter: LiveEBPFFilter, loaded: LoadedProgram) {
        if capture.linkType == .linuxSLL || capture.linkType == .linuxSLL2 {
            throw .failure(
                "--ebpf cannot filter a cooked capture (\(capture.device)): the kernel runs socket filters on the"
                    + " packet without the cooked header the program expects; capture without --ebpf")
        }
        let classic: CompiledFilter
        do {
            classic = try CompiledFilter(program)
        } catch {
            throw .failure("invalid filter program: \(error)")
        }
        let socket = capture.fileDescriptor
        guard socket >= 0 else { throw .failure("\(capture.device): the capture has no socket to attach --ebpf to") }
        let loaded: LoadedProgram
        do {
            loaded = try KernelBridge.attachLoadableTranslation(of: program, toSocket: socket)
        } catch {
            throw .failure("cannot attach the eBPF filter to \(capture.device): \(error)")
        }
        let host = options.timestampType.map { $0 == "host" } ?? true
        return (LiveEBPFFilter(classic: classic, attachedAt: now(), trustTimestamps: host), loaded)
    }

    /// True when `packet` is to be kept. No allocation.
    func accepts(_ packet: Packet) -> Bool {
        if trustTimestamps && attachedAt < packet.header.timestamp { return true }
        return classic.matches(packet: packet.bytes, wireLength: packet.header.wireLength)
    }

    /// The wall clock the kernel stamps packets with.
    private static func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(seconds: Int64(spec.tv_sec), nanoseconds: UInt32(truncatingIfNeeded: spec.tv_nsec))
    }
}
