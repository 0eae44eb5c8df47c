import CLibBPF
#if canImport(Glibc)
import Glibc
#endif

/// The program types the bridge loads translations as.
public enum KernelProgramType: Sendable, Hashable, CustomStringConvertible {
    /// `BPF_PROG_TYPE_SOCKET_FILTER` (test runs start at the network header).
    case socketFilter
    /// `BPF_PROG_TYPE_SCHED_CLS` (test runs start at the Ethernet header).
    case schedClassifier

    var raw: bpf_prog_type {
        switch self {
        case .socketFilter: return BPF_PROG_TYPE_SOCKET_FILTER
        case .schedClassifier: return BPF_PROG_TYPE_SCHED_CLS
        }
    }

    public var description: String { self == .socketFilter ? "SOCKET_FILTER" : "SCHED_CLS" }
}

/// A failure of a bpf(2) operation, with the kernel's errno and, for loads, the verifier's log.
public struct KernelBridgeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was attempted.
    public var operation: String
    /// The errno the kernel returned.
    public var errno: Int32
    /// The verifier log of a refused load (empty otherwise).
    public var verifierLog: String

    /// True when bpf(2) itself is not permitted here (EPERM, EACCES without a log, ENOSYS).
    public var isPermissionProblem: Bool {
        errno == EPERM || errno == ENOSYS || (errno == EACCES && verifierLog.isEmpty)
    }

    public var description: String {
        var s = "\(operation) failed: \(String(cString: strerror(errno))) (errno \(errno))"
        if !verifierLog.isEmpty { s += "\nverifier log:\n" + verifierLog }
        return s
    }
}

/// An eBPF program loaded into the running kernel. The file descriptor is closed when the last copy goes.
public final class LoadedProgram: @unchecked Sendable {
    /// The program's file descriptor.
    public let fileDescriptor: Int32
    /// The type it was loaded as.
    public let type: KernelProgramType
    /// The verifier's log at level 1 (statistics such as "processed N insns").
    public let verifierLog: String

    init(fileDescriptor: Int32, type: KernelProgramType, verifierLog: String) {
        self.fileDescriptor = fileDescriptor
        self.type = type
        self.verifierLog = verifierLog
    }

    deinit { close(fileDescriptor) }

    /// Runs the program once with `BPF_PROG_TEST_RUN` on `packet` and returns its 32-bit result.
    /// SOCKET_FILTER runs see the packet from its network header (the first 14 bytes are taken as an
    /// Ethernet header), SCHED_CLS runs from the Ethernet header.
    public func testRun(packet: [UInt8]) throws(KernelBridgeError) -> UInt32 {
        try testRun(packet: packet, repetitions: 1).result
    }

    /// Runs the program `repetitions` times on `packet` in one `BPF_PROG_TEST_RUN`; returns its result and
    /// the kernel's average time per run in nanoseconds (the JIT-compiled program plus the run loop).
    public func testRun(packet: [UInt8], repetitions: Int32) throws(KernelBridgeError)
        -> (result: UInt32, nanosecondsPerRun: UInt32)
    {
        var opts = bpf_test_run_opts()
        opts.sz = MemoryLayout<bpf_test_run_opts>.size
        opts.data_size_in = UInt32(packet.count)
        opts.repeat = max(1, repetitions)
        let rc: Int32 = packet.withUnsafeBytes { buffer in
            opts.data_in = buffer.baseAddress
            return bpf_prog_test_run_opts(fileDescriptor, &opts)
        }
        if rc != 0 { throw KernelBridgeError(operation: "BPF_PROG_TEST_RUN", errno: Glibc.errno, verifierLog: "") }
        return (opts.retval, opts.duration)
    }

    /// Attaches the program to socket `socket` with `SO_ATTACH_BPF` (it must be a SOCKET_FILTER program).
    public func attach(toSocket socket: Int32) throws(KernelBridgeError) {
        var fd = fileDescriptor
        let soAttachBPF: Int32 = 50
        if setsockopt(socket, SOL_SOCKET, soAttachBPF, &fd, socklen_t(MemoryLayout<Int32>.size)) != 0 {
            throw KernelBridgeError(operation: "setsockopt(SO_ATTACH_BPF)", errno: Glibc.errno, verifierLog: "")
        }
    }
}

/// Loads eBPF programs into the running kernel through libbpf.
public enum KernelBridge {
    /// Loads `program` as `type` with licence "GPL". On refusal the error carries the verifier's log.
    public static func load(_ program: EBPFProgram, as type: KernelProgramType,
                            name: String = "cbpf2ebpf") throws(KernelBridgeError) -> LoadedProgram {
        try load(instructions: program.instructions, as: type, name: name)
    }

    /// Loads raw instructions as `type`. A successful load keeps the verifier's statistics
    /// (`BPF_LOG_STATS`); a refused one is retried once with the full log (level 1) to report why.
    public static func load(instructions: [EBPFInstruction], as type: KernelProgramType,
                            name: String = "cbpf2ebpf") throws(KernelBridgeError) -> LoadedProgram {
        libbpf_set_print(nil)
        let first = attemptLoad(instructions, type, name, logLevel: 4, logSize: 1 << 16)
        if first.fd >= 0 { return LoadedProgram(fileDescriptor: first.fd, type: type, verifierLog: first.log) }
        if first.errno == EPERM || first.errno == ENOSYS {
            throw KernelBridgeError(operation: "BPF_PROG_LOAD (\(type))", errno: first.errno, verifierLog: first.log)
        }
        let second = attemptLoad(instructions, type, name, logLevel: 1, logSize: 1 << 24)
        if second.fd >= 0 {
            // Only the statistics log overflowed; the program itself is fine.
            return LoadedProgram(fileDescriptor: second.fd, type: type, verifierLog: first.log)
        }
        throw KernelBridgeError(operation: "BPF_PROG_LOAD (\(type))", errno: first.errno,
                                verifierLog: second.log.isEmpty ? first.log : second.log)
    }

    private static func attemptLoad(_ instructions: [EBPFInstruction], _ type: KernelProgramType, _ name: String,
                                    logLevel: UInt32, logSize: Int) -> (fd: Int32, errno: Int32, log: String) {
        let bytes = EBPFEncoding.encode(instructions)
        let slots = bytes.count / 8
        var log = [CChar](repeating: 0, count: logSize)
        var fd: Int32 = -1
        var savedErrno: Int32 = 0
        bytes.withUnsafeBytes { raw in
            log.withUnsafeMutableBufferPointer { logBuffer in
                var opts = bpf_prog_load_opts()
                opts.sz = MemoryLayout<bpf_prog_load_opts>.size
                opts.log_level = logLevel
                opts.log_size = UInt32(logBuffer.count)
                opts.log_buf = logBuffer.baseAddress
                let insns = raw.baseAddress?.assumingMemoryBound(to: bpf_insn.self)
                fd = bpf_prog_load(type.raw, String(name.prefix(15)), "GPL", insns, slots, &opts)
                savedErrno = Glibc.errno
            }
        }
        let text = log.withUnsafeBufferPointer { buffer in
            String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return (fd, savedErrno, text)
    }

    /// Why bpf(2) cannot be used here, or nil when a trivial program loads.
    public static func unavailabilityReason() -> String? {
        do {
            _ = try load(instructions: [.mov64(.r0, imm: 0), .exit], as: .socketFilter, name: "probe")
            return nil
        } catch {
            return "bpf(2) is not usable here: \(error)"
        }
    }
}
