import BPFCore

/// FuzzCBPF's entry: BPFCore on arbitrary classic BPF programs.
///
/// Input layout: byte 0 = instruction count n (0...63), then n × 8 bytes of sock_filter (code LE16, jt, jf, k LE32),
/// the rest is the packet. The program goes through the checker (CompiledFilter), the kernel validator, the
/// interpreter (when accepted), every dump format read back by the text reader, and the text reader over the
/// packet bytes as text.
public enum CBPFFuzzEntry {
    /// Runs one input; returns whether the checker accepted the program.
    @discardableResult
    public static func run(_ input: UnsafeRawBufferPointer) -> Bool {
        guard let first = input.first else { return false }
        let count = min(Int(first) & 63, (input.count - 1) / 8)
        var instructions: [Instruction] = []
        instructions.reserveCapacity(count)
        for i in 0..<count {
            let p = 1 + i * 8
            let code = UInt16(input[p]) | UInt16(input[p + 1]) << 8
            let k = UInt32(input[p + 4]) | UInt32(input[p + 5]) << 8 | UInt32(input[p + 6]) << 16
                | UInt32(input[p + 7]) << 24
            instructions.append(Instruction(code: code, jt: input[p + 2], jf: input[p + 3], k: k))
        }
        let program = Program(instructions)
        let packet = UnsafeRawBufferPointer(rebasing: input[(1 + count * 8)...])
        _ = try? KernelValidator.check(program)
        _ = try? KernelValidator.check(program, conversionLimits: false)
        var accepted = false
        if let filter = try? CompiledFilter(program) {
            accepted = true
            _ = filter.run(packet: packet, wireLength: UInt32(packet.count))
            _ = filter.run(packet: packet, wireLength: UInt32(packet.count) &+ 1000)
        }
        for format in DumpFormat.allCases { _ = try? Program(parsing: program.dump(format)) }
        _ = try? Program(parsing: String(decoding: packet, as: UTF8.self))
        return accepted
    }
}
