import BPFCore
import Foundation
import TestSupport

/// Classic programs of the public corpus, read back from libpcap 1.10.3's `tcpdump -d` text in
/// shared/corpus/libpcap/golden-1.10.3.jsonl (so expressions naming hosts of libpcap's test environment are
/// covered too). Each line is rebuilt as the instruction whose BPFCore image (`bpf_image`) is that line.
enum GoldenPrograms {
    struct Entry: Decodable {
        var expr: String
        var DLT: String
        var opt_rc: Int
        var opt: String
        var unopt_rc: Int
        var unopt: String
    }

    /// Every code with a `tcpdump -d` mnemonic, grouped by mnemonic.
    static let codesByMnemonic: [String: [UInt16]] = {
        var table: [String: [UInt16]] = [:]
        for code in UInt16(0)..<256 {
            let mnemonic = Instruction(code: code).mnemonicAndOperand(at: 0).mnemonic
            if mnemonic != "unimp" { table[mnemonic, default: []].append(code) }
        }
        return table
    }()

    /// (expression, optimised?, program) for every entry of `dlt` libpcap compiled.
    static func programs(dlt: String) throws -> [(expr: String, optimized: Bool, program: Program)] {
        guard let text = Corpus.text("libpcap/golden-1.10.3.jsonl") else { return [] }
        var out: [(String, Bool, Program)] = []
        for line in text.split(separator: "\n") {
            let entry = try JSONDecoder().decode(Entry.self, from: Data(line.utf8))
            guard entry.DLT == dlt else { continue }
            if entry.opt_rc == 0, let p = assemble(entry.opt) { out.append((entry.expr, true, p)) }
            if entry.unopt_rc == 0, let p = assemble(entry.unopt) { out.append((entry.expr, false, p)) }
        }
        return out
    }

    /// Rebuilds a program from `tcpdump -d` text; nil if a line matches no instruction.
    static func assemble(_ listing: String) -> Program? {
        var insns: [Instruction] = []
        for line in listing.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
            guard let insn = instruction(line, pc: insns.count) else { return nil }
            insns.append(insn)
        }
        return insns.isEmpty ? nil : Program(insns)
    }

    static func instruction(_ line: String, pc: Int) -> Instruction? {
        guard line.count > 6 else { return nil }
        let body = line.dropFirst(6)
        let mnemonic = String(body.prefix(while: { $0 != " " }))
        var operand = body.dropFirst(mnemonic.count).trimmingCharacters(in: .whitespaces)
        var jt: UInt8 = 0, jf: UInt8 = 0
        if let range = operand.range(of: " jt ") {
            let targets = operand[range.upperBound...].split(whereSeparator: { $0 == "\t" || $0 == " " })
            guard targets.count == 3, let t = Int(targets[0]), let f = Int(targets[2]),
                  let rt = UInt8(exactly: t - pc - 1), let rf = UInt8(exactly: f - pc - 1) else { return nil }
            jt = rt
            jf = rf
            operand = operand[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
        }
        let k = constant(in: operand, mnemonic: mnemonic, pc: pc)
        for code in codesByMnemonic[mnemonic] ?? [] {
            let candidate = Instruction(code: code, jt: jt, jf: jf, k: k)
            if candidate.image(at: pc) == line { return candidate }
        }
        return nil
    }

    /// The `k` an operand text shows (0 when it shows none).
    static func constant(in operand: String, mnemonic: String, pc: Int) -> UInt32 {
        if mnemonic == "ja", let target = Int(operand) { return UInt32(truncatingIfNeeded: target - pc - 1) }
        if operand.hasPrefix("["), let field = Ancillary.allCases.first(where: { "[\($0.libpcapName)]" == operand }) {
            return field.k
        }
        var digits = operand
        for noise in ["#", "M[", "4*([", "]&0xf)", "[x + ", "[", "]"] { digits = digits.replacingOccurrences(of: noise, with: "") }
        if digits.hasPrefix("0x"), let v = UInt32(digits.dropFirst(2), radix: 16) { return v }
        if let v = Int32(digits) { return UInt32(bitPattern: v) }
        return 0
    }
}
