import BPFCore
import Foundation
@testable import FilterLang
import Testing
import TestSupport

/// On a live Linux interface libpcap compiles `vlan` with the kernel's VLAN metadata; `tcpdump -i lo -O -d`
/// shows that program, and ``FilterCompiler/linuxVLANExtensions`` must reproduce it.
@Suite struct CodeGenLiveVLANTests {
    static let expressions = ["vlan", "vlan 10", "vlan 10 and ip", "vlan and vlan 20 and tcp port 80", "ip and vlan 3",
                              "vlan 1 or vlan 2", "not vlan 4095 and host 10.0.0.1", "vlan and mpls 5"]

    /// `tcpdump -i lo -O -d expr`, or nil when tcpdump cannot open `lo` here.
    static func tcpdumpLive(_ expr: String) -> String? {
        guard let output = try? Tcpdump.run(["-i", "lo", "-O", "-d", expr]), output.status == 0 else { return nil }
        return output.stdoutText
    }

    @Test func vlanWithKernelMetadataMatchesTcpdumpOnLo() throws {
        guard Self.tcpdumpLive("vlan") != nil else {
            print("skipped: tcpdump cannot open lo here (not root, or no tcpdump)")
            return
        }
        let compiler = FilterCompiler(linkType: .en10mb, linuxVLANExtensions: true)
        for expr in Self.expressions {
            let expected = try #require(Self.tcpdumpLive(expr))
            let ours = try compiler.compile(expr, optimize: false)
            #expect(ours.dump(.assembly) == expected, "\(expr)")
        }
    }
}
