import Capture
import Foundation
import Testing
import TestSupport

/// The project's own captures (`pcaps/`) printed with many option sets, compared with the local tcpdump.
@Suite("Printer: project captures")
struct PrinterProjectCaptureTests {
    /// Option sets from the issue (each run also gets `-# -n`, like tcpdump's own tests).
    static let optionSets: [[String]] = [
        [], ["-v"], ["-vv"], ["-vvv"], ["-e"], ["-e", "-v"], ["-q"], ["-e", "-q"], ["-t"], ["-tt"], ["-ttt"],
        ["-tttt"], ["-ttttt"], ["--nano"], ["-x"], ["-xx"], ["-X"], ["-XX"], ["-A"], ["-AA"], ["-S"],
        ["-K", "-v"], ["-x", "-A"], ["-X", "-x"],
    ]

    static func captures() -> [URL] {
        let dir = Corpus.repositoryRoot.appendingPathComponent("pcaps")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }.sorted()
            .map { dir.appendingPathComponent($0) }
    }

    @Test func projectCapturesMatchLocalTcpdump() {
        guard GoldenRun.tcpdumpPath != nil else {
            print("SKIP projectCapturesMatchLocalTcpdump: no tcpdump binary on this machine")
            return
        }
        let files = Self.captures()
        guard !files.isEmpty else {
            print("SKIP projectCapturesMatchLocalTcpdump: no captures in pcaps/")
            return
        }
        var same = 0
        var total = 0
        var perfect: [String] = []
        var runs = 0
        let showDiffs = ProcessInfo.processInfo.environment["PRINTER_DIFFS"] != nil
        for file in files {
            for options in Self.optionSets {
                let key = file.lastPathComponent + " " + options.joined(separator: " ")
                guard let want = GoldenRun.tcpdump(file, options), let got = GoldenRun.ours(file, options) else {
                    print("printer pcaps \(key): could not be read")
                    continue
                }
                runs += 1
                let r = GoldenRun.compare(want, got)
                same += r.same
                total += r.total
                if r.same == r.total { perfect.append(key) } else {
                    print("printer pcaps \(key): \(r.same)/\(r.total) lines identical")
                    if showDiffs, let d = r.firstDiff { print(d) }
                }
                #expect(r.same == r.total, "\(key): \(r.firstDiff ?? "")")
            }
        }
        print("printer pcaps: \(same)/\(total) lines identical over \(runs) runs; \(perfect.count) runs fully identical")
    }

    /// The committed `pcaps/printers-*.pcap` are exactly what `scripts/make-printer-pcaps.py` writes.
    @Test func printerCapturesMatchTheirGenerator() throws {
        guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else {
            print("SKIP printerCapturesMatchTheirGenerator: python3 is not installed")
            return
        }
        let script = Corpus.repositoryRoot.appendingPathComponent("scripts/make-printer-pcaps.py").path
        let output = try ProcessRunner.run(URL(fileURLWithPath: python), [script, "--check"], timeout: 120)
        print(output.stdoutText + output.stderrText, terminator: "")
        #expect(output.status == 0, "pcaps/printers-*.pcap differ from what scripts/make-printer-pcaps.py writes")
    }

    /// Without `-n`: service names, MAC names and OUIs, protocol keywords and (resolver-dependent) host names.
    @Test func namesWithoutDashNMatchLocalTcpdump() {
        guard GoldenRun.tcpdumpPath != nil else {
            print("SKIP namesWithoutDashNMatchLocalTcpdump: no tcpdump binary on this machine")
            return
        }
        // Captures whose addresses fail reverse lookup quickly here (others wait for DNS timeouts, in tcpdump too).
        let chosen: Set<String> = [
            "demo.pcap", "eth-arp.pcap", "printers-llc-stp.pcap", "printers-dhcp.pcap", "printers-ntp.pcap",
        ]
        var same = 0
        var total = 0
        for file in Self.captures() where chosen.contains(file.lastPathComponent) {
            let name = file.lastPathComponent
            let verbose = name.hasPrefix("printers-dhcp") || name.hasPrefix("printers-ntp")
            for options in (verbose ? [[], ["-e"], ["-v"]] : [[], ["-e"]]) as [[String]] {
                let key = file.lastPathComponent + " (no -n) " + options.joined(separator: " ")
                guard let want = GoldenRun.tcpdump(file, options, numeric: false),
                    let got = GoldenRun.ours(file, options, numeric: false)
                else { continue }
                let r = GoldenRun.compare(want, got)
                same += r.same
                total += r.total
                #expect(r.same == r.total, "\(key): \(r.firstDiff ?? "")")
            }
        }
        print("printer pcaps without -n: \(same)/\(total) lines identical")
    }
}
