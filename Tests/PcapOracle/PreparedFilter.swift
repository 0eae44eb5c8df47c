import BPFCore
import CPcap

/// A program converted once to libpcap's `struct bpf_insn` array, for timing libpcap's `bpf_filter` as a
/// baseline (``PcapOracle/filter(_:packet:wireLength:)`` converts on every call).
public struct PcapPreparedFilter: Sendable {
    private let insns: [bpf_insn]

    /// Converts `program` (which must not be empty: libpcap would accept everything).
    public init(_ program: Program) {
        insns = program.instructions.map { bpf_insn(code: $0.code, jt: $0.jt, jf: $0.jf, k: $0.k) }
    }

    /// libpcap's `bpf_filter` over `packet`; the packet buffer must not be empty.
    public func run(packet: UnsafeRawBufferPointer, wireLength: UInt32) -> UInt32 {
        guard let bytes = packet.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        return insns.withUnsafeBufferPointer { buffer in
            UInt32(bpf_filter(buffer.baseAddress, bytes, wireLength, UInt32(truncatingIfNeeded: packet.count)))
        }
    }
}
