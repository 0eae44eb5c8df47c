import BPFCore
import Foundation
import PcapOracle
import Testing
import cbpf2ebpf
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The loadable translation attached with SO_ATTACH_BPF to an AF_PACKET socket on `lo` lets exactly the
/// frames the classic filter selects through.
struct LiveAttachTests {
    @Test func attachedTranslationFiltersLoopbackTraffic() throws {
        if let reason = KernelBridge.unavailabilityReason() {
            print("skipping live attach: \(reason)")
            return
        }
        let ethAll = UInt16(0x0003)
        let packetSocket = socket(AF_PACKET, Int32(SOCK_RAW.rawValue), Int32(ethAll.bigEndian))
        guard packetSocket >= 0 else {
            print("skipping live attach: AF_PACKET socket refused: \(String(cString: strerror(errno)))")
            return
        }
        defer { close(packetSocket) }
        // struct sockaddr_ll: family, protocol (BE), ifindex, hatype, pkttype, halen, addr[8].
        var address = [UInt8](repeating: 0, count: 20)
        let family = UInt16(AF_PACKET)
        address[0] = UInt8(family & 0xff); address[1] = UInt8(family >> 8)
        address[2] = UInt8(ethAll >> 8); address[3] = UInt8(ethAll & 0xff)
        let lo = Int32(if_nametoindex("lo"))
        withUnsafeBytes(of: lo) { for (i, b) in $0.enumerated() { address[4 + i] = b } }
        let bound = address.withUnsafeBytes {
            bind(packetSocket, $0.baseAddress?.assumingMemoryBound(to: sockaddr.self), 20)
        }
        try #require(bound == 0, "bind to lo: \(String(cString: strerror(errno)))")

        let port: UInt16 = 45_678
        let classic = try PcapOracle.compile("udp dst port \(port)", linkType: .en10mb, optimize: true).get()
        try KernelBridge.attachLoadableTranslation(of: classic, toSocket: packetSocket)
        // Drop whatever arrived between bind and attach.
        var scratch = [UInt8](repeating: 0, count: 65_536)
        while recv(packetSocket, &scratch, scratch.count, Int32(MSG_DONTWAIT)) > 0 {}
        var timeout = timeval(tv_sec: 0, tv_usec: 300_000)
        setsockopt(packetSocket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        // Send one datagram the filter refuses, then one it accepts.
        let sender = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(sender) }
        for (destination, marker) in [(port + 1, "swiftdump-reject"), (port, "swiftdump-accept")] {
            var to = sockaddr_in()
            to.sin_family = sa_family_t(AF_INET)
            to.sin_port = destination.bigEndian
            to.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
            let payload = Array(marker.utf8)
            _ = withUnsafePointer(to: &to) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(sender, payload, payload.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        var frames: [[UInt8]] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while frames.count < 16 {
            let n = recv(packetSocket, &buffer, buffer.count, 0)
            if n <= 0 { break }
            frames.append(Array(buffer[0..<n]))
        }
        let text = frames.map { String(decoding: $0, as: UTF8.self) }
        #expect(text.contains { $0.contains("swiftdump-accept") }, "the matching datagram was delivered")
        #expect(!text.contains { $0.contains("swiftdump-reject") }, "the other datagram was filtered out")
        for frame in frames {
            // Ethernet + IPv4 (ihl 5) + UDP: destination port at 36.
            #expect(frame.count >= 38 && UInt16(frame[36]) << 8 | UInt16(frame[37]) == port)
        }
    }
}
