/// Which packets a live capture sees, relative to the capturing host (`tcpdump -Q`).
public enum Direction: String, Hashable, Sendable, CaseIterable {
    /// Packets received by the host (`-Q in`).
    case inbound = "in"
    /// Packets sent by the host (`-Q out`).
    case outbound = "out"
    /// Both (`-Q inout`, the default).
    case both = "inout"
}
