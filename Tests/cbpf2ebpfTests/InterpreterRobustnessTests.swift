import BPFCore
import Testing
import cbpf2ebpf

/// Hostile eBPF (random slots, pointer arithmetic, wild offsets) must end in a result or an error, never a trap.
struct InterpreterRobustnessTests {
    @Test func randomInstructionStreamsNeverTrap() {
        var rng = XorShiftGenerator(seed: 77)
        let codes: [UInt8] = [0x07, 0x0f, 0x17, 0x1f, 0x27, 0x37, 0x3f, 0x47, 0x57, 0x67, 0x6f, 0x77, 0x7f, 0x87, 0x97,
                              0xa7, 0xb7, 0xbf, 0xc7, 0xcf, 0x04, 0x0c, 0x34, 0x3c, 0x94, 0x9c, 0xb4, 0xbc, 0xdc, 0xd4,
                              0x61, 0x69, 0x71, 0x79, 0x63, 0x6b, 0x73, 0x7b, 0x62, 0x7a, 0x20, 0x28, 0x30, 0x40, 0x48,
                              0x50, 0x05, 0x15, 0x1d, 0x25, 0x55, 0x65, 0x75, 0xa5, 0xc5, 0x45, 0x16, 0x85, 0x95, 0x18,
                              0xff, 0x00]
        let frame = (0..<60).map { _ in UInt8.random(in: 0...255, using: &rng) }
        var finished = 0, failed = 0
        for flavor in TranslationFlavor.allCases {
            for _ in 0..<1500 {
                var insns: [EBPFInstruction] = []
                for _ in 0..<Int.random(in: 1...20, using: &rng) {
                    insns.append(EBPFInstruction(
                        code: codes[Int.random(in: 0..<codes.count, using: &rng)],
                        dst: UInt8.random(in: 0...11, using: &rng), src: UInt8.random(in: 0...11, using: &rng),
                        off: Int16.random(in: -40...40, using: &rng) &* (Bool.random(using: &rng) ? 1 : 800),
                        imm: Bool.random(using: &rng) ? Int32.random(in: -64...64, using: &rng)
                            : Int32.random(in: Int32.min...Int32.max, using: &rng)))
                }
                insns.append(.exit)
                let program = EBPFProgram(instructions: insns, flavor: flavor)
                let bytes = EBPFEncoding.encode(insns)
                #expect((try? EBPFEncoding.decode(bytes)) == insns)
                do {
                    _ = try EBPFInterpreter(program: program).run(.schedClassifierTestRun(frame: frame))
                    finished += 1
                } catch {
                    failed += 1
                }
                _ = EBPFListing.disassembly(program)
            }
        }
        print("robustness: \(finished) random programs finished, \(failed) stopped with an error")
        #expect(finished + failed == 3000)
    }
}

struct WideImmediateTests {
    @Test func jumpsCountSlotsAcrossLddw() throws {
        // r1 = 0x1_0000_0002 (two slots); if r1 > 0xffffffff goto +3 (skips lddw + exit); r0 = 7; exit
        let insns: [EBPFInstruction] = [
            EBPFInstruction(code: 0x18, dst: 1, imm: 2, wideImmediateHigh: 1),
            EBPFInstruction(code: 0x25, dst: 1, off: 3, imm: 0x7fff_ffff),
            EBPFInstruction(code: 0x18, dst: 0, imm: 5, wideImmediateHigh: 0),
            .exit,
            .mov64(.r0, imm: 9),
            .exit,
        ]
        let program = EBPFProgram(instructions: insns, flavor: .loadable)
        #expect(program.slotCount == 8)
        #expect(try EBPFInterpreter(program: program).run(.schedClassifierTestRun(frame: [UInt8](repeating: 0, count: 20))) == 9)
        #expect(EBPFListing.disassembly(program).contains("   0: (18) r1 = 0x100000002\n   2: (25) if r1 > 0x7fffffff goto pc+3"))
        #expect(EBPFListing.decimal(program).hasPrefix("8\n24 1 0 0 2\n0 0 0 0 1\n37 1 0 3 2147483647\n"))
    }
}
