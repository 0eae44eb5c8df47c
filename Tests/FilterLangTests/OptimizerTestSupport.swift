import BPFCore
import FilterLang
import Foundation
import TestSupport

/// Helpers for the optimizer tests.
enum OptimizerTestSupport {
    /// Rebuilds the flow graph behind an unoptimized libpcap program (`tcpdump -O -d` order).
    ///
    /// libpcap places every block of the unoptimized graph exactly once, as its statements followed by its
    /// branch, so splitting the array after each conditional jump or return gives back the blocks, and the
    /// jump offsets (through any long-jump `ja`) give back the edges. Programs with jumps inside a block's
    /// statements (protochain, 802.11 header lengths) are not rebuilt faithfully; libpcap does not optimize
    /// those anyway.
    static func graph(from program: Program) -> FlowGraph? {
        let insns = program.instructions
        let n = insns.count
        guard n > 0 else { return nil }
        var graph = FlowGraph()
        var blockAt: [Int: BlockID] = [:]
        var work: [(Int, BlockID)] = []
        func resolve(_ pc: Int) -> Int? {
            var p = pc
            var hops = 0
            while p >= 0, p < n, insns[p].code == BPF.jmp | BPF.ja {
                p = p + 1 + Int(insns[p].k)
                hops += 1
                if hops > n { return nil }
            }
            return p >= 0 && p < n ? p : nil
        }
        func block(at pc: Int) -> BlockID {
            if let id = blockAt[pc] { return id }
            let id = graph.addBlock(branch: Statement(0))
            blockAt[pc] = id
            work.append((pc, id))
            return id
        }
        _ = block(at: 0)
        while let (start, id) = work.popLast() {
            var statements: [Statement] = []
            var pc = start
            while true {
                guard pc < n else { return nil }
                let insn = insns[pc]
                let cls = insn.code & 0x07
                if cls == BPF.ret {
                    graph[id].statements = statements
                    graph[id].branch = Statement(insn.code, insn.k)
                    break
                }
                if cls == BPF.jmp {
                    if insn.code == BPF.jmp | BPF.ja { return nil }
                    guard let t = resolve(pc + 1 + Int(insn.jt)), let f = resolve(pc + 1 + Int(insn.jf)) else {
                        return nil
                    }
                    graph[id].statements = statements
                    graph[id].branch = Statement(insn.code, insn.k)
                    let tb = block(at: t)
                    let fb = block(at: f)
                    graph[id].trueSuccessor = tb
                    graph[id].falseSuccessor = fb
                    break
                }
                statements.append(Statement(insn.code, insn.k))
                pc += 1
            }
        }
        return graph
    }

    /// One line of `golden-1.10.3.jsonl`.
    struct GoldenLine: Decodable, Sendable {
        var expr: String
        var DLT: String
        var opt_rc: Int
        var opt: String
        var opt_err: String
        var unopt_rc: Int
        var unopt: String
        var unopt_err: String
    }

    /// The golden corpus, or nil when it is missing.
    static func golden() -> [GoldenLine]? {
        guard let text = Corpus.text("libpcap/golden-1.10.3.jsonl") else { return nil }
        let decoder = JSONDecoder()
        var lines: [GoldenLine] = []
        for line in text.split(separator: "\n") where !line.isEmpty {
            guard let entry = try? decoder.decode(GoldenLine.self, from: Data(line.utf8)) else { continue }
            lines.append(entry)
        }
        return lines
    }

    /// True when libpcap 1.10.3 switches its optimizer off for `expr` on `dlt` (protochain, geneve, or a
    /// variable-length 802.11 radio header; the unoptimized program then contains jumps inside blocks).
    static func libpcapSkipsOptimizer(_ expr: String, dlt: String) -> Bool {
        if expr.contains("protochain") || expr.contains("geneve") { return true }
        return ["PRISM_HEADER", "IEEE802_11_RADIO_AVS", "IEEE802_11_RADIO", "PPI", "IEEE802_11"].contains(dlt)
    }

    /// Optimizes and linearizes `graph` the way `tcpdump -d` would print it, or returns the error message.
    static func optimizedListing(_ graph: FlowGraph) -> Outcome {
        var g = graph
        do {
            try Optimizer.optimize(&g)
        } catch {
            return .error(error.message)
        }
        do {
            return .listing(try Linearizer.linearize(g).dump(.assembly))
        } catch {
            return .error("linearizer: \(error)")
        }
    }

    /// A compilation result: the `-d` listing or an error message.
    enum Outcome: Equatable {
        case listing(String)
        case error(String)
    }
}
