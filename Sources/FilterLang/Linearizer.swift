import BPFCore

/// Turns a ``FlowGraph`` into the instruction array libpcap 1.10.3 produces for it (`icode_to_fcode`).
///
/// Layout rules (they decide the exact `-d` text):
/// - blocks are placed from the end of the array towards its start, in a depth-first post-order that visits
///   the false successor before the true one; so the root comes first, its true chain follows it, and a
///   block shared by several predecessors sits where that walk first reaches it;
/// - a conditional branch whose target is 256 or more instructions away gets an unconditional `ja` right
///   after it (the branch then jumps 0 or 1 instructions to reach the `ja`); each time a new long branch is
///   found the whole layout starts again with that block one instruction longer, as libpcap does.
public enum Linearizer {
    /// The flow graph could not be laid out (a malformed graph: missing successor or local jump target).
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What went wrong.
        public var description: String
    }

    /// Lays out the blocks reachable from `graph.root`.
    ///
    /// libpcap restarts the layout each time it finds one more branch that needs a long jump. A branch's
    /// distance can only grow when other blocks get longer, so adding every branch found too long in one
    /// pass, and repeating until none is, reaches the same set of long jumps (and the same program) with
    /// far fewer passes.
    public static func linearize(_ graph: FlowGraph) throws(Failure) -> Program {
        var longTrue = [Bool](repeating: false, count: graph.blocks.count)
        var longFalse = [Bool](repeating: false, count: graph.blocks.count)
        let order = try postOrder(graph)
        while true {
            switch try attempt(graph, order: order, longTrue: longTrue, longFalse: longFalse) {
            case .done(let program):
                return program
            case .needsLong(let trueSide, let falseSide):
                for id in trueSide { longTrue[id.index] = true }
                for id in falseSide { longFalse[id.index] = true }
            }
        }
    }

    private enum Outcome {
        case done(Program)
        case needsLong(trueSide: [BlockID], falseSide: [BlockID])
    }

    /// Depth-first post-order over the reachable blocks, false successor visited before true successor.
    private static func postOrder(_ graph: FlowGraph) throws(Failure) -> [BlockID] {
        var visited = Set<BlockID>()
        var order: [BlockID] = []
        // Each frame: block and how many successors have been handled (0: none, 1: false, 2: both).
        var stack: [(BlockID, Int)] = []
        func enter(_ id: BlockID?) throws(Failure) {
            guard let id else { return }
            guard id.index >= 0, id.index < graph.blocks.count else {
                throw Failure(description: "edge to unknown block \(id)")
            }
            if visited.insert(id).inserted { stack.append((id, 0)) }
        }
        try enter(graph.root)
        while let (id, state) = stack.last {
            let block = graph[id]
            switch state {
            case 0:
                stack[stack.count - 1].1 = 1
                try enter(block.falseSuccessor)
            case 1:
                stack[stack.count - 1].1 = 2
                try enter(block.trueSuccessor)
            default:
                stack.removeLast()
                order.append(id)
            }
        }
        return order
    }

    private static func attempt(_ graph: FlowGraph, order: [BlockID], longTrue: [Bool],
                                longFalse: [Bool]) throws(Failure) -> Outcome {
        var total = 0
        for id in order {
            let b = graph[id]
            var live = 0
            for st in b.statements where !st.isNop { live += 1 }
            total += live + 1 + (longTrue[id.index] ? 1 : 0) + (longFalse[id.index] ? 1 : 0)
        }
        var code = [Instruction](repeating: Instruction(code: 0), count: total)
        var position = [Int](repeating: -1, count: graph.blocks.count)
        var needTrue: [BlockID] = [], needFalse: [BlockID] = []
        var tail = total
        for id in order {
            let b = graph[id]
            let stmts = b.statements.filter { !$0.isNop }
            let extraT = longTrue[id.index] ? 1 : 0
            let extraF = longFalse[id.index] ? 1 : 0
            tail -= stmts.count + 1 + extraT + extraF
            let start = tail
            position[id.index] = start
            for (i, s) in stmts.enumerated() {
                var insn = Instruction(code: s.code, k: s.k)
                let isLocalJump = s.instructionClass == BPF.jmp && s.code != (BPF.jmp | BPF.ja)
                if isLocalJump && i != stmts.count - 2 {
                    guard let t = s.localTrue, let f = s.localFalse, t > i, f > i,
                          t - i - 1 < 256, f - i - 1 < 256 else {
                        throw Failure(description: "bad block-local jump in \(id) at statement \(i)")
                    }
                    insn.jt = UInt8(t - i - 1)
                    insn.jf = UInt8(f - i - 1)
                }
                code[start + i] = insn
            }
            let branchAt = start + stmts.count
            var branch = Instruction(code: b.branch.code, k: b.branch.k)
            if let t = b.trueSuccessor {
                guard let f = b.falseSuccessor, t.index < position.count, f.index < position.count,
                      position[t.index] >= 0, position[f.index] >= 0 else {
                    throw Failure(description: "block \(id) has an unplaced or missing successor")
                }
                var extra = 0
                let offT = position[t.index] - branchAt - 1
                if offT >= 256 {
                    if extraT == 0 {
                        needTrue.append(id)
                    } else {
                        branch.jt = UInt8(extra)
                        extra += 1
                        code[branchAt + extra] = Instruction(code: BPF.jmp | BPF.ja, k: UInt32(offT - extra))
                    }
                } else {
                    branch.jt = UInt8(offT)
                }
                let offF = position[f.index] - branchAt - 1
                if offF >= 256 {
                    if extraF == 0 {
                        needFalse.append(id)
                    } else {
                        branch.jf = UInt8(extra)
                        extra += 1
                        code[branchAt + extra] = Instruction(code: BPF.jmp | BPF.ja, k: UInt32(offF - extra))
                    }
                } else {
                    branch.jf = UInt8(offF)
                }
            }
            code[branchAt] = branch
        }
        if !needTrue.isEmpty || !needFalse.isEmpty { return .needsLong(trueSide: needTrue, falseSide: needFalse) }
        return .done(Program(code))
    }
}
