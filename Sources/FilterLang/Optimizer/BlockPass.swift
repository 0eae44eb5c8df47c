import BPFCore

/// One sweep over the blocks (libpcap's `opt_blks`): value numbering and statement rewrites in every block,
/// then (first loop only) jump threading on every edge and the `or`/`and` pull-ups.
extension OptimizerState {
    /// `incoming`: the predecessor lists of the graph as the pass found it.
    mutating func optimizeBlocks(doStatements: Bool, dominators: Dominators?,
                                 incoming: PredecessorLists) throws(OptimizerError) {
        valueTable.reset()
        for l in stride(from: maxLevel, through: 0, by: -1) {
            for i in levelRange(l) {
                let b = levelOrder[i]
                try optimizeBlock(Int(b), doStatements: doStatements, incoming: incoming)
            }
        }
        guard !doStatements, let dominators else { return }
        if maxLevel >= 1 {
            let threading = JumpThreading(self, dominators: dominators)
            for l in 1...maxLevel {
                for i in levelRange(l) {
                    let b = levelOrder[i]
                    threadEdge(Int(b), isTrue: true, threading)
                    threadEdge(Int(b), isTrue: false, threading)
                }
            }
            let current = predecessorLists()
            var pullups = pullupState(dominators)
            for l in 1...maxLevel {
                for i in levelRange(l) {
                    let b = levelOrder[i]
                    orPullup(Int(b), current, &pullups)
                    andPullup(Int(b), current, &pullups)
                }
            }
        }
    }

    /// libpcap's `opt_blk`.
    private mutating func optimizeBlock(_ b: Int, doStatements: Bool,
                                        incoming: PredecessorLists) throws(OptimizerError) {
        let base = b &* Atom.count
        // An atom's value on entry is known when every predecessor agrees on it.
        do {
            var vs = values.mutableSpan
            let lo = Int(incoming.start[b]), hi = Int(incoming.start[b &+ 1])
            if lo == hi {
                for atom in 0..<Atom.count { vs[base &+ atom] = 0 }
            } else {
                let firstBase = Int(incoming.preds[lo]) &* Atom.count
                for atom in 0..<Atom.count { vs[base &+ atom] = vs[firstBase &+ atom] }
                var j = lo &+ 1
                while j < hi {
                    let other = Int(incoming.preds[j]) &* Atom.count
                    for atom in 0..<Atom.count where vs[base &+ atom] != vs[other &+ atom] { vs[base &+ atom] = 0 }
                    j &+= 1
                }
            }
        }
        let entryA = values[base &+ Atom.a]
        let entryX = values[base &+ Atom.x]
        for i in statements[b].indices {
            try evaluateStatement(b, i, alter: doStatements)
        }
        let isReturn = code[b] & 0x07 == BPF.ret
        let keepsRegisters = outUse[b] == 0
            && entryA != 0 && values[base &+ Atom.a] == entryA
            && entryX != 0 && values[base &+ Atom.x] == entryX
        if doStatements && (keepsRegisters || isReturn) {
            if !statements[b].isEmpty {
                statements[b] = []
                noteStatementChange()
            }
        } else {
            peephole(b)
            removeDeadStores(b)
        }
        if code[b] & BPF.x == 0 {
            operandValue[b] = valueTable.constant(k[b])
        } else {
            operandValue[b] = values[base &+ Atom.x]
        }
    }
}
