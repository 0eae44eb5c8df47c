/// An error from opening, reading, writing or configuring a capture.
///
/// ``message`` is the text tcpdump 4.99.3 prints after its `tcpdump: ` prefix for the same failure (swiftdump
/// prints it after `swiftdump: `), for example `/x: No such file or directory`, `unknown file format`, or
/// `pcap_loop: truncated dump file; tried to read 1042 captured bytes, only got 60`.
public struct CaptureError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Which step failed.
    public enum Kind: Hashable, Sendable {
        /// A savefile could not be opened or its file header is bad.
        case openFile
        /// A packet record could not be read (the packets before it were delivered).
        case readFile
        /// A savefile could not be created, written, flushed or closed.
        case writeFile
        /// A capture device could not be opened or activated.
        case openDevice
        /// A device setting (snaplen, promiscuous mode, buffer, direction, link type, …) was refused.
        case configureDevice
        /// Reading packets from a live device failed.
        case readDevice
        /// The kernel refused the filter program.
        case setFilter
        /// The interface list or the statistics could not be obtained.
        case query
    }

    /// Which step failed.
    public var kind: Kind
    /// The message as tcpdump prints it after `tcpdump: ` (may span several lines, as tcpdump's does).
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
