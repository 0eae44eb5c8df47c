import BPFCore
import CPcap

/// A program handed to libpcap once, for timing `pcap_offline_filter` (what `tcpdump -r FILE EXPR` runs per
/// packet) as a baseline. Benchmarks only; tests use ``PcapOracle/filter(_:packet:wireLength:)``.
public final class PcapOfflineFilter {
    private var program: bpf_program
    private let insns: UnsafeMutablePointer<bpf_insn>

    /// Converts `program` (which must not be empty: libpcap would accept everything).
    public init(_ program: Program) {
        let count = max(program.instructions.count, 1)
        insns = UnsafeMutablePointer<bpf_insn>.allocate(capacity: count)
        insns.initialize(repeating: bpf_insn(code: 6, jt: 0, jf: 0, k: 0), count: count)
        for (index, insn) in program.instructions.enumerated() {
            insns[index] = bpf_insn(code: insn.code, jt: insn.jt, jf: insn.jf, k: insn.k)
        }
        self.program = bpf_program(bf_len: UInt32(truncatingIfNeeded: count), bf_insns: insns)
    }

    deinit { insns.deallocate() }

    /// libpcap's `pcap_offline_filter` over `packet`, which must not be empty.
    public func run(packet: UnsafeRawBufferPointer, wireLength: UInt32) -> Int32 {
        guard let bytes = packet.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        var header = pcap_pkthdr()
        header.caplen = UInt32(truncatingIfNeeded: packet.count)
        header.len = wireLength
        return pcap_offline_filter(&program, &header, bytes)
    }
}
