import BPFCore
import Capture
import Foundation
import TestSupport

/// One packet of a capture file, as the printer tests need it.
struct TestPacket {
    var header: PacketHeader
    var bytes: [UInt8]
}

/// A minimal pcap/pcapng reader for the printer tests (test-only; the product reader belongs to the capture
/// engineer). Returns nil for anything it does not understand.
enum TestCaptureFile {
    static func read(_ url: URL) -> (linkType: LinkType, nano: Bool, packets: [TestPacket])? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        let b = [UInt8](data)
        guard b.count >= 4 else { return nil }
        func u32(_ o: Int, _ le: Bool) -> UInt32? {
            guard o >= 0, o + 4 <= b.count else { return nil }
            let v = UInt32(b[o]) | UInt32(b[o + 1]) << 8 | UInt32(b[o + 2]) << 16 | UInt32(b[o + 3]) << 24
            return le ? v : v.byteSwapped
        }
        func u16(_ o: Int, _ le: Bool) -> UInt16? {
            guard o >= 0, o + 2 <= b.count else { return nil }
            let v = UInt16(b[o]) | UInt16(b[o + 1]) << 8
            return le ? v : v.byteSwapped
        }
        guard let magicLE = u32(0, true) else { return nil }
        if magicLE == 0x0a0d_0d0a { return readNG(b, u32: u32, u16: u16) }
        let le: Bool
        var nano = false
        switch magicLE {
        case 0xa1b2_c3d4: le = true
        case 0xa1b2_3c4d: le = true; nano = true
        case 0xd4c3_b2a1: le = false
        case 0x4d3c_b2a1: le = false; nano = true
        default: return nil
        }
        guard let lt = u32(20, le) else { return nil }
        var packets: [TestPacket] = []
        var off = 24
        while off + 16 <= b.count {
            guard let sec = u32(off, le), let frac = u32(off + 4, le), let cap = u32(off + 8, le),
                let len = u32(off + 12, le)
            else { break }
            let start = off + 16
            let end = start + Int(cap)
            guard end <= b.count else { break }
            let ns = nano ? frac : frac &* 1000
            packets.append(TestPacket(
                header: PacketHeader(timestamp: Timestamp(seconds: Int64(Int32(bitPattern: sec)), nanoseconds: ns),
                                     captureLength: cap, wireLength: len),
                bytes: Array(b[start..<end])))
            off = end
        }
        return (LinkType(rawValue: Int32(lt & 0x0fff_ffff)), nano, packets)
    }

    private static func readNG(_ b: [UInt8], u32: (Int, Bool) -> UInt32?, u16: (Int, Bool) -> UInt16?)
        -> (linkType: LinkType, nano: Bool, packets: [TestPacket])?
    {
        var off = 0
        var le = true
        var linkType: LinkType?
        var resolution: UInt64 = 1_000_000
        var packets: [TestPacket] = []
        while off + 12 <= b.count {
            guard let type = u32(off, le) else { break }
            if type == 0x0a0d_0d0a {
                guard let bom = u32(off + 8, true) else { break }
                le = bom == 0x1a2b_3c4d
            }
            guard let length = u32(off + 4, le), length >= 12, off + Int(length) <= b.count else { break }
            let body = off + 8
            switch type {
            case 1:
                if linkType == nil, let lt = u16(body, le) { linkType = LinkType(rawValue: Int32(lt)) }
                var o = body + 8
                while o + 4 <= off + Int(length) - 4 {
                    guard let code = u16(o, le), let olen = u16(o + 2, le) else { break }
                    if code == 0 { break }
                    if code == 9 && olen >= 1 {
                        let v = b[o + 4]
                        resolution = v & 0x80 != 0 ? UInt64(1) << UInt64(v & 0x7f) : UInt64(pow(10.0, Double(v)))
                    }
                    o += 4 + (Int(olen) + 3) & ~3
                }
            case 6:
                guard let hi = u32(body + 4, le), let lo = u32(body + 8, le), let cap = u32(body + 12, le),
                    let len = u32(body + 16, le)
                else { break }
                let ts = UInt64(hi) << 32 | UInt64(lo)
                let start = body + 20
                guard start + Int(cap) <= b.count else { break }
                let secs = ts / resolution
                let ns = (ts % resolution) * 1_000_000_000 / resolution
                packets.append(TestPacket(
                    header: PacketHeader(timestamp: Timestamp(seconds: Int64(secs), nanoseconds: UInt32(ns)),
                                         captureLength: cap, wireLength: len),
                    bytes: Array(b[start..<(start + Int(cap))])))
            default: break
            }
            off += Int(length)
        }
        return (linkType ?? .en10mb, false, packets)
    }
}

