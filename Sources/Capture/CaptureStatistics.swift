/// Counters of a live capture (`pcap_stats`).
///
/// Their meaning is the operating system's: on Linux `received` counts packets that passed the kernel filter,
/// whether or not they were read yet.
public struct CaptureStatistics: Hashable, Sendable {
    /// Packets received by the filter (`ps_recv`).
    public var received: UInt64
    /// Packets dropped by the kernel for lack of buffer space (`ps_drop`).
    public var dropped: UInt64
    /// Packets dropped by the network interface or its driver (`ps_ifdrop`).
    public var interfaceDropped: UInt64

    /// Creates a set of counters.
    public init(received: UInt64, dropped: UInt64, interfaceDropped: UInt64) {
        self.received = received
        self.dropped = dropped
        self.interfaceDropped = interfaceDropped
    }
}
