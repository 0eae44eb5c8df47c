import BPFCore
import Testing
import cbpf2ebpf

/// xorshift64*: a seeded generator so failures reproduce.
struct XorShiftGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed == 0 ? 0x9e37_79b9 : seed }
    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_f491_4f6c_dd1d
    }
}

/// Random classic programs the kernel accepts, run on random frames by BPFCore's kernel-semantics
/// interpreter, the eBPF interpreter over both flavours and (when permitted) BPF_PROG_TEST_RUN.
struct RandomDifferentialTests {
    static let ancillaryLoads: [Ancillary] = [.proto, .pktType, .ifIndex, .mark, .queue, .rxhash, .vlanTCI,
                                              .vlanTagPresent, .vlanTPID, .aluXorX]

    static func pick<T>(_ options: [T], _ rng: inout XorShiftGenerator) -> T {
        options[Int.random(in: 0..<options.count, using: &rng)]
    }

    static func offset(_ rng: inout XorShiftGenerator) -> UInt32 {
        switch Int.random(in: 0..<12, using: &rng) {
        case 0: return Ancillary.networkBase &+ UInt32.random(in: 0...40, using: &rng)
        case 1: return Ancillary.linkBase &+ UInt32.random(in: 0...40, using: &rng)
        case 2: return pick([0x7fff, 0x8000, 40_000, 0xffff_ff00, 0x8000_0000], &rng)
        default: return UInt32.random(in: 0...80, using: &rng)
        }
    }