/// Turns tcpdump option words (`-vv -e -X --nano`) into ``PrintOptions``; test-only (the CLI has the real parser).
enum TestOptions {
    static func parse(_ words: [String]) -> PrintOptions {
        var o = PrintOptions()
        var tcount = 0
        for w in words {
            if w == "--nano" { o.nanosecondPrecision = true; continue }
            if w == "--micro" { continue }
            guard w.hasPrefix("-"), !w.hasPrefix("--") else { continue }
            for c in w.dropFirst() {
                switch c {
                case "v": o.verbose += 1
                case "e": o.linkHeader = true
                case "q": o.quiet += 1
                case "t": tcount += 1
                case "x": o.hex += 1
                case "X": o.hexAndASCII += 1
                case "A": o.ascii += 1
                case "K": o.noChecksums = true
                case "S": o.absoluteSequence = true
                case "n": o.numeric += 1
                case "#": o.numbered = true
                default: break
                }
            }
        }
        o.timestamps = TimestampStyle(rawValue: min(tcount, 5)) ?? .time
        return o
    }
}

/// Runs the local tcpdump and the printer over the same file and compares line by line.
enum GoldenRun {
    static let tcpdumpPath: String? = {
        for p in ["/usr/bin/tcpdump", "/usr/sbin/tcpdump", "/bin/tcpdump"]
        where FileManager.default.isExecutableFile(atPath: p) { return p }
        return nil
    }()

    /// tcpdump's stdout for `-# -n -r file options` (TZ=GMT0), split in lines.
    static func tcpdump(_ file: URL, _ options: [String]) -> [String]? {
        guard let path = tcpdumpPath else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = ["-#", "-n", "-r", file.path] + options
        var env = ProcessInfo.processInfo.environment
        env["TZ"] = "GMT0"
        p.environment = env
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return lines(String(decoding: data, as: UTF8.self))
    }

    /// The printer's output for the same file and options, split in lines.
    static func ours(_ file: URL, _ options: [String]) -> [String]? {
        setenv("TZ", "GMT0", 1)
        guard let capture = TestCaptureFile.read(file) else { return nil }
        var opts = TestOptions.parse(options + ["-#", "-n"])
        if capture.nano && !options.contains("--micro") && opts.nanosecondPrecision == false {
            opts.nanosecondPrecision = false
        }
        var printer = PacketPrinter(options: opts)
        var out = OutputBuffer()
        for packet in capture.packets {
            packet.bytes.withUnsafeBytes { raw in
                printer.print(packet.header, raw, linkType: capture.linkType, into: &out)
            }
        }
        return lines(out.text)
    }

    static func lines(_ s: String) -> [String] {
        var l = s.components(separatedBy: "\n")
        if l.last == "" { l.removeLast() }
        return l
    }

    /// (identical lines, total expected lines, first differing pair).
    static func compare(_ expected: [String], _ actual: [String]) -> (same: Int, total: Int, firstDiff: String?) {
        var same = 0
        var first: String?
        for i in 0..<max(expected.count, actual.count) {
            let e = i < expected.count ? expected[i] : "<none>"
            let a = i < actual.count ? actual[i] : "<none>"
            if e == a { same += 1 } else if first == nil { first = "line \(i + 1):\n  want: \(e)\n  got:  \(a)" }
        }
        return (same, max(expected.count, actual.count), first)
    }
}
