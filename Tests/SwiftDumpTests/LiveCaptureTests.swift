import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Live capture on `lo`: swiftdump installs our compiled program as the kernel filter and prints what arrives.
@Suite("swiftdump live on lo")
struct LiveCaptureTests {
    /// Sends `count` UDP datagrams to 127.0.0.1:`port`, spaced out so the capture is already listening.
    static func sendUDP(port: UInt16, count: Int) {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        let payload = Array("swiftdump live test".utf8)
        for _ in 0..<count {
            _ = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    payload.withUnsafeBytes { bytes in
                        sendto(fd, bytes.baseAddress, bytes.count, 0, socketAddress,
                               socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
            }
            usleep(100_000)
        }
    }

    /// Starts swiftdump with stdout and stderr going to temporary files (a pipe could fill up and block it while
    /// other processes flood `lo`).
    static func start(_ binary: URL, _ arguments: [String]) throws -> (Process, URL, URL) {
        let directory = FileManager.default.temporaryDirectory
        let tag = "swiftdump-live-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let outURL = directory.appendingPathComponent(tag + ".out")
        let errURL = directory.appendingPathComponent(tag + ".err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        return (process, outURL, errURL)
    }

    /// Waits up to `seconds` for `process`, then terminates and finally kills it; returns stdout and stderr.
    static func finish(_ process: Process, _ outURL: URL, _ errURL: URL, within seconds: Double)
        -> (String, String)
    {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
        let killDeadline = Date().addingTimeInterval(3)
        while process.isRunning && Date() < killDeadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let stdout = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
        return (stdout, stderr)
    }

    @Test func capturesUDPOnLoopback() throws {
        guard let binary = ToolRunner.swiftdump else { return }
        let port = UInt16(40_000 + Int(getpid() % 20_000))
        let (process, outURL, errURL) = try Self.start(binary, ["-i", "lo", "-n", "-c", "3", "udp port \(port)"])
        // Keep sending until swiftdump has seen three packets or gave up.
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline {
            Self.sendUDP(port: port, count: 3)
        }
        let (stdout, stderr) = Self.finish(process, outURL, errURL, within: 1)
        if stderr.contains("not available yet") {
            print("SKIP: live capture test: \(stderr.split(separator: "\n").first ?? "")")
            return
        }
        if stderr.contains("Operation not permitted") || stderr.contains("permission") {
            print("SKIP: live capture on lo is not permitted here: \(stderr)")
            return
        }
        #expect(process.terminationStatus == 0, "stderr: \(stderr)")
        let lines = stdout.split(separator: "\n")
        #expect(lines.count == 3, "stdout: \(stdout)")
        for line in lines {
            #expect(line.contains("IP 127.0.0.1.") && line.contains("> 127.0.0.1.\(port): UDP, length 19"),
                    "\(line)")
        }
        #expect(stderr.contains("listening on lo, link-type EN10MB (Ethernet), snapshot length 262144 bytes"))
        #expect(stderr.contains("3 packets captured\n"))
        #expect(stderr.contains("received by filter\n"))
        #expect(stderr.contains("dropped by kernel\n"))
    }

    @Test func unfilteredCaptureStopsOnSIGINTWithStatistics() throws {
        guard let binary = ToolRunner.swiftdump else { return }
        let (process, outURL, errURL) = try Self.start(binary, ["-i", "lo", "-n"])
        Thread.sleep(forTimeInterval: 1.0)
        Self.sendUDP(port: 9, count: 2)
        process.interrupt()
        let (stdout, stderr) = Self.finish(process, outURL, errURL, within: 10)
        if stderr.contains("Operation not permitted") || stderr.contains("permission") {
            print("SKIP: live capture on lo is not permitted here: \(stderr)")
            return
        }
        #expect(process.terminationStatus == 0, "stderr: \(stderr)")
        #expect(stdout.contains("127.0.0.1.9: UDP, length 19"), "stdout: \(stdout)")
        #expect(stdout.hasSuffix("\n\n"), "an interrupted print loop ends with an extra newline, as tcpdump's")
        #expect(stderr.hasPrefix(
            "swiftdump: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on lo"))
        #expect(stderr.contains(" packets captured\n") || stderr.contains(" packet captured\n"))
    }

    /// `-Z nobody -w FILE` on a live capture: the file is opened as root in a directory only root may write to,
    /// given to `nobody`, and filled after root is given up; one packet gives the singular statistics line.
    @Test func relinquishesPrivilegesAfterOpeningDeviceAndFile() throws {
        guard let binary = ToolRunner.swiftdump else { return }
        guard getuid() == 0, let entry = getpwnam("nobody") else {
            print("SKIP: live -Z test needs root and a user 'nobody'")
            return
        }
        let directory = URL(fileURLWithPath: "/tmp/swiftdump-live-Z-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("live.pcap").path
        let port = UInt16(20_000 + Int(getpid() % 20_000))
        let (process, outURL, errURL) = try Self.start(
            binary, ["-Z", "nobody", "-i", "lo", "-c", "1", "-w", output, "udp port \(port)"])
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { Self.sendUDP(port: port, count: 1) }
        let (_, stderr) = Self.finish(process, outURL, errURL, within: 1)
        if stderr.contains("Operation not permitted") || stderr.contains("permission") {
            print("SKIP: live capture on lo is not permitted here: \(stderr)")
            return
        }
        #expect(process.terminationStatus == 0, "stderr: \(stderr)")
        #expect(stderr.contains("\n1 packet captured\n"), "stderr: \(stderr)")
        let owner = (try FileManager.default.attributesOfItem(atPath: output)[.ownerAccountID] as? NSNumber)?
            .uint32Value
        #expect(owner == entry.pointee.pw_uid)
        let count = try ToolRunner.swiftdump(["-r", output, "--count"])
        #expect(count.stdoutText == "1 packet\n", "\(count.stderrText)")
    }
}
