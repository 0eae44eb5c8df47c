/// The kernel's byte layout of eBPF instructions (`struct bpf_insn` on a little-endian host): per 8-byte
/// slot `code`, then `dst | src << 4`, then `off` (s16 LE), then `imm` (s32 LE).
public enum EBPFEncoding {
    /// Encodes instructions into their slots' bytes (16 bytes for `lddw`).
    public static func encode(_ instructions: [EBPFInstruction]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(instructions.count * 8)
        for insn in instructions {
            appendSlot(&bytes, code: insn.code, regs: (insn.dst & 0x0f) | (insn.src & 0x0f) << 4, off: insn.off, imm: insn.imm)
            if insn.isWide {
                appendSlot(&bytes, code: 0, regs: 0, off: 0, imm: insn.wideImmediateHigh)
            }
        }
        return bytes
    }

    private static func appendSlot(_ bytes: inout [UInt8], code: UInt8, regs: UInt8, off: Int16, imm: Int32) {
        bytes.append(code)
        bytes.append(regs)
        let o = UInt16(bitPattern: off)
        bytes.append(UInt8(o & 0xff))
        bytes.append(UInt8(o >> 8))
        let i = UInt32(bitPattern: imm)
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: i >> UInt32(shift))) }
    }

    /// The raw slots of an instruction list: `(code, dst, src, off, imm)` per 8-byte slot.
    public static func slots(_ instructions: [EBPFInstruction]) -> [(code: UInt8, dst: UInt8, src: UInt8, off: Int16, imm: Int32)] {
        var out: [(code: UInt8, dst: UInt8, src: UInt8, off: Int16, imm: Int32)] = []
        out.reserveCapacity(instructions.count)
        for insn in instructions {
            out.append((insn.code, insn.dst, insn.src, insn.off, insn.imm))
            if insn.isWide { out.append((0, 0, 0, 0, insn.wideImmediateHigh)) }
        }
        return out
    }

    /// Decodes slots' bytes back into instructions (joining `lddw` pairs).
    public static func decode(_ bytes: [UInt8]) throws(EBPFDecodingError) -> [EBPFInstruction] {
        guard bytes.count % 8 == 0 else { throw EBPFDecodingError(message: "\(bytes.count) bytes is not a multiple of 8") }
        var out: [EBPFInstruction] = []
        var i = 0
        func slot(_ at: Int) -> EBPFInstruction {
            let off = Int16(bitPattern: UInt16(bytes[at + 2]) | UInt16(bytes[at + 3]) << 8)
            var imm: UInt32 = 0
            for j in 0..<4 { imm |= UInt32(bytes[at + 4 + j]) << UInt32(8 * j) }
            return EBPFInstruction(code: bytes[at], dst: bytes[at + 1] & 0x0f, src: bytes[at + 1] >> 4, off: off,
                                   imm: Int32(bitPattern: imm))
        }
        while i < bytes.count {
            var insn = slot(i)
            if insn.isWide {
                guard i + 16 <= bytes.count else {
                    throw EBPFDecodingError(message: "lddw at byte \(i) lacks its second slot")
                }
                insn.wideImmediateHigh = slot(i + 8).imm
                i += 16
            } else {
                i += 8
            }
            out.append(insn)
        }
        return out
    }
}

/// Malformed eBPF bytes.
public struct EBPFDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    public var description: String { message }
}
