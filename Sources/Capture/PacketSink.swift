/// Where an offline replay or a live capture loop hands the packets it keeps: a savefile writer, a printer.
public protocol PacketSink: ~Copyable {
    /// Takes one packet. Its bytes are valid only during the call.
    mutating func consume(_ packet: Packet) throws(CaptureError)
}

extension SavefileWriter: PacketSink {
    /// Writes the packet (see ``write(_:)``).
    public mutating func consume(_ packet: Packet) throws(CaptureError) { write(packet) }
}
