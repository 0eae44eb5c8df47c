import Foundation
import Testing

/// `swiftdump --ebpf -d/-dd/-ddd` prints what the `cbpf2ebpf` tool prints for tcpdump's program.
@Suite("swiftdump --ebpf")
struct EBPFDumpTests {
    @Test func matchesTheTranslatorTool() throws {
        guard let swiftdump = ToolRunner.swiftdump, ToolRunner.tcpdump != nil else { return }
        let tool = swiftdump.deletingLastPathComponent().appendingPathComponent("cbpf2ebpf")
        guard FileManager.default.isExecutableFile(atPath: tool.path) else {
            print("SKIP: the cbpf2ebpf tool was not built next to swiftdump")
            return
        }
        for expression in ["tcp port 80", "ip and udp", "vlan 100", "ip6 and icmp6", ""] {
            let classic = try ToolRunner.tcpdump(["-ddd", "-y", "EN10MB", expression])
            #expect(classic.status == 0)
            // The kernel flavour reads the running kernel's layout (about a second per run): one expression.
            for flavor in expression == "tcp port 80" ? ["kernel", "loadable"] : ["loadable"] {
                for level in ["-d", "-dd", "-ddd"] {
                    let ours = try ToolRunner.swiftdump([level, "--ebpf", "--ebpf-flavor", flavor, "-y", "EN10MB",
                                                         expression])
                    let reference = try ToolRunner.run(tool, ["--flavor", flavor, level], stdin: classic.stdout)
                    #expect(ours.status == 0, "\(expression) \(flavor) \(level): \(ours.stderrText)")
                    #expect(ours.stdoutText == reference.stdoutText, "\(expression) \(flavor) \(level)")
                    #expect(!ours.stdout.isEmpty)
                }
            }
        }
        let bad = try ToolRunner.swiftdump(["-d", "--ebpf", "--ebpf-flavor", "nope", "ip"])
        #expect(bad.status == 1 && bad.stderrText.hasPrefix("swiftdump: invalid eBPF flavor nope"))
        let withRead = try ToolRunner.swiftdump(["--ebpf", "-r", "/dev/null"])
        #expect(withRead.status == 1)
    }
}
