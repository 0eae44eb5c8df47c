import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `swiftdump -i lo --ebpf`: the loadable eBPF translation attached to the capture socket filters live traffic
/// and prints exactly what the classic kernel filter prints.
@Suite("swiftdump live on lo with --ebpf")
struct LiveEBPFTests {
    /// The eBPF programs `pid` holds open, as `prog_type` values from /proc (1 = SOCKET_FILTER).
    private static func programTypes(of pid: Int32) -> [Int] {
        let directory = "/proc/\(pid)/fd"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var types: [Int] = []
        for entry in entries {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: directory + "/" + entry),
                target.contains("bpf-prog"),
                let info = try? String(contentsOfFile: "/proc/\(pid)/fdinfo/\(entry)", encoding: .utf8)
            else { continue }
            for line in info.split(separator: "\n") where line.hasPrefix("prog_type:") {
                if let value = Int(line.dropFirst("prog_type:".count).trimmingCharacters(in: .whitespaces)) {
                    types.append(value)
                }
            }
        }
        return types
    }

    /// Waits up to `seconds` for `condition`; returns whether it held.
    private static func wait(_ seconds: Double, for condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition()
    }

    private static func banner(_ url: URL) -> Bool {
        ((try? String(contentsOf: url, encoding: .utf8)) ?? "").contains("listening on lo")
    }

    @Test func ebpfFilterPrintsWhatTheClassicFilterPrints() throws {
        guard let binary = ToolRunner.swiftdump else { return }
        guard geteuid() == 0 else {
            print("SKIP: --ebpf live capture needs root (bpf(2) and AF_PACKET); euid is \(geteuid())")
            return
        }
        let port = UInt16(20_000 + Int(getpid() % 20_000))
        let filter = "udp port \(port)"
        let (ebpf, ebpfOut, ebpfErr) = try LiveCaptureTests.start(
            binary, ["-i", "lo", "--ebpf", "-t", "-n", "-c", "3", filter])
        let (classic, classicOut, classicErr) = try LiveCaptureTests.start(
            binary, ["-i", "lo", "-t", "-n", "-c", "3", filter])
        // Both print their banner once their filter is installed; only then is the traffic comparable.
        let ready = Self.wait(20) { Self.banner(ebpfErr) && Self.banner(classicErr) || !ebpf.isRunning }
        let attachedTypes = Self.programTypes(of: ebpf.processIdentifier)
        let deadline = Date().addingTimeInterval(20)
        while ready && (ebpf.isRunning || classic.isRunning) && Date() < deadline {
            LiveCaptureTests.sendUDP(port: port &+ 1, count: 1)  // never matches
            LiveCaptureTests.sendUDP(port: port, count: 1)
        }
        let (stdout, stderr) = LiveCaptureTests.finish(ebpf, ebpfOut, ebpfErr, within: 1)
        let (classicStdout, classicStderr) = LiveCaptureTests.finish(classic, classicOut, classicErr, within: 1)
        if stderr.contains("Operation not permitted") || stderr.contains("permission") {
            print("SKIP: --ebpf live capture on lo is not permitted here: \(stderr)")
            return
        }
        #expect(ready, "swiftdump did not start listening: \(stderr) / \(classicStderr)")
        #expect(ebpf.terminationStatus == 0, "stderr: \(stderr)")
        #expect(attachedTypes.contains(1), "no SOCKET_FILTER program open in swiftdump --ebpf: \(attachedTypes)")
        let lines = stdout.split(separator: "\n")
        #expect(lines.count == 3, "stdout: \(stdout)")
        for line in lines {
            #expect(line.hasPrefix("IP 127.0.0.1.") && line.hasSuffix("> 127.0.0.1.\(port): UDP, length 19"),
                    "\(line)")
        }
        #expect(stdout == classicStdout, "classic filter printed:\n\(classicStdout)")
        #expect(stderr.contains("listening on lo, link-type EN10MB (Ethernet), snapshot length 262144 bytes"))
        #expect(stderr.contains("3 packets captured\n"))
    }

    @Test func kernelFlavorCannotBeAttached() throws {
        let run = try ToolRunner.swiftdump(["-i", "lo", "--ebpf", "--ebpf-flavor", "kernel", "udp"])
        #expect(run.status == 1)
        #expect(run.stderrText.hasPrefix("swiftdump: --ebpf-flavor kernel cannot be attached to a capture socket"),
                "\(run.stderrText)")
        #expect(run.stdout.isEmpty)
    }
}
