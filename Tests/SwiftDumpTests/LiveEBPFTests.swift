import BPFCore
import Capture
import Foundation
import Testing
@testable import swiftdump

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

    /// The UDP destination port of an Ethernet/IPv4 frame, or nil.
    private static func udpDestinationPort(_ bytes: UnsafeRawBufferPointer) -> UInt16? {
        guard bytes.count > 14 + 20, bytes[12] == 0x08, bytes[13] == 0x00, bytes[14 + 9] == 17 else { return nil }
        let udp = 14 + Int(bytes[14] & 0x0f) * 4
        guard bytes.count >= udp + 4 else { return nil }
        return UInt16(bytes[udp + 2]) << 8 | UInt16(bytes[udp + 3])
    }

    /// In process: frames queued before the attach reach the socket unfiltered, and `LiveEBPFFilter` rejects
    /// them in userland; after the attach the kernel's eBPF program keeps the non-matching ones out.
    @Test func framesQueuedBeforeTheAttachAreFilteredInUserland() throws {
        guard geteuid() == 0 else {
            print("SKIP: --ebpf live capture needs root (bpf(2) and AF_PACKET); euid is \(geteuid())")
            return
        }
        let port = UInt16(20_000 + Int((getpid() &+ 7) % 20_000))
        var capture = try LiveCapture(device: "lo", options: .init(timeoutMilliseconds: 100))
        LiveCaptureTests.sendUDP(port: port &+ 1, count: 3)  // queued with no filter on the socket
        let context = CompileContext(
            linkType: capture.linkType, snaplen: capture.snapshotLength, optimize: true, liveDevice: true)
        let program = try FilterFrontEnd.compile("udp port \(port)", context: context)
        let attached: (filter: LiveEBPFFilter, loaded: AnyObject)
        do {
            let result = try LiveEBPFFilter.attach(program, to: capture, options: Options())
            attached = (result.filter, result.loaded)
        } catch {
            if error.stderr.contains("not permitted") {
                print("SKIP: bpf(2) is not permitted here: \(error.stderr)")
                return
            }
            throw error
        }
        LiveCaptureTests.sendUDP(port: port &+ 1, count: 3)  // the kernel's eBPF program drops these
        LiveCaptureTests.sendUDP(port: port, count: 3)
        var deliveredOther = 0
        var acceptedOther = 0
        var acceptedMatching = 0
        var rejectedMatching = 0
        let deadline = Date().addingTimeInterval(5)
        reading: while Date() < deadline && acceptedMatching + rejectedMatching < 3 {
            switch try capture.nextEvent() {
            case .packet(let packet):
                let destination = Self.udpDestinationPort(packet.bytes)
                let accepted = attached.filter.accepts(packet)
                if destination == port {
                    if accepted { acceptedMatching += 1 } else { rejectedMatching += 1 }
                } else if destination == port &+ 1 {
                    deliveredOther += 1
                    if accepted { acceptedOther += 1 }
                }
            case .timeout: continue
            case .interrupted: break reading
            }
        }
        #expect(acceptedMatching == 3 && rejectedMatching == 0)
        #expect(acceptedOther == 0, "a non-matching frame passed the userland check")
        #expect(deliveredOther == 3,
                "expected exactly the 3 frames queued before the attach to reach the socket, got \(deliveredOther)")
        withExtendedLifetime(attached.loaded) {}
    }

    @Test func kernelFlavorCannotBeAttached() throws {
        let run = try ToolRunner.swiftdump(["-i", "lo", "--ebpf", "--ebpf-flavor", "kernel", "udp"])
        #expect(run.status == 1)
        #expect(run.stderrText.hasPrefix("swiftdump: --ebpf-flavor kernel cannot be attached to a capture socket"),
                "\(run.stderrText)")
        #expect(run.stdout.isEmpty)
    }
}
