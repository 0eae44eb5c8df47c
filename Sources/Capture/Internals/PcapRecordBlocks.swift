// The fast path of SavefileReader: the records of a plain pcap file read straight from the file in 1 MiB blocks,
// one read(2) per block instead of libpcap's two stdio reads per record. It delivers exactly what libpcap would
// for the records it accepts; at the first record it does not take on (see `Step.handOver`), SavefileReader
// switches to libpcap, which then reports that record and everything after it as tcpdump does.
#if canImport(Glibc)
import Glibc
#endif
import BPFCore

/// Reads the records of a pcap savefile (version 2.4, this machine's byte order, 16-byte record headers) from a
/// regular file.
///
/// It takes on only files where libpcap leaves records untouched (no byte-swapped pseudo-headers, no USB length
/// fix-up), and only records whose captured length is at most both the file's snapshot length and 262144 and
/// whose bytes are all present. Timestamps are scaled between microseconds and nanoseconds as libpcap scales them.
struct PcapRecordBlocks: ~Copyable {
    /// Where the reader stands.
    enum State {
        /// Not in use: libpcap reads the file (or has taken over).
        case inactive
        /// Delivering records.
        case reading
        /// The file ended at a record boundary.
        case ended
        /// A record this reader does not take on (or a read error): libpcap must read from that record on.
        case handOver
    }

    private enum Scale { case none, up, down }

    private(set) var state: State
    private var descriptor: Int32 = -1
    private var buffer: UnsafeMutableRawPointer?
    /// First unread byte in `buffer`.
    private var start = 0
    /// End of the valid bytes in `buffer`.
    private var end = 0
    /// True once read(2) returned 0.
    private var exhausted = false
    private var scale = Scale.none
    private var precision = TimestampPrecision.microseconds
    /// The largest captured length taken on: min(snapshot length, 262144).
    private var largest: UInt32 = 0
    /// Records delivered so far (libpcap skips this many when it takes over).
    private(set) var delivered = 0

    /// Block size; larger than the biggest record taken on (16 + 262144 bytes).
    private static let capacity = 1 << 20
    private static let microMagic: UInt32 = 0xa1b2_c3d4
    private static let nanoMagic: UInt32 = 0xa1b2_3c4d
    private static let usbLinuxMemoryMapped: Int32 = 220

    /// A reader that is not in use.
    init() { state = .inactive }

    /// Opens `path` for the fast path; the reader stays inactive when libpcap must read the file: not a regular
    /// file, not a pcap 2.4 file in this machine's byte order, or a link type libpcap fixes up. `snapshotLength`
    /// is libpcap's (adjusted) value from the same header; `libpcapDescriptor` is the descriptor libpcap reads
    /// from, which must be the same file.
    init(path: String, precision: TimestampPrecision, snapshotLength: Int, linkType: LinkType,
         libpcapDescriptor: Int32) {
        state = .inactive
        guard path != "-", linkType.rawValue != Self.usbLinuxMemoryMapped, snapshotLength > 0 else { return }
        // Only a regular file: a pipe or FIFO (`/dev/fd/63`, `/dev/stdin`) opened again is the stream libpcap
        // reads (reading its header here would take bytes away from libpcap), and opening a FIFO whose writer has
        // gone would block; so look before opening, and check again what was opened.
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        var theirs = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG,
            fstat(libpcapDescriptor, &theirs) == 0, theirs.st_dev == status.st_dev, theirs.st_ino == status.st_ino
        else {
            close(descriptor)
            return
        }
        var header: (UInt32, UInt16, UInt16, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0, 0, 0)
        let headerRead = withUnsafeMutableBytes(of: &header) { read(descriptor, $0.baseAddress, 24) }
        guard headerRead == 24, header.0 == Self.microMagic || header.0 == Self.nanoMagic, header.1 == 2,
            header.2 == 4
        else {
            close(descriptor)
            return
        }
        switch (header.0 == Self.nanoMagic, precision) {
        case (false, .microseconds), (true, .nanoseconds): scale = .none
        case (false, .nanoseconds): scale = .up
        case (true, .microseconds): scale = .down
        }
        self.descriptor = descriptor
        self.precision = precision
        largest = UInt32(min(snapshotLength, 262_144))
        buffer = UnsafeMutableRawPointer.allocate(byteCount: Self.capacity, alignment: 16)
        state = .reading
    }

    deinit { release() }

    /// Closes the file and frees the buffer; the reader becomes inactive.
    mutating func deactivate() {
        release()
        descriptor = -1
        buffer = nil
        state = .inactive
    }

    private func release() {
        if descriptor >= 0 { close(descriptor) }
        buffer?.deallocate()
    }

    /// The next record, or nil when the reader is not `reading` any more (see ``state``). No allocation.
    @inline(__always)
    mutating func next() -> Packet? {
        guard state == .reading, let buffer else { return nil }
        if end &- start < 16 {
            guard fill(16, buffer) else {
                state = end == start ? .ended : .handOver
                return nil
            }
        }
        let at = buffer + start
        let captured = at.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
        guard captured <= largest else {
            state = .handOver
            return nil
        }
        let size = 16 &+ Int(captured)
        if end &- start < size {
            guard fill(size, buffer) else {
                state = .handOver
                return nil
            }
        }
        let record = buffer + start
        start &+= size
        delivered &+= 1
        let rawFraction = record.loadUnaligned(fromByteOffset: 4, as: UInt32.self)
        // libpcap's record header holds signed 32-bit fields, widened with their sign.
        let fraction: UInt32
        switch scale {
        case .none: fraction = rawFraction
        case .up: fraction = UInt32(truncatingIfNeeded: Int64(Int32(bitPattern: rawFraction)) &* 1000)
        case .down: fraction = UInt32(truncatingIfNeeded: Int64(Int32(bitPattern: rawFraction)) / 1000)
        }
        return Packet(
            seconds: Int64(Int32(bitPattern: record.loadUnaligned(as: UInt32.self))), fraction: fraction,
            precision: precision, captureLength: captured,
            wireLength: record.loadUnaligned(fromByteOffset: 12, as: UInt32.self),
            bytes: UnsafeRawBufferPointer(start: record + 16, count: Int(captured)))
    }

    /// Makes at least `count` unread bytes available (count ≤ capacity), moving the unread tail to the front and
    /// reading more. False when the file ends first or a read fails.
    private mutating func fill(_ count: Int, _ buffer: UnsafeMutableRawPointer) -> Bool {
        if start > 0 {
            let pending = end - start
            if pending > 0 { buffer.copyMemory(from: buffer + start, byteCount: pending) }
            start = 0
            end = pending
        }
        while end < count {
            guard !exhausted else { return false }
            let got = read(descriptor, buffer + end, Self.capacity - end)
            if got < 0 {
                if errno == EINTR { continue }
                return false
            }
            if got == 0 {
                exhausted = true
                return false
            }
            end += got
        }
        return true
    }
}
