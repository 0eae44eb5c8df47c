import Foundation
import Testing
import TestSupport

/// Odd command lines never crash swiftdump: every run ends with status 0 or 1 and, for 1, a message.
@Suite("swiftdump hostile arguments")
struct HostileArgumentsTests {
    /// Words mixed into generated command lines (each line also gets `-d` or `-r FILE`, so nothing captures live).
    static let words: [String] = [
        "-n", "-nn", "-v", "-vvv", "-e", "-q", "-x", "-XX", "-A", "-#", "-K", "-S", "-t", "-ttttt", "-tttttt",
        "-c", "-c0", "-c-1", "-c99999999999999999999", "-s", "-s0x", "-s262144", "-s262145", "-s-0", "-y", "-yRAW",
        "-yLINUX_SLL2", "-yNOPE", "-O", "-dd", "-ddd", "--", "-", "--count", "--print", "--nano", "--micro",
        "--time-stamp-precision", "--time-stamp-precision=", "--n", "--=", "---", "--ebpf", "--ebpf-flavor=loadable",
        "--ebpf-flavor", "-F", "-F/nonexistent", "-w", "-w/dev/null", "-C", "-C0", "-C1", "-W", "-W-3", "-G", "-G5",
        "-Q", "-Qsideways", "-j", "-jhost", "-T", "-Tvxlan", "-B", "-B0", "-V", "-Z", "-z", "-Y", "-k", "-\u{00e9}",
        "tcp", "port", "80", "and", "or", "not", "(", ")", "[", "]", "ip[0:4]", "ether", "host", "1.2.3.4", "::1",
        "-1", "0x", "999999999999", "vlan", "mpls", "\u{0000}", "\t", "", "len", ">", "<=", "\u{1F600}",
    ]

    @Test func generatedCommandLines() throws {
        guard ToolRunner.swiftdump != nil else { return }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let pcap = Corpus.pcap("eth-icmp.pcap").path
        var statuses: [Int32: Int] = [:]
        for _ in 0..<40 {
            var arguments = next(2) == 0 ? ["-d"] : ["-r", pcap]
            for _ in 0..<(1 + next(6)) {
                let word = Self.words[next(Self.words.count)]
                arguments.insert(word, at: next(arguments.count + 1))
            }
            // Never let a generated line fall through to a live capture.
            if !arguments.contains("-d") && !arguments.contains("-r") { arguments = ["-d"] + arguments }
            let result = try ToolRunner.swiftdump(arguments.map { $0.replacingOccurrences(of: "\u{0000}", with: "") },
                                                  timeout: 20)
            statuses[result.status, default: 0] += 1
            #expect(result.status == 0 || result.status == 1, "\(arguments): status \(result.status)")
            if result.status == 1 {
                #expect(!result.stderr.isEmpty, "\(arguments): exit 1 without a message")
            }
        }
        print("hostile command lines: \(statuses.sorted { $0.key < $1.key }.map { "exit \($0.key): \($0.value)" })")
    }
}
