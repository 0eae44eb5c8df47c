/// A capture device as libpcap lists it (`tcpdump -D`).
public struct Interface: Hashable, Sendable {
    /// Interface flags (`PCAP_IF_*`).
    public struct Flags: OptionSet, Hashable, Sendable {
        public var rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        public static let loopback = Flags(rawValue: 0x01)
        public static let up = Flags(rawValue: 0x02)
        public static let running = Flags(rawValue: 0x04)
        public static let wireless = Flags(rawValue: 0x08)
        /// The two connection-status bits; compare the masked value with the `connection…` constants.
        public static let connectionStatusMask = Flags(rawValue: 0x30)
        public static let connected = Flags(rawValue: 0x10)
        public static let disconnected = Flags(rawValue: 0x20)
        public static let connectionNotApplicable = Flags(rawValue: 0x30)
    }

    /// The device name (`lo`, `eth0`, `any`).
    public var name: String
    /// libpcap's description, if it has one (`Pseudo-device that captures on all interfaces`).
    public var summary: String?
    /// Up, running, loopback, wireless and connection status.
    public var flags: Flags

    /// Creates an interface description.
    public init(name: String, summary: String?, flags: Flags) {
        self.name = name
        self.summary = summary
        self.flags = flags
    }

    /// The text tcpdump prints after `N.` in `-D`: `lo [Up, Running, Loopback]`,
    /// `any (Pseudo-device that captures on all interfaces) [Up, Running]`, `ifb0 [none]`.
    public var listing: String {
        var text = name
        if let summary { text += " (\(summary))" }
        guard flags.rawValue != 0 else { return text }
        let named: [(Flags, String)] = [(.up, "Up"), (.running, "Running"), (.loopback, "Loopback"),
                                        (.wireless, "Wireless")]
        let words = named.filter { flags.contains($0.0) }.map(\.1)
        text += " [" + (words.isEmpty ? "none" : words.joined(separator: ", "))
        let status = flags.intersection(.connectionStatusMask)
        let wireless = flags.contains(.wireless)
        switch status {
        case .connectionNotApplicable: break
        case .connected: text += wireless ? ", Associated" : ", Connected"
        case .disconnected: text += wireless ? ", Not associated" : ", Disconnected"
        default: text += wireless ? ", Association status unknown" : ", Connection status unknown"
        }
        return text + "]"
    }
}

/// The capture devices of this machine.
public enum Interfaces {
    /// Every device libpcap can capture on, in libpcap's order. The corresponding C function is
    /// `pcap_findalldevs`.
    public static func all() throws(CaptureError) -> [Interface] {
        switch pcapInterfaces() {
        case .success(let list): return list
        case .failure(let message): throw CaptureError(.query, message.text)
        }
    }

    /// The lines `tcpdump -D` prints: `1.eth0 [Up, Running, Connected]`, `3.lo [Up, Running, Loopback]`.
    public static func listing() throws(CaptureError) -> [String] {
        try all().enumerated().map { "\($0.offset + 1).\($0.element.listing)" }
    }
}
