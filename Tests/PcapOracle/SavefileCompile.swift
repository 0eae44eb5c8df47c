import BPFCore
import CPcap

extension PcapOracle {
    /// Compiles `expr` with `pcap_compile` on a handle opened on the savefile at `path`, as `tcpdump -r path`
    /// does. This differs from ``compile(_:linkType:optimize:snaplen:netmask:)`` on a dead handle where the
    /// code depends on the file: DLT_NULL/ENC address families (the BSD AF_INET6 values, byte-swapped for a
    /// file of the other byte order) and the `ret` snapshot length.
    public static func compile(_ expr: String, savefile path: String, optimize: Bool = true, netmask: UInt32 = 0)
        -> Result<Program, OracleError>
    {
        var errbuf = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
        guard let handle = pcap_open_offline(path, &errbuf) else {
            return .failure(OracleError(message: errbuf.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.map { String(cString: $0) } ?? ""
            }))
        }
        defer { pcap_close(handle) }
        var program = bpf_program()
        guard pcap_compile(handle, &program, expr, optimize ? 1 : 0, bpf_u_int32(netmask)) == 0 else {
            return .failure(OracleError(message: String(cString: pcap_geterr(handle))))
        }
        defer { pcap_freecode(&program) }
        let instructions = UnsafeBufferPointer(start: program.bf_insns, count: Int(program.bf_len))
        return .success(Program(instructions.map { Instruction(code: $0.code, jt: $0.jt, jf: $0.jf, k: $0.k) }))
    }
}
