// libFuzzer entry point for BPFCore on arbitrary classic BPF programs.
//
// Input layout: byte 0 = instruction count n (0...63), then n × 8 bytes of sock_filter (code LE16, jt, jf,
// k LE32), the rest is the packet. The program goes through the checker (CompiledFilter), the kernel validator,
// the interpreter (when accepted), every dump format read back
// by the text reader, and the text reader over the packet bytes as text.
// A trap, a sanitizer report or a hang (-timeout) is a bug.
import BPFCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCBPF(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let count = min(Int(data[0]) & 63, (size - 1) / 8)
    var instructions: [Instruction] = []
    instructions.reserveCapacity(count)
    for i in 0..<count {
        let p = data + 1 + i * 8
        let code = UInt16(p[0]) | UInt16(p[1]) << 8
        let k = UInt32(p[4]) | UInt32(p[5]) << 8 | UInt32(p[6]) << 16 | UInt32(p[7]) << 24
        instructions.append(Instruction(code: code, jt: p[2], jf: p[3], k: k))
    }
    let program = Program(instructions)
    let packetStart = 1 + count * 8
    let packet = UnsafeRawBufferPointer(start: data + packetStart, count: size - packetStart)
    _ = try? KernelValidator.check(program)
    _ = try? KernelValidator.check(program, conversionLimits: false)
    if let filter = try? CompiledFilter(program) {
        _ = filter.run(packet: packet, wireLength: UInt32(packet.count))
        _ = filter.run(packet: packet, wireLength: UInt32(packet.count) &+ 1000)
    }
    for format in DumpFormat.allCases {
        _ = try? Program(parsing: program.dump(format))
    }
    // The reader on arbitrary text too (the packet part of the input).
    _ = try? Program(parsing: String(decoding: packet, as: UTF8.self))
    return 0
}
