// The loopback flood of `capture-bench flood`: UDP datagrams to 127.0.0.1 on one port, paced to a rate.
import Glibc

/// Sends a bounded number of UDP datagrams to `127.0.0.1:port` from one connected socket, paced to a rate.
///
/// A socket bound to the port (never read, smallest receive buffer) absorbs the datagrams, so the kernel does
/// not answer each one with an ICMP port-unreachable (it does not rate-limit those on loopback).
final class FloodSender {
    /// What one flood did.
    struct Result {
        /// Datagrams the kernel accepted (`send` returned the full length).
        var sent: Int
        /// Wall-clock seconds from the first to the last send.
        var seconds: Double
        /// The rate achieved.
        var packetsPerSecond: Double { seconds > 0 ? Double(sent) / seconds : 0 }
    }

    enum Failure: Error, CustomStringConvertible {
        case socket(String)
        var description: String {
            switch self {
            case .socket(let text): return "flood socket: \(text)"
            }
        }
    }

    private let sender: Int32
    private let sink: Int32
    private let payload: [UInt8]

    /// Opens the sending socket and the absorbing socket on `port`; datagrams carry `payloadSize` bytes.
    init(port: UInt16, payloadSize: Int) throws {
        let sender = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        let sink = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard sender >= 0, sink >= 0 else { throw Failure.socket(String(cString: strerror(errno))) }
        self.sender = sender
        self.sink = sink
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let (bound, connected) = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                (bind(sink, generic, length), connect(sender, generic, length))
            }
        }
        guard bound == 0, connected == 0 else {
            throw Failure.socket("127.0.0.1:\(port): \(String(cString: strerror(errno)))")
        }
        var smallest: Int32 = 1
        setsockopt(sink, SOL_SOCKET, SO_RCVBUF, &smallest, socklen_t(MemoryLayout<Int32>.size))
        payload = (0..<payloadSize).map { UInt8(truncatingIfNeeded: 0x41 + $0 % 26) }
    }

    deinit {
        close(sender)
        close(sink)
    }

    /// Sends `count` datagrams at `rate` packets per second (0: as fast as the kernel takes them).
    ///
    /// Pacing is cumulative: before each burst the sender sleeps until the time the packets sent so far are due,
    /// so a late wake-up is made up by the next bursts. Bursts are 1/10,000 s worth of packets (at least 1).
    func flood(count: Int, rate: Int) -> Result {
        let burst = rate > 0 ? max(1, min(64, rate / 10_000)) : 64
        let start = monotonicNanoseconds()
        var sent = 0
        var attempts = 0
        payload.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            while attempts < count {
                if rate > 0 {
                    let due = start + UInt64(Double(attempts) / Double(rate) * 1e9)
                    sleep(until: due)
                }
                for _ in 0..<min(burst, count - attempts) {
                    attempts += 1
                    if send(sender, base, bytes.count, 0) == bytes.count { sent += 1 }
                }
            }
        }
        return Result(sent: sent, seconds: Double(monotonicNanoseconds() - start) / 1e9)
    }

    private func sleep(until due: UInt64) {
        guard monotonicNanoseconds() < due else { return }
        var deadline = timespec(tv_sec: Int(due / 1_000_000_000), tv_nsec: Int(due % 1_000_000_000))
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nil) == EINTR {}
    }
}

/// CLOCK_MONOTONIC in nanoseconds.
func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
}
