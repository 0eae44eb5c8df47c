import BPFCore

/// Captures packets from a network interface through libpcap, as `tcpdump -i` does.
///
/// ```swift
/// var capture = try LiveCapture(device: "lo", options: .init(immediateMode: true))
/// try capture.setFilter(program)              // our compiled classic BPF, run by the kernel
/// while let packet = try capture.next() { … }  // nil once interrupted (breakLoop or a signal)
/// ```
///
/// Opening follows tcpdump's order (create, precision, immediate mode, snapshot length, promiscuous mode,
/// monitor mode, timeout, buffer size, time stamp type, activate) and fails with tcpdump's messages.
///
/// The corresponding C functions are `pcap_create` and `pcap_activate`.
public struct LiveCapture: ~Copyable {
    /// How to open the device.
    public struct Options: Hashable, Sendable {
        /// Bytes to keep of each packet; nil keeps libpcap's default (262144). `-s`.
        public var snapshotLength: Int?
        /// Put the interface into promiscuous mode (`-p` turns it off).
        public var promiscuous: Bool
        /// Monitor mode for Wi-Fi interfaces (`-I`).
        public var monitorMode: Bool
        /// Packet buffer timeout in milliseconds (tcpdump: 1000, or 100 with `-l` or a terminal).
        public var timeoutMilliseconds: Int
        /// Deliver packets as soon as they arrive (`--immediate-mode`).
        public var immediateMode: Bool
        /// Kernel buffer size in bytes; nil keeps libpcap's default. (`-B` gives KiB.)
        public var bufferSize: Int?
        /// The unit of the delivered timestamps (`--nano`).
        public var precision: TimestampPrecision
        /// A time stamp type name such as `host` or `adapter` (`-j`); nil keeps the default.
        public var timestampType: String?

        /// Creates options; the defaults are tcpdump's.
        public init(
            snapshotLength: Int? = nil, promiscuous: Bool = true, monitorMode: Bool = false,
            timeoutMilliseconds: Int = 1000, immediateMode: Bool = false, bufferSize: Int? = nil,
            precision: TimestampPrecision = .microseconds, timestampType: String? = nil
        ) {
            self.snapshotLength = snapshotLength
            self.promiscuous = promiscuous
            self.monitorMode = monitorMode
            self.timeoutMilliseconds = timeoutMilliseconds
            self.immediateMode = immediateMode
            self.bufferSize = bufferSize
            self.precision = precision
            self.timestampType = timestampType
        }
    }

    /// What ``nextEvent()`` found.
    public enum Event {
        /// A packet; its bytes stay valid until the next call.
        case packet(Packet)
        /// The buffer timeout expired with no packet.
        case timeout
        /// ``breakLoop()`` was called or a signal installed with ``CaptureSignals`` arrived.
        case interrupted
    }

    /// A time stamp type a device offers (`-J`).
    public struct TimestampType: Hashable, Sendable {
        /// libpcap's name (`host`), used with `-j`.
        public var name: String
        /// libpcap's description (`Host`).
        public var summary: String
    }

    let handle: PcapHandle
    /// The device name given to ``init(device:options:)``.
    public let device: String
    /// Warnings from activation, as tcpdump prints them after `tcpdump: WARNING: ` (for example
    /// `lo: That device doesn't support promiscuous mode\n(…)`).
    public let warnings: [String]

    /// Opens and activates `device`.
    ///
    /// - Throws: ``CaptureError`` with tcpdump's text: `nosuchif: No such device exists\n(…)` (kind
    ///   `.openDevice`; tcpdump then tries the name as a `-D` number), `eth0: You don't have permission to
    ///   capture on that device\n(…)`, `lo: Can't set snapshot length: …` (kind `.configureDevice`),
    ///   `invalid time stamp type foo`.
    public init(device: String, options: Options = Options()) throws(CaptureError) {
        let handle = try PcapHandle.create(device: device, precision: options.precision)
        func check(_ status: Int32, _ what: String) throws(CaptureError) {
            if status != 0 { throw CaptureError(.configureDevice, "\(device): \(what): \(pcapStatusText(status))") }
        }
        let unit = options.precision == .nanoseconds ? "nano" : "micro"
        try check(handle.setPrecision(), "Can't set \(unit)second time stamp precision")
        if options.immediateMode { try check(handle.setImmediateMode(true), "Can't set immediate mode") }
        if let length = options.snapshotLength, length != 0 {
            try check(handle.setSnapshotLength(Int32(clamping: length)), "Can't set snapshot length")
        }
        try check(handle.setPromiscuous(options.promiscuous), "Can't set promiscuous mode")
        if options.monitorMode { try check(handle.setMonitorMode(true), "Can't set monitor mode") }
        try check(handle.setTimeout(milliseconds: Int32(clamping: options.timeoutMilliseconds)),
                  "pcap_set_timeout failed")
        if let size = options.bufferSize {
            try check(handle.setBufferSize(bytes: Int32(clamping: size)), "Can't set buffer size")
        }
        var warnings: [String] = []
        if let name = options.timestampType {
            guard let value = pcapTimestampTypeValue(name) else {
                throw CaptureError(.configureDevice, "invalid time stamp type \(name)")
            }
            let status = handle.setTimestampType(value)
            if status < 0 {
                throw CaptureError(.configureDevice, "\(device): Can't set time stamp type: \(pcapStatusText(status))")
            } else if status > 0 {
                warnings.append(
                    "When trying to set timestamp type '\(name)' on \(device): \(pcapStatusText(status))")
            }
        }
        let status = handle.activate()
        if status < 0 {
            let detail = handle.lastError
            let message: String
            if status == PcapStatus.error {
                message = detail
            } else if status == PcapStatus.noSuchDevice
                || (status == PcapStatus.permissionDenied && !detail.isEmpty)
            {
                message = "\(device): \(pcapStatusText(status))\n(\(detail))"
            } else {
                message = "\(device): \(pcapStatusText(status))"
            }
            throw CaptureError(.openDevice, message)
        } else if status > 0 {
            let detail = handle.lastError
            if status == PcapStatus.warning {
                warnings.append(detail)
            } else if status == PcapStatus.promiscuousNotSupported && !detail.isEmpty {
                warnings.append("\(device): \(pcapStatusText(status))\n(\(detail))")
            } else {
                warnings.append("\(device): \(pcapStatusText(status))")
            }
        }
        self.handle = handle
        self.device = device
        self.warnings = warnings
    }

