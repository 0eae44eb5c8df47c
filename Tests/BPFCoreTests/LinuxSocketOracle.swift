import BPFCore
import Glibc

/// The running Linux kernel as an oracle: attaches classic programs to an AF_UNIX datagram socket with
/// `SO_ATTACH_FILTER` and sends packets through it. Linux then checks the program (accept or errno) and runs it
/// on every datagram; the datagram arrives cut to max(1, result) bytes, or not at all when the result is 0.
/// There the socket buffer has no device, protocol 0, pkt_type 0 and no MAC header.
final class LinuxSocketOracle {
    private let sender: Int32
    private let receiver: Int32

    /// Opens the socket pair; nil (with the reason) when the system does not allow it.
    init?() {
        var fds: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0, &fds) == 0 else {
            print("skipping Linux socket oracle: socketpair failed (errno \(errno))")
            return nil
        }
        sender = fds[0]
        receiver = fds[1]
    }

    deinit {
        close(sender)
        close(receiver)
    }

    private struct SockFprog {
        var len: UInt16
        var filter: UnsafeMutableRawPointer?
    }

    /// Attaches `program`; returns 0 on success or the errno Linux reported.
    func attach(_ program: Program) -> Int32 {
        var raw: [UInt64] = program.instructions.map { insn in
            UInt64(insn.code) | UInt64(insn.jt) << 16 | UInt64(insn.jf) << 24 | UInt64(insn.k) << 32
        }
        if raw.isEmpty { raw = [0] }  // keep a valid pointer; the length below stays 0
        let count = UInt16(truncatingIfNeeded: program.instructions.count)
        return raw.withUnsafeMutableBytes { bytes -> Int32 in
            var fprog = SockFprog(len: count, filter: bytes.baseAddress)
            let rc = setsockopt(receiver, SOL_SOCKET, 26 /* SO_ATTACH_FILTER */, &fprog, socklen_t(MemoryLayout<SockFprog>.size))
            return rc == 0 ? 0 : errno
        }
    }

    /// Sends `packet` and returns how many bytes arrived, or nil if the filter dropped it.
    func deliver(_ packet: [UInt8]) -> Int? {
        let sent = packet.withUnsafeBytes { send(sender, $0.baseAddress, $0.count, 0) }
        guard sent == packet.count else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let received = buffer.withUnsafeMutableBytes { recv(receiver, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        return received >= 0 ? received : nil
    }

    /// The context Linux gives a filter on this socket.
    static var context: KernelContext {
        var context = KernelContext()
        context.macHeaderOffset = nil
        return context
    }
}
