import BPFCore
import PcapOracle
import Testing
import TestSupport

/// ``CompiledFilter`` against libpcap's own `bpf_filter`.
@Suite struct DifferentialTests {
    @Test func randomProgramsAgreeWithBpfFilter() throws {
        var rng = SeededGenerator(seed: 0x5eed_cbf0)
        var runs = 0
        var nonZero = 0
        var mismatches: [String] = []
        for _ in 0..<4000 {
            let program = RandomPrograms.program(&rng)
            let filter = try CompiledFilter(program)
            for _ in 0..<8 {
                let packet = RandomPrograms.packet(&rng)
                let wire = UInt32(packet.count) + UInt32.random(in: 0...3, using: &rng) * UInt32.random(in: 0...700, using: &rng)
                let ours = filter.run(packet, wireLength: wire)
                let theirs = PcapOracle.filter(program, packet: packet, wireLength: wire)
                runs += 1
                if theirs != 0 { nonZero += 1 }
                if ours != theirs && mismatches.count < 5 {
                    mismatches.append("ours \(ours) libpcap \(theirs) wire \(wire) packet \(packet)\n\(program.dump(.assembly))")
                }
            }
        }
        print("differential (random programs): \(runs) runs, \(nonZero) non-zero results, \(mismatches.count) mismatches")
        #expect(runs == 32000)
        #expect(nonZero > runs / 10, "too few runs reach a non-zero return to be meaningful")
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n---\n"))")
    }

    /// Real filters, including protochain's backward jumps, over crafted and random Ethernet frames.
    static let expressions = [
        "tcp port 80", "ip6 protochain 6", "ip protochain 17", "udp and ip[6:2] & 0x1fff = 0", "vlan 100 and tcp",
        "ether[0] & 1 != 0", "len > 60", "tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn", "icmp6", "ip[0] & 0xf > 5",
    ]

    @Test(arguments: expressions)
    func compiledFiltersAgreeWithBpfFilter(expression: String) throws {
        let program = try PcapOracle.compile(expression, linkType: .en10mb, optimize: true).get()
        let unoptimized = try PcapOracle.compile(expression, linkType: .en10mb, optimize: false).get()
        var rng = SeededGenerator(seed: UInt64(expression.utf8.count) &* 7919)
        var frames = Self.craftedFrames
        for _ in 0..<300 {
            var frame = Self.craftedFrames[Int.random(in: 0..<Self.craftedFrames.count, using: &rng)]
            for _ in 0..<Int.random(in: 0...3, using: &rng) where !frame.isEmpty {
                frame[Int.random(in: 0..<frame.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            frame = Array(frame.prefix(Int.random(in: 0...frame.count, using: &rng)))
            frames.append(frame)
        }
        for candidate in [program, unoptimized] {
            let filter = try CompiledFilter(candidate)
            for frame in frames {
                let wire = UInt32(frame.count + 4)
                #expect(filter.run(frame, wireLength: wire) == PcapOracle.filter(candidate, packet: frame, wireLength: wire))
            }
        }
    }

    static let craftedFrames: [[UInt8]] = {
        let ethernet: [UInt8] = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0, 0, 0, 0, 1]
        let ipv4tcp: [UInt8] = ethernet + [0x08, 0x00, 0x45, 0, 0, 40, 0, 1, 0, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2]
            + [0x30, 0x39, 0, 80, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0x20, 0, 0, 0, 0, 0]
        let ipv4udp: [UInt8] = ethernet + [0x08, 0x00, 0x46, 0, 0, 32, 0, 1, 0x20, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2, 1, 1, 1, 1]
            + [0, 53, 0, 53, 0, 8, 0, 0]
        var ipv6: [UInt8] = ethernet + [0x86, 0xdd, 0x60, 0, 0, 0, 0, 28, 0, 64]
        ipv6 += [UInt8](repeating: 0xfe, count: 32)
        // Hop-by-hop header (8 bytes) then TCP: exercises protochain's loop.
        let ipv6hop = ipv6 + [6, 0, 1, 4, 0, 0, 0, 0] + [0x30, 0x39, 0, 80, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0x20, 0, 0, 0, 0, 0]
        var ipv6Direct = ipv6
        ipv6Direct[20] = 6
        ipv6Direct += [0x30, 0x39, 0, 80, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x12, 0x20, 0, 0, 0, 0, 0]
        var hopFirst = ipv6hop
        hopFirst[20] = 0
        var icmp6 = ipv6
        icmp6[20] = 58
        icmp6 += [128, 0, 0, 0, 0, 0, 0, 0]
        let vlan: [UInt8] = ethernet + [0x81, 0x00, 0x00, 100] + Array(ipv4tcp[12...])
        return [ipv4tcp, ipv4udp, ipv6Direct, hopFirst, icmp6, vlan, [], Array(ipv4tcp.prefix(20))]
    }()

    @Test func backwardJumpLoopsEndWithZero() throws {
        // "ja -1" loops forever in libpcap; here the run gives up and returns 0.
        let loop = Program([Instruction(code: BPF.jmp | BPF.ja, k: 0xffff_ffff), Instruction(code: BPF.ret | BPF.k, k: 1)])
        let filter = try CompiledFilter(loop)
        #expect(filter.run([1, 2, 3]) == 0)
        #expect(throws: KernelCheckError.self) { try KernelValidator.check(loop) }
    }
}

/// The Linux-mode interpreter against the libpcap-mode one where their semantics coincide (linear packets,
/// wire length = captured length, offsets below 2³¹ so the kernel's signed offsets and wrap-around do not
/// come into play, no shifts by X).
@Suite struct ModeAgreementTests {
    static func comparable(_ program: Program) -> Bool {
        program.instructions.allSatisfy { insn in
            if insn.code == BPF.alu | BPF.lsh | BPF.x || insn.code == BPF.alu | BPF.rsh | BPF.x { return false }
            let isLoad = insn.instructionClass == BPF.ld && (insn.mode == BPF.abs || insn.mode == BPF.ind)
            if isLoad || insn.code == BPF.ldx | BPF.b | BPF.msh { return insn.k < 0x1000_0000 }
            return true
        }
    }

    @Test func kernelAndLibpcapModesAgree() throws {
        var rng = SeededGenerator(seed: 0xa9ee)
        var compared = 0
        var mismatches: [String] = []
        while compared < 10000 {
            let program = RandomPrograms.program(&rng)
            guard Self.comparable(program) else { continue }
            let pcap = try CompiledFilter(program)
            let kernel = try KernelFilter(program)
            for _ in 0..<5 {
                let packet = RandomPrograms.packet(&rng)
                let expected = pcap.run(packet)
                let actual = kernel.run(packet, context: .testBPF(dataSize: packet.count))
                compared += 1
                if expected != actual && mismatches.count < 5 {
                    mismatches.append("libpcap \(expected) kernel \(actual) packet \(packet)\n\(program.dump(.assembly))")
                }
            }
        }
        // An X ≥ 2³¹ - k could legitimately differ (the kernel wraps X + k to a signed offset); with this seed no
        // run gets there, so any difference is a bug in one of the modes.
        print("mode agreement: \(compared) runs, \(mismatches.count) differences")
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n---\n"))")
    }
}
