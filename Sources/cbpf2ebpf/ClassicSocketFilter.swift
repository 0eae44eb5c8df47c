import BPFCore
#if canImport(Glibc)
import Glibc
#endif

extension KernelBridge {
    /// Attaches classic `program` to `socket` with `SO_ATTACH_FILTER` (the kernel checks and converts it).
    public static func attachClassic(_ program: Program, toSocket socket: Int32) throws(KernelBridgeError) {
        var filter = [UInt8]()
        filter.reserveCapacity(program.count * 8)
        for insn in program.instructions {
            filter += [UInt8(insn.code & 0xff), UInt8(insn.code >> 8), insn.jt, insn.jf]
            for shift in stride(from: 0, to: 32, by: 8) { filter.append(UInt8(truncatingIfNeeded: insn.k >> UInt32(shift))) }
        }
        let soAttachFilter: Int32 = 26
        let rc: Int32 = filter.withUnsafeBytes { insns in
            // struct sock_fprog { unsigned short len; struct sock_filter *filter; } (16 bytes on 64-bit).
            var fprog = [UInt8](repeating: 0, count: 16)
            fprog.withUnsafeMutableBytes { raw in
                raw.storeBytes(of: UInt16(truncatingIfNeeded: program.count), toByteOffset: 0, as: UInt16.self)
                raw.storeBytes(of: UInt(bitPattern: insns.baseAddress), toByteOffset: 8, as: UInt.self)
            }
            return fprog.withUnsafeBytes { setsockopt(socket, SOL_SOCKET, soAttachFilter, $0.baseAddress, 16) }
        }
        if rc != 0 { throw KernelBridgeError(operation: "setsockopt(SO_ATTACH_FILTER)", errno: Glibc.errno, verifierLog: "") }
    }

    /// The number of eBPF instructions the running kernel's `bpf_convert_filter()` makes of `program`,
    /// measured through the socket memory an attached filter is charged (`SO_MEMINFO`'s optmem grows by
    /// the `bpf_prog` header plus 8 bytes per instruction). Throws what `SO_ATTACH_FILTER` answers (EINVAL
    /// for refused programs, ENOMEM when the converted program exceeds `net.core.optmem_max`).
    public static func kernelConvertedLength(of program: Program) throws(KernelBridgeError) -> Int {
        let header = try chargedBytes(of: Program([.stmt(BPF.ret | BPF.k, 0)])) - 5 * 8
        let bytes = try chargedBytes(of: program)
        return (bytes - header) / 8
    }

    private static func chargedBytes(of program: Program) throws(KernelBridgeError) -> Int {
        let udp = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard udp >= 0 else { throw KernelBridgeError(operation: "socket(AF_INET)", errno: Glibc.errno, verifierLog: "") }
        defer { close(udp) }
        let before = try optionMemory(udp)
        try attachClassic(program, toSocket: udp)
        return try optionMemory(udp) - before
    }

    private static func optionMemory(_ socket: Int32) throws(KernelBridgeError) -> Int {
        var info = [UInt32](repeating: 0, count: 16)
        var size = socklen_t(info.count * 4)
        let soMeminfo: Int32 = 55
        if getsockopt(socket, SOL_SOCKET, soMeminfo, &info, &size) != 0 {
            throw KernelBridgeError(operation: "getsockopt(SO_MEMINFO)", errno: Glibc.errno, verifierLog: "")
        }
        return Int(info[6])  // SK_MEMINFO_OPTMEM
    }
}