    /// The time stamp types `device` offers, without activating it (`tcpdump -J`); empty when it cannot be set.
    public static func timestampTypes(device: String) throws(CaptureError) -> [TimestampType] {
        let handle = try PcapHandle.create(device: device, precision: .microseconds)
        guard let values = handle.timestampTypes() else { throw CaptureError(.query, handle.lastError) }
        return values.map {
            TimestampType(
                name: pcapTimestampTypeName($0) ?? "\($0)", summary: pcapTimestampTypeDescription($0) ?? "\($0)")
        }
    }

    /// The link type of the delivered packets.
    public var linkType: LinkType { handle.linkType }
    /// The snapshot length in force (libpcap may have raised or lowered the requested one).
    public var snapshotLength: Int { Int(handle.snapshotLength) }
    /// The unit of the delivered timestamps.
    public var precision: TimestampPrecision { handle.precision }

    /// The link types the device can deliver (`tcpdump -L`). The corresponding C function is `pcap_list_datalinks`.
    public func supportedLinkTypes() throws(CaptureError) -> [LinkType] {
        guard let types = handle.linkTypes() else { throw CaptureError(.query, handle.lastError) }
        return types
    }

    /// Switches the link type (`-y` on a device). The corresponding C function is `pcap_set_datalink`.
    public func setLinkType(_ linkType: LinkType) throws(CaptureError) {
        if handle.setLinkType(linkType) < 0 { throw CaptureError(.configureDevice, handle.lastError) }
    }

    /// Captures only packets going `direction` (`-Q`). The corresponding C function is `pcap_setdirection`.
    public func setDirection(_ direction: Direction) throws(CaptureError) {
        if handle.setDirection(direction) != 0 {
            throw CaptureError(.configureDevice, "\(device): pcap_setdirection() failed: \(handle.lastError)")
        }
    }

    /// Installs `program` as the kernel filter: only packets it accepts are delivered, cut to the length it
    /// returns. The program is ours (compiled by FilterLang); libpcap only hands it to the kernel.
    ///
    /// The corresponding C function is `pcap_setfilter`.
    public func setFilter(_ program: Program) throws(CaptureError) {
        if handle.setFilter(program) != 0 { throw CaptureError(.setFilter, handle.lastError) }
    }

    /// The capture socket (Linux: the `AF_PACKET` socket libpcap reads from), for attaching a socket filter
    /// of one's own, such as an eBPF program with `SO_ATTACH_BPF`. Do not call ``setFilter(_:)`` after
    /// attaching one: it would replace that filter. Packets already queued before the attach were not seen by
    /// the new filter; filter those with ``Packet/header``'s timestamp not after the attach time in userland.
    ///
    /// The corresponding C function is `pcap_fileno`.
    public var fileDescriptor: Int32 { handle.fileDescriptor }

    /// The kernel's counters (`pcap_stats`).
    public func statistics() throws(CaptureError) -> CaptureStatistics {
        guard let statistics = handle.statistics() else { throw CaptureError(.query, handle.lastError) }
        return statistics
    }

    /// Makes the signals installed with ``CaptureSignals/install(_:)`` interrupt this capture.
    public func interruptOnSignals() { BreakTarget.register(handle.raw) }

    /// Makes the current or next wait for packets return ``Event/interrupted``. The corresponding C function is
    /// `pcap_breakloop`.
    public func breakLoop() { handle.breakLoop() }

    /// Waits for the next packet, the buffer timeout, or an interruption. No allocation per packet.
    ///
    /// - Throws: ``CaptureError`` of kind `.readDevice` (for example when the interface went down).
    public mutating func nextEvent() throws(CaptureError) -> Event {
        switch handle.next() {
        case .packet(let packet): return .packet(packet)
        case .timeout: return .timeout
        case .endOrBreak: return .interrupted
        case .failed(let message): throw CaptureError(.readDevice, "pcap_loop: " + message)
        }
    }

    /// The next packet, waiting through buffer timeouts; nil once the capture is interrupted.
    public mutating func next() throws(CaptureError) -> Packet? {
        while true {
            switch try nextEvent() {
            case .packet(let packet): return packet
            case .timeout: continue
            case .interrupted: return nil
            }
        }
    }
}
