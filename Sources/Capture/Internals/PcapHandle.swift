// The only file of `Capture` that calls libpcap (with PcapDumper.swift and InterfaceList.swift beside it).
// Nothing here is public: the public types hold a `PcapHandle` and see Swift values only.
import BPFCore
import CPcap

#if canImport(Glibc)
import Glibc
#endif

/// Owns one libpcap handle (`pcap_t`) and closes it exactly once.
struct PcapHandle: ~Copyable {
    /// The `pcap_t *`. Never escapes this module.
    let raw: OpaquePointer
    /// The unit of the sub-second field of the records this handle delivers.
    let precision: TimestampPrecision
    /// Memory an in-memory savefile is read from; freed after the handle is closed.
    private let backing: UnsafeMutableRawPointer?

    private init(raw: OpaquePointer, precision: TimestampPrecision, backing: UnsafeMutableRawPointer? = nil) {
        self.raw = raw
        self.precision = precision
        self.backing = backing
    }

    deinit {
        BreakTarget.forget(raw)
        pcap_close(raw)  // also closes the FILE of an in-memory savefile
        backing?.deallocate()
    }

    /// `pcap_fopen_offline_with_tstamp_precision` over a private copy of `bytes` (through `fmemopen`).
    static func openOffline(bytes: UnsafeRawBufferPointer, precision: TimestampPrecision)
        throws(CaptureError) -> PcapHandle
    {
        let backing = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 8)
        if let source = bytes.baseAddress, bytes.count > 0 {
            backing.copyMemory(from: source, byteCount: bytes.count)
        }
        // glibc's fmemopen refuses a zero size; an empty stream reads like an empty file.
        let file = bytes.count > 0 ? fmemopen(backing, bytes.count, "rb") : fopen("/dev/null", "rb")
        guard let file else {
            backing.deallocate()
            throw CaptureError(.openFile, "cannot open an in-memory savefile: \(String(cString: strerror(errno)))")
        }
        var failure = ""
        let handle = withErrorBuffer { errbuf in
            let raw = pcap_fopen_offline_with_tstamp_precision(file, precision.pcapValue, errbuf)
            if raw == nil { failure = String(cString: errbuf) }
            return raw
        }
        guard let handle else {
            fclose(file)
            backing.deallocate()
            throw CaptureError(.openFile, failure)
        }
        return PcapHandle(raw: handle, precision: precision, backing: backing)
    }

    // MARK: Opening

    /// `pcap_open_offline_with_tstamp_precision`: a pcap or pcapng savefile, or standard input for `-`.
    static func openOffline(path: String, precision: TimestampPrecision) throws(CaptureError) -> PcapHandle {
        var failure = ""
        let handle = withErrorBuffer { errbuf in
            let raw = pcap_open_offline_with_tstamp_precision(path, precision.pcapValue, errbuf)
            if raw == nil { failure = String(cString: errbuf) }
            return raw
        }
        guard let handle else { throw CaptureError(.openFile, failure) }
        return PcapHandle(raw: handle, precision: precision)
    }

    /// `pcap_open_dead_with_tstamp_precision`: a handle that only describes a link type and snapshot length.
    static func openDead(linkType: LinkType, snapshotLength: Int32, precision: TimestampPrecision)
        throws(CaptureError) -> PcapHandle
    {
        guard let raw = pcap_open_dead_with_tstamp_precision(linkType.rawValue, snapshotLength, precision.pcapValue)
        else {
            throw CaptureError(.writeFile, "cannot describe link type \(linkType) with snapshot length \(snapshotLength)")
        }
        return PcapHandle(raw: raw, precision: precision)
    }

    /// `pcap_create`: a live handle, not yet activated.
    static func create(device: String, precision: TimestampPrecision) throws(CaptureError) -> PcapHandle {
        var failure = ""
        let handle = withErrorBuffer { errbuf in
            let raw = pcap_create(device, errbuf)
            if raw == nil { failure = String(cString: errbuf) }
            return raw
        }
        guard let handle else { throw CaptureError(.openDevice, failure) }
        return PcapHandle(raw: handle, precision: precision)
    }

    // MARK: Settings before activation (each returns libpcap's status code)

    func setPrecision() -> Int32 { pcap_set_tstamp_precision(raw, Int32(precision.pcapValue)) }
    func setImmediateMode(_ on: Bool) -> Int32 { pcap_set_immediate_mode(raw, on ? 1 : 0) }
    func setSnapshotLength(_ length: Int32) -> Int32 { pcap_set_snaplen(raw, length) }
    func setPromiscuous(_ on: Bool) -> Int32 { pcap_set_promisc(raw, on ? 1 : 0) }
    func setMonitorMode(_ on: Bool) -> Int32 { pcap_set_rfmon(raw, on ? 1 : 0) }
    func setTimeout(milliseconds: Int32) -> Int32 { pcap_set_timeout(raw, milliseconds) }
    func setBufferSize(bytes: Int32) -> Int32 { pcap_set_buffer_size(raw, bytes) }
    func setTimestampType(_ value: Int32) -> Int32 { pcap_set_tstamp_type(raw, value) }
    func activate() -> Int32 { pcap_activate(raw) }

    // MARK: Settings after activation

    func setDirection(_ direction: Direction) -> Int32 {
        let value: pcap_direction_t
        switch direction {
        case .inbound: value = PCAP_D_IN
        case .outbound: value = PCAP_D_OUT
        case .both: value = PCAP_D_INOUT
        }
        return pcap_setdirection(raw, value)
    }

    func setLinkType(_ linkType: LinkType) -> Int32 { pcap_set_datalink(raw, linkType.rawValue) }

    /// `pcap_setfilter` with a `bpf_program` built from `program` (libpcap copies it; ours is freed here).
    func setFilter(_ program: Program) -> Int32 {
        var instructions = program.instructions.map {
            bpf_insn(code: $0.code, jt: $0.jt, jf: $0.jf, k: $0.k)
        }
        return instructions.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cProgram = bpf_program(bf_len: UInt32(truncatingIfNeeded: buffer.count), bf_insns: buffer.baseAddress)
            return pcap_setfilter(raw, &cProgram)
        }
    }

    /// `pcap_list_datalinks`, or nil on failure.
    func linkTypes() -> [LinkType]? {
        var list: UnsafeMutablePointer<Int32>? = nil
        let count = pcap_list_datalinks(raw, &list)
        guard count >= 0, let list else { return nil }
        defer { pcap_free_datalinks(list) }
        return UnsafeBufferPointer(start: list, count: Int(count)).map { LinkType(rawValue: $0) }
    }

    /// `pcap_list_tstamp_types`, or nil on failure.
    func timestampTypes() -> [Int32]? {
        var list: UnsafeMutablePointer<Int32>? = nil
        let count = pcap_list_tstamp_types(raw, &list)
        guard count >= 0 else { return nil }
        guard let list else { return [] }
        defer { pcap_free_tstamp_types(list) }
        return Array(UnsafeBufferPointer(start: list, count: Int(count)))
    }

    /// `pcap_stats`, or nil on failure.
    func statistics() -> CaptureStatistics? {
        var stat = pcap_stat()
        guard pcap_stats(raw, &stat) == 0 else { return nil }
        return CaptureStatistics(
            received: UInt64(stat.ps_recv), dropped: UInt64(stat.ps_drop), interfaceDropped: UInt64(stat.ps_ifdrop))
    }

    func breakLoop() { pcap_breakloop(raw) }

    // MARK: Facts

    var lastError: String { String(cString: pcap_geterr(raw)) }
    var linkType: LinkType { LinkType(rawValue: pcap_datalink(raw)) }
    var snapshotLength: Int32 { pcap_snapshot(raw) }
    var majorVersion: Int32 { pcap_major_version(raw) }
    var minorVersion: Int32 { pcap_minor_version(raw) }
    var isSwapped: Bool { pcap_is_swapped(raw) == 1 }
    /// `pcap_get_selectable_fd`: for a savefile, the descriptor of the stream libpcap reads.
    var streamDescriptor: Int32 { pcap_get_selectable_fd(raw) }
    /// `pcap_fileno`: the capture socket of an activated live handle, -1 for a savefile.
    var fileDescriptor: Int32 { pcap_fileno(raw) }

    // MARK: Reading

    /// `pcap_next_ex`: the next record. No allocation.
    func next() -> ReadResult {
        var header: UnsafeMutablePointer<pcap_pkthdr>? = nil
        var data: UnsafePointer<UInt8>? = nil
        let status = pcap_next_ex(raw, &header, &data)
        switch status {
        case 1:
            guard let header else { return .failed(lastError) }
            let h = header.pointee
            let captured = Int(h.caplen)
            let bytes = UnsafeRawBufferPointer(start: data.map(UnsafeRawPointer.init), count: data == nil ? 0 : captured)
            return .packet(
                Packet(
                    seconds: Int64(h.ts.tv_sec), fraction: UInt32(truncatingIfNeeded: h.ts.tv_usec),
                    precision: precision, captureLength: h.caplen, wireLength: h.len, bytes: bytes))
        case 0: return .timeout
        case PCAP_ERROR_BREAK:
            // Offline handles report the end of the file this way; live handles a pcap_breakloop.
            return .endOrBreak
        default: return .failed(lastError)
        }
    }

    enum ReadResult {
        case packet(Packet)
        case timeout
        case endOrBreak
        case failed(String)
    }
}

