/// The initial sequence numbers tcpdump remembers per TCP connection, so later segments print relative numbers.
///
/// One entry serves both directions: the key orders the endpoints the way tcpdump does (by port, then by
/// address), and `reversed` says whether a segment runs against that order.
struct TCPSequenceTable {
    struct Key: Hashable {
        var source: (UInt64, UInt64)
        var destination: (UInt64, UInt64)
        var ports: UInt32
        var v6: Bool

        static func == (a: Key, b: Key) -> Bool {
            a.source == b.source && a.destination == b.destination && a.ports == b.ports && a.v6 == b.v6
        }

        func hash(into h: inout Hasher) {
            h.combine(source.0)
            h.combine(source.1)
            h.combine(destination.0)
            h.combine(destination.1)
            h.combine(ports)
        }
    }

    struct Bases {
        var seq: UInt32
        var ack: UInt32
    }

    private var entries: [Key: Bases] = [:]

    static var empty: TCPSequenceTable { TCPSequenceTable() }

    /// Looks up (or, for a new connection or any SYN, records) the bases for a segment and returns them.
    /// `found` is false when the segment's own numbers were just recorded (they then print absolute).
    mutating func bases(for key: Key, reversed: Bool, seq: UInt32, ack: UInt32, syn: Bool) -> (Bases, found: Bool) {
        if !syn, let b = entries[key] { return (b, true) }
        let b = reversed ? Bases(seq: ack &- 1, ack: seq) : Bases(seq: seq, ack: ack &- 1)
        entries[key] = b
        return (b, false)
    }
}
