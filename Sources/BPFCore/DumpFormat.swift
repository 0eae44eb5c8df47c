/// The three program listings tcpdump prints (`-d`, `-dd`, `-ddd`).
public enum DumpFormat: Sendable, Hashable, CaseIterable {
    /// `-d`: one `bpf_image` line per instruction, e.g. `(000) ldh      [12]`.
    case assembly
    /// `-dd`: C initialisers, e.g. `{ 0x28, 0, 0, 0x0000000c },`.
    case cArray
    /// `-ddd`: the instruction count, then `code jt jf k` in decimal, one instruction per line.
    case decimal
}

extension Program {
    /// The listing `tcpdump` 4.99.3 (libpcap 1.10.3 `bpf_dump`) prints for this program in `format`; every line,
    /// including the last, ends with a newline.
    public func dump(_ format: DumpFormat) -> String {
        var text = ""
        switch format {
        case .assembly:
            for (pc, insn) in instructions.enumerated() {
                text += insn.image(at: pc)
                text += "\n"
            }
        case .cArray:
            for insn in instructions {
                text += insn.cInitializer
                text += "\n"
            }
        case .decimal:
            text += String(instructions.count) + "\n"
            for insn in instructions {
                text += insn.decimalLine
                text += "\n"
            }
        }
        return text
    }
}

extension Instruction {
    /// The `-dd` line: `{ 0x%x, %d, %d, 0x%08x },`.
    public var cInitializer: String {
        let hexK = String(k, radix: 16)
        let paddedK = String(repeating: "0", count: max(0, 8 - hexK.utf8.count)) + hexK
        return "{ 0x" + String(code, radix: 16) + ", " + String(jt) + ", " + String(jf) + ", 0x" + paddedK + " },"
    }

    /// The `-ddd` line: `code jt jf k` in decimal.
    public var decimalLine: String {
        String(code) + " " + String(jt) + " " + String(jf) + " " + String(k)
    }
}