/// `pcap_breakloop` on a handle known only by its address (the signal handler's view of a live capture).
func pcapBreakLoop(_ raw: OpaquePointer) { pcap_breakloop(raw) }

/// libpcap's text for a status code (`pcap_statustostr`).
func pcapStatusText(_ status: Int32) -> String { String(cString: pcap_statustostr(status)) }

/// libpcap's name for a time stamp type (`host`), or nil.
func pcapTimestampTypeName(_ value: Int32) -> String? {
    pcap_tstamp_type_val_to_name(value).map { String(cString: $0) }
}

/// libpcap's description of a time stamp type (`Host`), or nil.
func pcapTimestampTypeDescription(_ value: Int32) -> String? {
    pcap_tstamp_type_val_to_description(value).map { String(cString: $0) }
}

/// libpcap's value for a time stamp type name, or nil when it names none.
func pcapTimestampTypeValue(_ name: String) -> Int32? {
    let value = pcap_tstamp_type_name_to_val(name)
    return value < 0 ? nil : value
}

/// The named status codes libpcap's activation and settings return.
enum PcapStatus {
    static let error = PCAP_ERROR
    static let noSuchDevice = PCAP_ERROR_NO_SUCH_DEVICE
    static let permissionDenied = PCAP_ERROR_PERM_DENIED
    static let warning = PCAP_WARNING
    static let promiscuousNotSupported = PCAP_WARNING_PROMISC_NOTSUP
}

