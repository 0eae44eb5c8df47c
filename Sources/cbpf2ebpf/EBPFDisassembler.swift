/// Renders eBPF instructions the way the kernel's `print_bpf_insn()` (used by `bpftool prog dump xlated`)
/// does, e.g. `   9: (c5) if r2 s< 0x2 goto pc+3`, appending `; offsetof(sk_buff, data)` style names.
struct EBPFDisassembler {
    let program: EBPFProgram

    func text() -> String {
        var out = ""
        var slot = 0
        for (i, insn) in program.instructions.enumerated() {
            let index = String(slot)
            out += String(repeating: " ", count: max(0, 4 - index.count)) + index + ": "
            out += line(insn, symbol: program.symbols[i])
            out += "\n"
            slot += insn.slotCount
        }
        return out
    }

    private static let aluOps: [UInt8: String] = [
        EBPF.add: "+=", EBPF.sub: "-=", EBPF.mul: "*=", EBPF.div: "/=", EBPF.or: "|=", EBPF.and: "&=",
        EBPF.lsh: "<<=", EBPF.rsh: ">>=", EBPF.mod: "%=", EBPF.xor: "^=", EBPF.mov: "=", EBPF.arsh: "s>>=",
    ]
    private static let jumpOps: [UInt8: String] = [
        EBPF.jeq: "==", EBPF.jgt: ">", EBPF.jge: ">=", EBPF.jset: "&", EBPF.jne: "!=", EBPF.jsgt: "s>",
        EBPF.jsge: "s>=", EBPF.jlt: "<", EBPF.jle: "<=", EBPF.jslt: "s<", EBPF.jsle: "s<=",
    ]
    private static let sizes: [UInt8: String] = [EBPF.w: "u32", EBPF.h: "u16", EBPF.b: "u8", EBPF.dw: "u64"]

    func line(_ insn: EBPFInstruction, symbol: EBPFSymbol?) -> String {
        let code = "(\(EBPFListing.hex(UInt32(insn.code), width: 2))) "
        let cls = insn.instructionClass
        let note = symbol.map { "\t; \($0.text)" } ?? ""
        switch cls {
        case EBPF.alu, EBPF.alu64:
            let r = cls == EBPF.alu64 ? "r" : "w"
            let op = insn.operation
            if op == EBPF.end {
                let kind = insn.source == EBPF.toBE ? "be" : "le"
                return code + "r\(insn.dst) = \(kind)\(insn.imm) r\(insn.dst)" + note
            }
            if op == EBPF.neg { return code + "\(r)\(insn.dst) = -\(r)\(insn.dst)" + note }
            let sym = Self.aluOps[op] ?? "?="
            if insn.source == EBPF.x { return code + "\(r)\(insn.dst) \(sym) \(r)\(insn.src)" + note }
            return code + "\(r)\(insn.dst) \(sym) \(insn.imm)" + note
        case EBPF.stx:
            let size = Self.sizes[insn.size] ?? "?"
            return code + "*(\(size) *)(r\(insn.dst) \(signed(insn.off))) = r\(insn.src)" + note
        case EBPF.st:
            let size = Self.sizes[insn.size] ?? "?"
            return code + "*(\(size) *)(r\(insn.dst) \(signed(insn.off))) = \(insn.imm)" + note
        case EBPF.ldx:
            let size = Self.sizes[insn.size] ?? "?"
            return code + "r\(insn.dst) = *(\(size) *)(r\(insn.src) \(signed(insn.off)))" + note
        case EBPF.ld:
            let size = Self.sizes[insn.size] ?? "?"
            switch insn.mode {
            case EBPF.abs: return code + "r0 = *(\(size) *)skb[\(insn.imm)]" + note
            case EBPF.ind: return code + "r0 = *(\(size) *)skb[r\(insn.src) + \(insn.imm)]" + note
            default:
                if insn.isWide {
                    return code + "r\(insn.dst) = 0x\(String(UInt64(bitPattern: insn.wideImmediate), radix: 16))" + note
                }
                return code + "unknown" + note
            }
        case EBPF.jmp, EBPF.jmp32:
            let op = insn.operation
            if op == EBPF.exit { return code + "exit" + note }
            if op == EBPF.call {
                let name: String
                switch symbol {
                case .kernelHelper(let h)?: name = h.symbol
                case .uapiHelper(let h)?: name = h.name
                default: name = "unknown"
                }
                return code + "call \(name)#\(insn.imm)"
            }
            if op == EBPF.ja { return code + "goto pc\(signed(insn.off))" + note }
            let r = cls == EBPF.jmp ? "r" : "w"
            let sym = Self.jumpOps[op] ?? "?"
            let rhs = insn.source == EBPF.x ? "\(r)\(insn.src)" : "0x\(String(UInt32(bitPattern: insn.imm), radix: 16))"
            return code + "if \(r)\(insn.dst) \(sym) \(rhs) goto pc\(signed(insn.off))" + note
        default:
            return code + "unknown" + note
        }
    }

    private func signed(_ v: Int16) -> String { v < 0 ? "\(v)" : "+\(v)" }
}
