/// The offline pipeline of `swiftdump -r FILE [-w OUT] [-c N] EXPR`: read → filter → write or print.
public enum OfflineReplay {
    /// What a replay did.
    public struct Summary: Hashable, Sendable {
        /// Records read from the file.
        public var read: Int
        /// Records the filter kept and the sink took.
        public var kept: Int

        /// Creates a summary.
        public init(read: Int, kept: Int) {
            self.read = read
            self.kept = kept
        }
    }

    /// Reads every packet of `reader`, keeps those `filter` accepts and hands them to `sink`, stopping after
    /// `limit` kept packets (tcpdump's `-c`) when given.
    ///
    /// No allocation per packet: the reader reuses its buffer and the filter and sink are generic parameters.
    ///
    /// - Returns: how many packets were read and kept.
    /// - Throws: ``ReplayFailure`` when a record is damaged or the sink fails; every packet before the damage
    ///   has been handed to the sink, and the failure tells how many.
    public static func run<Filter: PacketFilter, Sink: PacketSink & ~Copyable>(
        _ reader: inout SavefileReader, filter: Filter, limit: Int? = nil, into sink: inout Sink
    ) throws(ReplayFailure) -> Summary {
        var summary = Summary(read: 0, kept: 0)
        if let limit, limit <= 0 { return summary }
        do {
            while let packet = try reader.next() {
                summary.read += 1
                guard filter.accepts(packet) else { continue }
                try sink.consume(packet)
                summary.kept += 1
                if let limit, summary.kept >= limit { break }
            }
        } catch {
            throw ReplayFailure(error: error, summary: summary)
        }
        return summary
    }
}

/// A replay that stopped on an error, with the work done before it.
public struct ReplayFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong (its message is tcpdump's, e.g. `pcap_loop: truncated dump file; …`).
    public var error: CaptureError
    /// Packets read and kept before the error.
    public var summary: OfflineReplay.Summary

    public var description: String { error.message }
}