    static func constant(_ rng: inout XorShiftGenerator) -> UInt32 {
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: return UInt32.random(in: 0...UInt32.max, using: &rng)
        case 1: return pick([0, 1, 31, 32, 33, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff], &rng)
        default: return UInt32.random(in: 0...300, using: &rng)
        }
    }

    static func instruction(at pc: Int, count: Int, _ rng: inout XorShiftGenerator) -> Instruction {
        let after = count - pc - 1
        let size = pick([BPF.w, BPF.h, BPF.b], &rng)
        switch Int.random(in: 0..<18, using: &rng) {
        case 0, 1:
            var k = offset(&rng)
            if k >= Ancillary.base { k = UInt32.random(in: 0...60, using: &rng) }
            return .stmt(BPF.ld | size | BPF.abs, k)
        case 2: return .stmt(BPF.ld | size | BPF.ind, offset(&rng))
        case 3: return .stmt(BPF.ldx | BPF.b | BPF.msh, UInt32.random(in: 0...70, using: &rng))
        case 4: return .stmt(BPF.ld | pick([BPF.w, BPF.h, BPF.b], &rng) | BPF.abs, pick(ancillaryLoads, &rng).k)
        case 5:
            return pick([.stmt(BPF.ld | BPF.imm, constant(&rng)), .stmt(BPF.ldx | BPF.imm, constant(&rng)),
                         .stmt(BPF.ld | BPF.w | BPF.len), .stmt(BPF.ldx | BPF.w | BPF.len),
                         .stmt(BPF.misc | BPF.tax), .stmt(BPF.misc | BPF.txa)], &rng)
        case 6, 7, 8:
            let op = pick([BPF.add, BPF.sub, BPF.mul, BPF.div, BPF.mod, BPF.and, BPF.or, BPF.xor, BPF.lsh, BPF.rsh,
                           BPF.neg], &rng)
            if op == BPF.neg { return .stmt(BPF.alu | BPF.neg) }
            if Bool.random(using: &rng) { return .stmt(BPF.alu | op | BPF.x) }
            var k = constant(&rng)
            if op == BPF.div || op == BPF.mod { k = max(k, 1) }
            if op == BPF.lsh || op == BPF.rsh { k &= 31 }
            return .stmt(BPF.alu | op | BPF.k, k)
        case 9, 10:
            let slot = UInt32.random(in: 0...3, using: &rng)
            return .stmt(Bool.random(using: &rng) ? BPF.st : BPF.stx, slot)
        case 11:
            return .stmt(Bool.random(using: &rng) ? BPF.ld | BPF.mem : BPF.ldx | BPF.mem, UInt32.random(in: 0...3, using: &rng))
        case 12 where after >= 2:
            return .stmt(BPF.jmp | BPF.ja, UInt32.random(in: 0...UInt32(min(after - 2, 5)), using: &rng))
        case 13...15 where after >= 2:
            let op = pick([BPF.jeq, BPF.jgt, BPF.jge, BPF.jset], &rng)
            let src = Bool.random(using: &rng) ? BPF.x : BPF.k
            let limit = UInt8(min(after - 1, 6))
            return .jump(BPF.jmp | op | src, src == BPF.k ? constant(&rng) : UInt32.random(in: 0...2, using: &rng),
                         UInt8.random(in: 0...limit, using: &rng), UInt8.random(in: 0...limit, using: &rng))
        case 16 where after >= 1:
            return Bool.random(using: &rng) ? .stmt(BPF.ret | BPF.a) : .stmt(BPF.ret | BPF.k, constant(&rng))
        default:
            return .stmt(BPF.ld | size | BPF.abs, UInt32.random(in: 0...60, using: &rng))
        }
    }

    static func program(_ rng: inout XorShiftGenerator) -> Program {
        let count = Int.random(in: 2...24, using: &rng)
        var insns = (0..<(count - 1)).map { instruction(at: $0, count: count, &rng) }
        insns.append(Bool.random(using: &rng) ? .stmt(BPF.ret | BPF.a) : .stmt(BPF.ret | BPF.k, constant(&rng)))
        return Program(insns)
    }

    static func frame(_ rng: inout XorShiftGenerator) -> [UInt8] {
        let length = Int.random(in: 14...90, using: &rng)
        var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
        // test_run refuses IPv4/IPv6 frames shorter than their fixed header; mostly use other EtherTypes.
        let type = pick([UInt16(0x0806), 0x88cc, 0x0800, 0x86dd, 0x0042], &rng)
        bytes[12] = UInt8(type >> 8)
        bytes[13] = UInt8(type & 0xff)
        return bytes
    }

    @Test func randomProgramsAgreeEverywhere() throws {
        var rng = XorShiftGenerator(seed: 20_261_122)
        let kernelReason = KernelBridge.unavailabilityReason()
        if let kernelReason { print("random: skipping BPF_PROG_TEST_RUN: \(kernelReason)") }
        var programs = 0, runs = 0, interpreterAgree = 0, kernelRuns = 0, kernelAgree = 0, untranslatable = 0
        var attempts = 0
        while programs < 1500 && attempts < 50_000 {
            attempts += 1
            let program = Self.program(&rng)
            guard let classic = try? KernelFilter(program) else { continue }
            programs += 1
            let kernelFlavour = try EBPFTranslator(flavor: .kernel).translate(program)
            let loadable: EBPFProgram
            do {
                loadable = try EBPFTranslator(flavor: .loadable).translate(program)
            } catch {
                untranslatable += 1
                continue
            }
            let kernelVM = EBPFInterpreter(program: kernelFlavour), loadableVM = EBPFInterpreter(program: loadable)
            var loaded: LoadedProgram?, socketFilter: LoadedProgram?
            if kernelReason == nil {
                do {
                    loaded = try KernelBridge.load(loadable, as: .schedClassifier)
                    socketFilter = try KernelBridge.load(loadable, as: .socketFilter)
                } catch {
                    Issue.record("verifier refused \(program.instructions): \(error)")
                }
            }
            for _ in 0..<12 {
                let frame = Self.frame(&rng)
                var skb = SocketBuffer.schedClassifierTestRun(frame: frame)
                if Int.random(in: 0..<3, using: &rng) == 0 {
                    // Vary the metadata the interpreters see (the kernel run keeps test_run's own).
                    skb.context.mark = UInt32.random(in: 0...UInt32.max, using: &rng)
                    skb.context.vlanTCI = UInt16.random(in: 0...0xffff, using: &rng)
                    skb.context.vlanProto = 0x8100
                    skb.context.queueMapping = UInt16.random(in: 0...100, using: &rng)
                    skb.context.hash = UInt32.random(in: 0...UInt32.max, using: &rng)
                    skb.context.packetType = UInt8.random(in: 0...4, using: &rng)
                    if Bool.random(using: &rng) { skb.context.device = nil }
                    if Bool.random(using: &rng) { skb.context.macHeaderOffset = nil }
                }
                let expected = classic.run(skb.linear, context: skb.context)
                runs += 1
                do {
                    let k = try kernelVM.run(skb), l = try loadableVM.run(skb)
                    if k == expected && l == expected {
                        interpreterAgree += 1
                    } else {
                        Issue.record("\(program.instructions) on \(frame): classic \(expected), kernel flavour \(k), loadable \(l)")
                    }
                } catch {
                    Issue.record("\(program.instructions): \(error)")
                }
                if let loaded, let socketFilter {
                    let l2 = SocketBuffer.schedClassifierTestRun(frame: frame)
                    let l3 = SocketBuffer.socketFilterTestRun(frame: frame)
                    for (kind, prog, skb) in [("SCHED_CLS", loaded, l2), ("SOCKET_FILTER", socketFilter, l3)] {
                        let want = classic.run(Array(skb.linear[skb.dataStart...]), context: skb.context)
                        let modelled = try? loadableVM.run(skb)
                        // BPFCore's interpreter has no headroom: SKF_LL_OFF loads before data fail there.
                        let usesHeadroom = skb.dataStart > 0 && program.instructions.contains {
                            ($0.mode == BPF.abs || $0.mode == BPF.ind || $0.mode == BPF.msh) && $0.k >= Ancillary.linkBase && $0.k < Ancillary.networkBase
                        }
                        guard let got = try? prog.testRun(packet: frame) else { continue }
                        kernelRuns += 1
                        if got == modelled && (usesHeadroom || got == want) {
                            kernelAgree += 1
                        } else {
                            Issue.record("\(program.instructions) on \(frame): \(kind) BPF_PROG_TEST_RUN \(got), eBPF interpreter \(String(describing: modelled)), classic \(want)")
                        }
                    }
                }
            }
        }
        print("random: \(programs) accepted programs (\(untranslatable) not loadable), interpreters agreed on \(interpreterAgree)/\(runs) runs, BPF_PROG_TEST_RUN agreed on \(kernelAgree)/\(kernelRuns)")
        #expect(programs == 1500)
        #expect(interpreterAgree == runs)
        #expect(kernelAgree == kernelRuns)
    }
}