/// Runs `body` with a zeroed libpcap error buffer (`PCAP_ERRBUF_SIZE` bytes plus a spare NUL).
func withErrorBuffer<R>(_ body: (UnsafeMutablePointer<CChar>) -> R) -> R {
    let size = Int(PCAP_ERRBUF_SIZE) + 1
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: size) { buffer in
        buffer.initialize(repeating: 0)
        // The allocation is never empty, so the base address exists.
        return body(buffer.baseAddress.unsafelyUnwrapped)
    }
}

extension TimestampPrecision {
    /// `PCAP_TSTAMP_PRECISION_MICRO` / `_NANO`.
    var pcapValue: UInt32 {
        switch self {
        case .microseconds: return UInt32(PCAP_TSTAMP_PRECISION_MICRO)
        case .nanoseconds: return UInt32(PCAP_TSTAMP_PRECISION_NANO)
        }
    }
}

/// A libpcap error text, as an `Error` so that it can travel in a `Result`.
struct PcapMessage: Error { var text: String }

/// `pcap_findalldevs`, copied into Swift values.
func pcapInterfaces() -> Result<[Interface], PcapMessage> {
    var list: UnsafeMutablePointer<pcap_if_t>? = nil
    var failure = ""
    let status = withErrorBuffer { errbuf in
        let status = pcap_findalldevs(&list, errbuf)
        if status != 0 { failure = String(cString: errbuf) }
        return status
    }
    guard status == 0 else { return .failure(PcapMessage(text: failure)) }
    defer { if let list { pcap_freealldevs(list) } }
    var result: [Interface] = []
    var cursor = list
    while let entry = cursor {
        let device = entry.pointee
        result.append(
            Interface(
                name: device.name.map { String(cString: $0) } ?? "",
                summary: device.description.map { String(cString: $0) },
                flags: Interface.Flags(rawValue: device.flags)))
        cursor = device.next
    }
    return .success(result)
}

extension PcapHandle {
    /// The 24-byte pcap file header libpcap's `pcap_dump_open` writes for this handle (magic for its precision,
    /// version 2.4, snapshot length, LINKTYPE_ value with any FCS bits), obtained by letting libpcap write it
    /// into a memory stream; or libpcap's message (`stream: link-layer type 3145728 isn't supported in savefiles`).
    func savefileHeader() -> Result<[UInt8], PcapMessage> {
        var memory: UnsafeMutablePointer<CChar>? = nil
        var size = 0
        guard let stream = open_memstream(&memory, &size) else {
            return .failure(PcapMessage(text: "stream: \(String(cString: strerror(errno)))"))
        }
        guard let dumper = pcap_dump_fopen(raw, stream) else {
            fclose(stream)
            free(memory)
            return .failure(PcapMessage(text: lastError))
        }
        pcap_dump_close(dumper)  // flushes and closes the stream; memory and size are now final
        defer { free(memory) }
        guard let memory, size > 0 else { return .failure(PcapMessage(text: "stream: empty file header")) }
        return .success(Array(UnsafeRawBufferPointer(start: memory, count: size)))
    }
}
