import BPFCore
import CPcap
import Synchronization

/// An error reported by libpcap while it compiled a filter for the oracle.
public struct OracleError: Error, Hashable, Sendable, CustomStringConvertible {
    /// libpcap's own message (`pcap_geterr` text), e.g. "syntax error".
    public var message: String

    /// Creates an error carrying libpcap's message.
    public init(message: String) { self.message = message }

    public var description: String { message }
}

/// libpcap used as a test oracle. Tests only: product code never calls libpcap's compiler and interpreter.
///
/// Every call is serialised: libpcap 1.10.3's `bpf_image` formats into a static buffer and its compiler keeps
/// some process-wide state, while Swift Testing runs tests in parallel.
public enum PcapOracle {
    /// libpcap's version string, e.g. "libpcap version 1.10.3 (with TPACKET_V3)".
    public static var libraryVersion: String { String(cString: pcap_lib_version()) }

    private static let lock = Mutex(())

    /// Compiles `expr` with libpcap's `pcap_compile` on a dead handle of `linkType` (as `tcpdump -y L -d` does).
    ///
    /// - Parameters:
    ///   - expr: the pcap-filter(7) expression.
    ///   - linkType: the data-link type the filter is compiled for.
    ///   - optimize: run libpcap's optimizer (tcpdump's default; `-O` turns it off).
    ///   - snaplen: the handle's snapshot length (tcpdump's default is 262144).
    ///   - netmask: the netmask passed to `pcap_compile` (tcpdump passes 0 without an interface).
    /// - Returns: the program, or libpcap's error text.
    public static func compile(
        _ expr: String, linkType: LinkType, optimize: Bool, snaplen: Int32 = 262144, netmask: UInt32 = 0
    ) -> Result<Program, OracleError> {
        lock.withLock { _ in
            guard let handle = pcap_open_dead(linkType.rawValue, snaplen) else {
                return .failure(OracleError(message: "pcap_open_dead(\(linkType.rawValue), \(snaplen)) failed"))
            }
            defer { pcap_close(handle) }
            var program = bpf_program()
            let rc = pcap_compile(handle, &program, expr, optimize ? 1 : 0, bpf_u_int32(netmask))
            guard rc == 0 else {
                return .failure(OracleError(message: String(cString: pcap_geterr(handle))))
            }
            defer { pcap_freecode(&program) }
            var result: [Instruction] = []
            let count = Int(program.bf_len)
            result.reserveCapacity(count)
            if let insns = program.bf_insns {
                for i in 0..<count {
                    let insn = insns[i]
                    result.append(Instruction(code: insn.code, jt: insn.jt, jf: insn.jf, k: insn.k))
                }
            }
            return .success(Program(result))
        }
    }

    /// libpcap's `bpf_image`: the `tcpdump -d` text of one instruction at position `pc` (without the newline).
    public static func image(_ insn: Instruction, pc: Int) -> String {
        lock.withLock { _ in
            var raw = bpf_insn(code: insn.code, jt: insn.jt, jf: insn.jf, k: insn.k)
            guard let text = bpf_image(&raw, Int32(truncatingIfNeeded: pc)) else { return "" }
            return String(cString: text)
        }
    }

    /// libpcap's `bpf_filter`: runs `program` over `packet` (the captured bytes) whose length on the wire was
    /// `wireLength`, and returns the filter's result (0 = reject, otherwise the snapshot length to keep).
    ///
    /// An empty program accepts everything, as in libpcap (it returns `UInt32.max`).
    public static func filter(_ program: Program, packet: [UInt8], wireLength: UInt32) -> UInt32 {
        var raw = program.instructions.map { bpf_insn(code: $0.code, jt: $0.jt, jf: $0.jf, k: $0.k) }
        if raw.isEmpty { return UInt32.max }
        // libpcap reads nothing from an empty buffer, but give it a valid pointer anyway.
        let bytes = packet.isEmpty ? [0] : packet
        let captured = UInt32(truncatingIfNeeded: packet.count)
        return raw.withUnsafeMutableBufferPointer { insns in
            bytes.withUnsafeBufferPointer { buffer in
                UInt32(bpf_filter(insns.baseAddress, buffer.baseAddress, wireLength, captured))
            }
        }
    }

    /// Reads every record of a savefile (pcap or pcapng) with libpcap's `pcap_open_offline`/`pcap_next_ex`.
    public static func savefile(_ path: String) -> Result<Savefile, OracleError> {
        var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
        guard let handle = pcap_open_offline(path, &errorBuffer) else {
            let text = errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            return .failure(OracleError(message: String(decoding: text, as: UTF8.self)))
        }
        defer { pcap_close(handle) }
        var file = Savefile(
            linkType: LinkType(rawValue: pcap_datalink(handle)), snaplen: pcap_snapshot(handle), packets: [])
        var header: UnsafeMutablePointer<pcap_pkthdr>?
        var data: UnsafePointer<UInt8>?
        while true {
            let rc = pcap_next_ex(handle, &header, &data)
            if rc == 1, let header, let data {
                let captured = Int(header.pointee.caplen)
                file.packets.append(
                    Savefile.Packet(bytes: Array(UnsafeBufferPointer(start: data, count: captured)), wireLength: header.pointee.len))
            } else if rc == PCAP_ERROR_BREAK {
                return .success(file)
            } else {
                return .failure(OracleError(message: String(cString: pcap_geterr(handle))))
            }
        }
    }
}

/// The records of a savefile as libpcap read them.
public struct Savefile: Sendable {
    /// One record: the captured bytes and the packet's length on the wire.
    public struct Packet: Sendable {
        /// The captured bytes.
        public var bytes: [UInt8]
        /// The packet's length on the wire.
        public var wireLength: UInt32
    }

    /// The file's link type.
    public var linkType: LinkType
    /// The file's snapshot length (what `tcpdump -r` compiles `ret` values with).
    public var snaplen: Int32
    /// The records in order.
    public var packets: [Packet]
}
