import BPFCore
import Foundation
import PcapOracle
import TestSupport
import Testing

/// `-d`, `-dd` and `-ddd` output against libpcap's `bpf_image` and the local tcpdump.
@Suite struct DumpFormatTests {
    /// k values that exercise signed/unsigned printing, ancillary names and hex formatting.
    static let interestingK: [UInt32] = [
        0, 1, 12, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff, 0xffff_f000, 0xffff_f004, 0xffff_f02c, 0xffff_f030,
        0xffff_f03c, 0xffff_f040, 0xfff0_0000, 0xffe0_0001, 65535,
    ]

    @Test func everyOpcodeMatchesBpfImage() {
        var mismatches: [String] = []
        var checked = 0
        func compare(_ insn: Instruction, pc: Int) {
            checked += 1
            let ours = insn.image(at: pc)
            let theirs = PcapOracle.image(insn, pc: pc)
            if ours != theirs && mismatches.count < 20 {
                mismatches.append("code 0x\(String(insn.code, radix: 16)) k \(insn.k) jt \(insn.jt) jf \(insn.jf) pc \(pc): ours \"\(ours)\" libpcap \"\(theirs)\"")
            }
        }
        for code in 0...0xffff {
            let code = UInt16(code)
            compare(Instruction(code: code, jt: 0, jf: 0, k: 0), pc: 0)
            compare(Instruction(code: code, jt: 255, jf: 3, k: 0xffff_fff0), pc: 4095)
            compare(Instruction(code: code, jt: 7, jf: 0, k: 0x8000_0001), pc: 12)
        }
        for code in 0...0xff {
            for (index, k) in Self.interestingK.enumerated() {
                let insn = Instruction(code: UInt16(code), jt: UInt8(index * 17 % 256), jf: UInt8(index), k: k)
                compare(insn, pc: index * 97)
            }
        }
        #expect(checked == 65536 * 3 + 256 * Self.interestingK.count)
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }

    @Test func ancillaryNamesAndPadding() {
        #expect(Instruction(code: 0x20, k: Ancillary.proto.k).image(at: 0) == "(000) ld       [proto]")
        #expect(Instruction(code: 0x30, k: Ancillary.vlanTCI.k).image(at: 3) == "(003) ldb      [vlan_tci]")
        #expect(Instruction(code: 0x87).image(at: 10) == "(010) txa      ")
        #expect(Instruction(code: 0x16).image(at: 1000) == "(1000) ret      ")
        #expect(Instruction(code: 0x04, k: 0xffff_ffff).image(at: 2) == "(002) add      #-1")
        #expect(Instruction(code: 0xb1, k: 14).image(at: 2) == "(002) ldxb     4*([14]&0xf)")
    }

    static let expressions = [
        "tcp", "ip host 10.0.0.1 and tcp port 80", "vlan and udp", "tcp[tcpflags] & tcp-syn != 0",
        "ip[2:2] > 576 or len < 100", "ether broadcast", "ip6 and icmp6", "ifindex 3", "inbound",
    ]

    /// Runs the local tcpdump; nil (with the reason printed) when it cannot.
    static func tcpdump(_ arguments: [String]) -> String? {
        guard Tcpdump.isAvailable(for: "DumpFormatTests") else { return nil }
        let output: ProcessRunner.Output
        do { output = try Tcpdump.run(arguments) } catch {
            print("skipping: cannot run tcpdump: \(error)")
            return nil
        }
        guard output.status == 0 else { return nil }
        return output.stdoutText
    }

    @Test(arguments: expressions)
    func dumpsMatchTcpdump(expression: String) throws {
        let linkType = expression == "ifindex 3" ? LinkType.linuxSLL2 : LinkType.en10mb
        let program: Program
        switch PcapOracle.compile(expression, linkType: linkType, optimize: true) {
        case .success(let compiled): program = compiled
        case .failure(let error):
            Issue.record("libpcap rejected \(expression): \(error)")
            return
        }
        let dlt = linkType.name ?? "EN10MB"
        for (flag, format) in [("-d", DumpFormat.assembly), ("-dd", .cArray), ("-ddd", .decimal)] {
            guard let expected = Self.tcpdump(["-y", dlt, flag, expression]) else {
                print("skipping tcpdump \(flag) \(expression): tcpdump unavailable or failed")
                continue
            }
            #expect(program.dump(format) == expected, "tcpdump \(flag) \(expression)")
        }
    }
}
