import BPFCore
import Capture
import Foundation
import TestSupport

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
    static var tcpdumpPath: String? { Tcpdump.url?.path }

    /// tcpdump's stdout for `-# -n -r file options` (TZ=GMT0), split in lines.
    static func tcpdump(_ file: URL, _ options: [String], numeric: Bool = true) -> [String]? {
        let arguments = ["-#"] + (numeric ? ["-n"] : []) + ["-r", file.path] + options
        guard let output = try? Tcpdump.run(arguments, environment: ["TZ": "GMT0"], timeout: 600) else { return nil }
        return lines(output.stdoutText)
    }

    /// The printer's output for the same file and options, split in lines.
    static func ours(_ file: URL, _ options: [String], numeric: Bool = true) -> [String]? {
        setenv("TZ", "GMT0", 1)
        let opts = TestOptions.parse(options + ["-#"] + (numeric ? ["-n"] : []))
        guard var reader = try? SavefileReader(
            path: file.path, precision: opts.nanosecondPrecision ? .nanoseconds : .microseconds)
        else { return nil }
        var printer = PacketPrinter(options: opts)
        var out = OutputBuffer()
        while let packet = try? reader.next() {
            printer.print(packet, linkType: reader.linkType, into: &out)
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
