// Shared by the benchmark targets: where the repository and the shared corpus are, captures loaded into memory,
// and the generated filter expressions. Setup code only; nothing here runs inside a measured loop.
import BPFCore
import Capture
import Foundation

/// Paths the benchmarks read.
public enum BenchPaths {
    /// The repository root (this file is `Benchmarks/BenchSupport/BenchSupport.swift`).
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// `$SWIFTDUMP_SHARED`, or `shared/` beside the repository (as `Tests/TestSupport/Corpus.swift` finds it).
    public static let sharedRoot: URL = {
        if let env = ProcessInfo.processInfo.environment["SWIFTDUMP_SHARED"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    /// A file of the public corpus (`libpcap/golden-1.10.3.jsonl`, …).
    public static func corpus(_ relative: String) -> URL {
        sharedRoot.appendingPathComponent("corpus").appendingPathComponent(relative)
    }

    /// A capture in the repository's `pcaps/`.
    public static func pcap(_ name: String) -> URL {
        repositoryRoot.appendingPathComponent("pcaps").appendingPathComponent(name)
    }

    /// The captures (`.pcap`, `.pcapng`) in `pcaps/`, sorted by name.
    public static func captures() -> [URL] {
        let folder = repositoryRoot.appendingPathComponent("pcaps")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }.sorted().map {
            folder.appendingPathComponent($0)
        }
    }

    /// The Ethernet captures in `pcaps/`, sorted by name.
    public static func ethernetCaptures() -> [URL] {
        captures().filter { url in
            guard let reader = try? SavefileReader(path: url.path) else { return false }
            return reader.linkType == .en10mb
        }
    }
}

/// Packets held in memory for the whole run: one allocation holds every packet's bytes, so the measured loops
/// touch no file and allocate nothing. Never freed (a benchmark process ends after its run).
public final class PacketSet: @unchecked Sendable {
    /// The packets, in file order (pointers into one allocation).
    public let packets: [Packet]
    /// The link type of every packet.
    public let linkType: LinkType
    /// What the set was read from.
    public let sources: [String]

    /// Reads every packet of `files` (which must share one link type). Nil when a file cannot be read.
    public init?(files: [URL]) {
        var records: [(Timestamp, [UInt8], UInt32)] = []
        var link: LinkType?
        for file in files {
            guard var reader = try? SavefileReader(path: file.path, precision: .nanoseconds) else { return nil }
            if let link, link != reader.linkType { return nil }
            link = reader.linkType
            while let packet = try? reader.next() {
                records.append((packet.header.timestamp, Array(packet.bytes), packet.header.wireLength))
            }
        }
        guard let link, !records.isEmpty else { return nil }
        let total = records.reduce(0) { $0 + $1.1.count }
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(total, 1), alignment: 16)
        var offset = 0
        var packets: [Packet] = []
        packets.reserveCapacity(records.count)
        for (time, bytes, wire) in records {
            let slice = UnsafeMutableRawBufferPointer(rebasing: storage[offset..<(offset + bytes.count)])
            slice.copyBytes(from: bytes)
            packets.append(Packet(timestamp: time, bytes: UnsafeRawBufferPointer(slice), wireLength: wire))
            offset += bytes.count
        }
        self.packets = packets
        self.linkType = link
        self.sources = files.map(\.lastPathComponent)
    }

    /// Total captured bytes.
    public var byteCount: Int { packets.reduce(0) { $0 + $1.bytes.count } }

    /// A pcap savefile (microsecond, this host's byte order) holding `count` packets: the set's packets cycled,
    /// with timestamps 137 µs apart.
    public func savefile(count: Int) -> [UInt8] {
        var data: [UInt8] = []
        data.reserveCapacity(24 + count * 16 + count * (byteCount / max(packets.count, 1) + 1))
        func put(_ value: UInt32) { withUnsafeBytes(of: value) { data.append(contentsOf: $0) } }
        put(0xa1b2_c3d4)
        data.append(contentsOf: withUnsafeBytes(of: UInt16(2)) { Array($0) })
        data.append(contentsOf: withUnsafeBytes(of: UInt16(4)) { Array($0) })
        put(0); put(0); put(262_144); put(UInt32(bitPattern: linkType.rawValue))
        var micros: UInt64 = 1_700_000_000_000_000
        for index in 0..<count {
            let packet = packets[index % packets.count]
            micros += 137
            put(UInt32(truncatingIfNeeded: micros / 1_000_000)); put(UInt32(truncatingIfNeeded: micros % 1_000_000))
            put(UInt32(packet.bytes.count)); put(packet.header.wireLength)
            data.append(contentsOf: packet.bytes)
        }
        return data
    }
}

/// Generated filter expressions.
public enum Expressions {
    /// `host 10.0.0.0 or host 10.0.0.1 or …` with `count` terms.
    public static func hosts(_ count: Int) -> String {
        (0..<count).map { "host 10.\($0 / 65536 % 256).\($0 / 256 % 256).\($0 % 256)" }.joined(separator: " or ")
    }

    /// `port 1000 or port 1001 or …` with `count` terms.
    public static func ports(_ count: Int) -> String {
        (0..<count).map { "port \(1000 + $0)" }.joined(separator: " or ")
    }
}
