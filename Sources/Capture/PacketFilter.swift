import BPFCore

/// Decides which packets an offline replay keeps.
///
/// Conform a value type that runs a classic BPF program (BPFCore's interpreter) over the packet's bytes, with
/// `len` = ``PacketHeader/wireLength`` and loads checked against the captured bytes, and keeps the packet when
/// the program returns non-zero, as libpcap's `pcap_offline_filter` does. Replay code is generic over the
/// conforming type, so the call is specialised: no existential or reference counting per packet.
public protocol PacketFilter {
    /// True when `packet` passes the filter.
    func accepts(_ packet: Packet) -> Bool
}

/// The filter of an empty expression: keeps every packet.
public struct AcceptAllPackets: PacketFilter {
    /// Creates the filter.
    public init() {}
    public func accepts(_ packet: Packet) -> Bool { true }
}

extension CompiledFilter: PacketFilter {
    /// Runs BPFCore's interpreter over the captured bytes with `len` = the wire length; keeps the packet when
    /// the program returns non-zero (libpcap's `pcap_offline_filter` rule: the packet is not cut to the result).
    public func accepts(_ packet: Packet) -> Bool {
        matches(packet: packet.bytes, wireLength: packet.header.wireLength)
    }
}
