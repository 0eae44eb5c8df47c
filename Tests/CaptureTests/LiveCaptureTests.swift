import BPFCore
import Capture
import FilterLang
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Why live tests cannot run here, or nil when they can (root, and `lo` opens).
let liveCaptureUnavailable: String? = {
    if geteuid() != 0 { return "live capture needs root (raw sockets); running as uid \(geteuid())" }
    do throws(CaptureError) {
        _ = try LiveCapture(device: "lo", options: .init(timeoutMilliseconds: 100))
        return nil
    } catch {
        return "cannot open lo: \(error.message)"
    }
}()

/// Sends `count` UDP datagrams to 127.0.0.1:`port` from an ephemeral port.
func sendUDP(to port: UInt16, count: Int, payload: String = "swiftdump live test") -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
    var ok = true
    for _ in 0..<count {
        let sent = payload.withCString { text in
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, text, strlen(text), 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        ok = ok && sent > 0
    }
    return ok
}

@Suite("Live capture on lo", .serialized)
struct LiveCaptureTests {
    @Test(.enabled(if: liveCaptureUnavailable == nil, "\(liveCaptureUnavailable ?? "")"))
    func kernelFilterDeliversOnlyMatchingUDP() throws {
        let port = UInt16(40000 + Int(getpid() % 10000))
        var capture = try LiveCapture(
            device: "lo", options: .init(timeoutMilliseconds: 100, immediateMode: true))
        #expect(capture.linkType == .en10mb)
        #expect(capture.snapshotLength == 262_144)
        // Our compiler, as swiftdump -i compiles for a live Linux handle; libpcap only installs the program.
        let compiler = FilterCompiler(linkType: capture.linkType, snaplen: UInt32(capture.snapshotLength),
                                      linuxVLANExtensions: true)
        let program = try compiler.compile("udp dst port \(port)")
        try capture.setFilter(program)
        // Traffic the filter must drop, then traffic it must keep.
        #expect(sendUDP(to: port &+ 1, count: 3))
        #expect(sendUDP(to: port, count: 3))
        var ports: [UInt16] = []
        var wireLengths: [UInt32] = []
        let deadline = Date().addingTimeInterval(5)
        while ports.count < 3 && Date() < deadline {
            switch try capture.nextEvent() {
            case .packet(let packet):
                // Ethernet (14) + IPv4 without options (20) + UDP source port (2) → destination port.
                let bytes = packet.bytes
                #expect(bytes.count >= 38)
                if bytes.count >= 38 {
                    ports.append(UInt16(bytes[36]) << 8 | UInt16(bytes[37]))
                }
                wireLengths.append(packet.header.wireLength)
            case .timeout: continue
            case .interrupted: Issue.record("interrupted without a breakLoop")
            }
        }
        #expect(ports == [port, port, port])
        #expect(wireLengths.allSatisfy { $0 == UInt32(14 + 20 + 8 + "swiftdump live test".utf8.count) })
        let statistics = try capture.statistics()
        #expect(statistics.received >= 3)
        #expect(statistics.dropped == 0)
        print("live capture on lo: \(ports.count) datagrams to port \(port) seen with our filter, 3 to port \(port &+ 1) filtered out; stats \(statistics)")
    }

    @Test(.enabled(if: liveCaptureUnavailable == nil, "\(liveCaptureUnavailable ?? "")"))
    func breakLoopAndSignalsInterrupt() throws {
        var capture = try LiveCapture(device: "lo", options: .init(timeoutMilliseconds: 100))
        capture.breakLoop()
        guard case .interrupted = try capture.nextEvent() else {
            Issue.record("breakLoop did not interrupt")
            return
        }
        CaptureSignals.install([SIGUSR2])
        capture.interruptOnSignals()
        _ = CaptureSignals.takePending()
        // Any thread of the process may take the signal; the handler records it and breaks the loop.
        kill(getpid(), SIGUSR2)
        var interrupted = false
        let deadline = Date().addingTimeInterval(5)
        while !interrupted && Date() < deadline {
            if case .interrupted = try capture.nextEvent() { interrupted = true }
        }
        #expect(interrupted)
        #expect(CaptureSignals.takePending() == [SIGUSR2])
        #expect(CaptureSignals.takePending().isEmpty)
    }

    @Test(.enabled(if: liveCaptureUnavailable == nil, "\(liveCaptureUnavailable ?? "")"))
    func loListsItsLinkTypesAndTimestampTypes() throws {
        let capture = try LiveCapture(device: "lo")
        #expect(try capture.supportedLinkTypes() == [.en10mb])
        try capture.setLinkType(.en10mb)
        try capture.setDirection(.inbound)
        #expect(try LiveCapture.timestampTypes(device: "lo").map(\.name) == ["host"])
    }

    @Test(.enabled(if: TcpdumpRunner.path != nil, "tcpdump is not installed"))
    func errorsMatchTcpdump() throws {
        let tcpdump = try TcpdumpRunner.run(["-i", "nosuchif", "-c", "1"])
        #expect(tcpdump.status == 1)
        #expect(throws: CaptureError(.openDevice, String(tcpdump.stderr.dropFirst("tcpdump: ".count).dropLast()))) {
            _ = try LiveCapture(device: "nosuchif")
        }
        #expect(throws: CaptureError(.configureDevice, "invalid time stamp type foo")) {
            _ = try LiveCapture(device: "lo", options: .init(timestampType: "foo"))
        }
    }

    @Test(.enabled(if: TcpdumpRunner.path != nil, "tcpdump is not installed"))
    func interfaceListingMatchesTcpdumpD() throws {
        let tcpdump = try TcpdumpRunner.run(["-D"])
        let theirs = String(decoding: tcpdump.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(try Interfaces.listing() == theirs)
        #expect(try Interfaces.all().contains { $0.name == "lo" && $0.flags.contains(.loopback) })
    }

    @Test func listingFormatsFlagsAsTcpdump() {
        #expect(Interface(name: "lo", summary: nil, flags: [.up, .running, .loopback, .connectionNotApplicable]).listing
                == "lo [Up, Running, Loopback]")
        #expect(Interface(name: "eth0", summary: nil, flags: [.up, .running, .connected]).listing
                == "eth0 [Up, Running, Connected]")
        #expect(Interface(name: "ifb0", summary: nil, flags: [.connectionNotApplicable]).listing == "ifb0 [none]")
        #expect(Interface(name: "wlan0", summary: "Wi-Fi", flags: [.wireless, .disconnected]).listing
                == "wlan0 (Wi-Fi) [Wireless, Not associated]")
        #expect(Interface(name: "x", summary: "d", flags: []).listing == "x (d)")
        #expect(Interface(name: "y", summary: nil, flags: [.up]).listing == "y [Up, Connection status unknown]")
    }
}
