// The pcap record writer behind SavefileWriter and RotatingSavefileWriter: libpcap supplies the file header
// (so it is byte-for-byte the one tcpdump writes), then records are laid out here in a 1 MiB buffer and written
// with write(2) in whole records only, so a capture stopped at any moment leaves a readable file.
#if canImport(Glibc)
import Glibc
#endif

/// Owns an output file and its record buffer.
struct SavefileOutput: ~Copyable {
    private struct State {
        /// Bytes waiting in the buffer.
        var used: Int
        /// Bytes already handed to the file.
        var flushed: Int64
        /// A write that failed while the buffer was emptied to make room; reported by the next flush.
        var failure: CaptureError?
    }

    private let file: FileOutput
    private let buffer: UnsafeMutableRawPointer
    private let state: UnsafeMutablePointer<State>
    /// The unit the records' sub-second field is written in (the file header's magic says which).
    let precision: TimestampPrecision
    /// The buffer size: records are written out when the next one would not fit.
    private static let capacity = 1 << 20

    /// The file header libpcap's `pcap_dump_open` would write for `source`. Errors carry tcpdump's text, naming
    /// `path`: `out.pcap: link-layer type 3145728 isn't supported in savefiles`.
    static func header(path: String, source: borrowing PcapHandle) throws(CaptureError) -> [UInt8] {
        switch source.savefileHeader() {
        case .success(let bytes): return bytes
        case .failure(let message):
            // libpcap names a stream "stream"; tcpdump's pcap_dump_open names the path.
            let prefix = "stream: "
            let text = message.text.hasPrefix(prefix) ? "\(path): " + message.text.dropFirst(prefix.count) : message.text
            throw CaptureError(.writeFile, text)
        }
    }

    /// Writes the header libpcap's `pcap_dump_open` would write for `source` into `path` (standard output for
    /// `-`). Errors carry tcpdump's texts: `out.pcap: No such file or directory`,
    /// `out.pcap: link-layer type 3145728 isn't supported in savefiles`.
    init(path: String, source: borrowing PcapHandle) throws(CaptureError) {
        let header = try Self.header(path: path, source: source)
        try self.init(path: path, header: header, precision: source.precision)
    }

    /// Creates `path` (standard output for `-`) starting with `header`, for records of `precision`.
    init(path: String, header: [UInt8], precision: TimestampPrecision) throws(CaptureError) {
        self.file = try FileOutput(path: path)
        self.precision = precision
        buffer = UnsafeMutableRawPointer.allocate(byteCount: Self.capacity, alignment: 16)
        state = UnsafeMutablePointer<State>.allocate(capacity: 1)
        state.initialize(to: State(used: 0, flushed: 0, failure: nil))
        header.withUnsafeBytes { bytes in
            if let base = bytes.baseAddress {
                buffer.copyMemory(from: base, byteCount: min(bytes.count, Self.capacity))
            }
        }
        state.pointee.used = min(header.count, Self.capacity)
    }

    deinit {
        _ = try? flush()
        buffer.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Appends one record (16-byte header in host byte order, then the captured bytes). No allocation.
    func write(_ packet: Packet) {
        let captured = packet.bytes.count
        let needed = 16 + captured
        if state.pointee.used + needed > Self.capacity {
            // A failed write is kept and reported by the next explicit flush.
            do { try flush() } catch { state.pointee.failure = state.pointee.failure ?? error }
        }
        let seconds = UInt32(truncatingIfNeeded: packet.header.timestamp.seconds)
        let fraction = packet.fraction(in: precision)
        if needed > Self.capacity {
            // Larger than the buffer (not possible with libpcap's 262144-byte limit): write it straight out.
            var head: (UInt32, UInt32, UInt32, UInt32) =
                (seconds, fraction, UInt32(truncatingIfNeeded: captured), packet.header.wireLength)
            do {
                try withUnsafeBytes(of: &head) { (bytes) throws(CaptureError) in try file.write(bytes) }
                try file.write(packet.bytes)
                state.pointee.flushed += Int64(needed)
            } catch {
                state.pointee.failure = state.pointee.failure ?? error
            }
            return
        }
        let at = buffer + state.pointee.used
        at.storeBytes(of: seconds, as: UInt32.self)
        (at + 4).storeBytes(of: fraction, as: UInt32.self)
        (at + 8).storeBytes(of: UInt32(truncatingIfNeeded: captured), as: UInt32.self)
        (at + 12).storeBytes(of: packet.header.wireLength, as: UInt32.self)
        if let source = packet.bytes.baseAddress, captured > 0 {
            (at + 16).copyMemory(from: source, byteCount: captured)
        }
        state.pointee.used += needed
    }

    /// Writes the buffered records to the file.
    /// - Throws: ``CaptureError`` of kind `.writeFile` (`out.pcap: No space left on device`).
    func flush() throws(CaptureError) {
        if let failure = state.pointee.failure {
            state.pointee.failure = nil
            throw failure
        }
        let used = state.pointee.used
        guard used > 0 else { return }
        state.pointee.used = 0
        try file.write(UnsafeRawBufferPointer(start: buffer, count: used))
        state.pointee.flushed += Int64(used)
    }

    /// Gives the file to `user` and `group` (see ``FileOutput/changeOwner(user:group:)``).
    func changeOwner(user: UInt32, group: UInt32) { file.changeOwner(user: user, group: group) }

    /// Bytes written so far, buffered ones included, file header too (what `-C` compares with its limit).
    var position: Int64 { state.pointee.flushed + Int64(state.pointee.used) }
}
