// libpcap's savefile writer (`pcap_dumper_t`). With PcapHandle.swift, the only code of `Capture` that calls libpcap.
import CPcap

#if canImport(Glibc)
import Glibc
#endif

/// Owns one `pcap_dumper_t` and closes it exactly once.
struct PcapDumper: ~Copyable {
    private let raw: OpaquePointer
    /// The unit the records' sub-second field is written in (the file header's magic says which).
    let precision: TimestampPrecision

    /// `pcap_dump_open`: creates `path` (or uses standard output for `-`) and writes the file header that
    /// `source` describes: its link type (as a LINKTYPE_ value, with any FCS bits), snapshot length and
    /// timestamp precision.
    init(path: String, source: borrowing PcapHandle) throws(CaptureError) {
        guard let raw = pcap_dump_open(source.raw, path) else {
            throw CaptureError(.writeFile, source.lastError)
        }
        self.raw = raw
        self.precision = source.precision
    }

    deinit { pcap_dump_close(raw) }

    /// `pcap_dump`: appends one record. Buffered; errors surface at ``flush()``.
    func write(_ packet: Packet) {
        var header = pcap_pkthdr()
        header.ts.tv_sec = Int(truncatingIfNeeded: packet.header.timestamp.seconds)
        header.ts.tv_usec = Int(packet.fraction(in: precision))
        // Never let libpcap read past the bytes we hold, whatever the header claims.
        header.caplen = min(packet.header.captureLength, UInt32(truncatingIfNeeded: packet.bytes.count))
        header.len = packet.header.wireLength
        guard let base = packet.bytes.baseAddress else {
            var nothing: UInt8 = 0
            header.caplen = 0
            pcap_dump(UnsafeMutablePointer<UInt8>(raw), &header, &nothing)
            return
        }
        pcap_dump(UnsafeMutablePointer<UInt8>(raw), &header, base.assumingMemoryBound(to: UInt8.self))
    }

    /// `pcap_dump_flush`, then the stream's error flag: nil when everything written so far reached the file,
    /// else the system's reason.
    func flush() -> String? {
        let failed = pcap_dump_flush(raw) != 0
        let code = errno
        if failed || ferror(pcap_dump_file(raw)) != 0 {
            return String(cString: strerror(code == 0 ? EIO : code))
        }
        return nil
    }

    /// `pcap_dump_ftell64`: bytes written to the file so far, including the file header.
    var position: Int64 { pcap_dump_ftell64(raw) }
}
