import BPFCore
import Testing
import TestSupport

/// ``KernelValidator`` and ``KernelFilter`` against the running kernel (through ``LinuxSocketOracle``).
@Suite(.serialized) struct LinuxKernelDifferentialTests {
    /// Programs with random (often invalid) instructions: the validator's verdict must be the kernel's.
    @Test func validatorVerdictsMatchTheKernel() throws {
        guard let oracle = LinuxSocketOracle() else { return }
        var rng = SeededGenerator(seed: 0xc0de)
        var accepted = 0
        var refused = 0
        var disagreements: [String] = []
        let codes = (0...0xff).map { UInt16($0) } + [0x106, 0x1234, 0xffff]
        for round in 0..<3000 {
            var insns: [Instruction]
            if round % 3 == 0 {
                insns = RandomPrograms.program(&rng).instructions
            } else {
                let count = Int.random(in: 0...12, using: &rng)
                insns = (0..<count).map { _ in
                    let code = Int.random(in: 0..<4, using: &rng) == 0
                        ? codes[Int.random(in: 0..<codes.count, using: &rng)]
                        : [0x00, 0x02, 0x60, 0x61, 0x64, 0x74, 0x34, 0x94, 0x05, 0x15, 0x2d, 0x20, 0x30, 0x48, 0x06, 0x16][Int.random(in: 0..<16, using: &rng)]
                    let k: UInt32 = [0, 1, 2, 15, 16, 31, 32, 0xffff_f000, 0xffff_f008, 0xffff_f002, 0xffff_ffff, 0xffff_f040][Int.random(in: 0..<12, using: &rng)]
                    return Instruction(code: code, jt: UInt8.random(in: 0...4, using: &rng), jf: UInt8.random(in: 0...4, using: &rng), k: k)
                }
                if !insns.isEmpty && Bool.random(using: &rng) { insns[insns.count - 1] = Instruction(code: 0x16) }
            }
            let program = Program(insns)
            let kernel = oracle.attach(program)
            var ours: Int32 = 0
            do { try KernelValidator.check(program) } catch { ours = error.errno }
            if kernel == 0 { accepted += 1 } else { refused += 1 }
            if ours != kernel && disagreements.count < 10 {
                disagreements.append("kernel errno \(kernel), ours \(ours):\n\(program.dump(.assembly))")
            }
        }
        print("Linux verdicts: \(accepted) accepted, \(refused) refused, \(disagreements.count) disagreements")
        #expect(accepted > 500 && refused > 500)
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n---\n"))")
    }

    /// Random valid programs over random packets: what arrives must be what KernelFilter's result implies.
    @Test func filterResultsMatchTheKernel() throws {
        guard let oracle = LinuxSocketOracle() else { return }
        var rng = SeededGenerator(seed: 0xfeed)
        let fields: [Ancillary] = [.proto, .pktType, .ifIndex, .hatype, .mark, .queue, .vlanTCI, .vlanTagPresent, .vlanTPID, .aluXorX, .nlAttr, .nlAttrNest, .rxhash]
        var runs = 0
        var mismatches: [String] = []
        for _ in 0..<1500 {
            var program = RandomPrograms.program(&rng)
            // Sprinkle in ancillary loads the socket's context defines.
            if Bool.random(using: &rng), program.count > 1 {
                let field = fields[Int.random(in: 0..<fields.count, using: &rng)]
                program.instructions[Int.random(in: 0..<(program.count - 1), using: &rng)] = Instruction(code: 0x20, k: field.k)
                guard (try? KernelValidator.check(program)) != nil else { continue }
            }
            let filter = try KernelFilter(program)
            guard oracle.attach(program) == 0 else {
                mismatches.append("kernel refused a program we accept:\n\(program.dump(.assembly))")
                continue
            }
            for _ in 0..<6 {
                var packet = RandomPrograms.packet(&rng)
                if packet.isEmpty { packet = [0] }
                let result = filter.run(packet, context: LinuxSocketOracle.context)
                let expected: Int? = result == 0 ? nil : min(packet.count, max(1, Int(result)))
                let arrived = oracle.deliver(packet)
                runs += 1
                if arrived != expected && mismatches.count < 5 {
                    mismatches.append("ours \(result) → \(expected.map(String.init) ?? "drop"), kernel → \(arrived.map(String.init) ?? "drop"), packet \(packet)\n\(program.dump(.assembly))")
                }
            }
        }
        print("Linux results: \(runs) packets, \(mismatches.count) mismatches")
        #expect(runs > 5000)
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n---\n"))")
    }
}
