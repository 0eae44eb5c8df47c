import BPFCore

/// The optimizer's working form of a ``FlowGraph``: the blocks reachable from the root when optimization starts,
/// numbered densely in depth-first pre-order (true successor first), with their per-block facts in parallel
/// arrays ("structure of arrays").
///
/// The numbering is the one libpcap's optimizer uses for its block and edge identities; the passes that break
/// ties by identity (jump threading's choice among dominating edges, block interning) depend on it. Edge `e`
/// of block `b` is `b` for the true edge and `b + count` for the false edge.
///
/// Facts computed at the start of a pass (levels, liveness, dominators) stay as they were while the pass
/// rewrites the graph, exactly as libpcap's do; several outputs depend on that staleness.
struct OptimizerState {
    /// Number of blocks (fixed for the whole optimization).
    let count: Int
    /// The original graph identity of each dense block.
    let graphIDs: [BlockID]
    /// Straight-line statements of each block; deleted ones are ``Statement/nop`` until the block is rewritten.
    var statements: [[Statement]]
    /// Branch opcode of each block.
    var code: [UInt16]
    /// Branch operand of each block.
    var k: [UInt32]
    /// True successor (dense index), or -1 for a return.
    var jt: [Int32]
    /// False successor (dense index), or -1 for a return.
    var jf: [Int32]
    /// Current entry block.
    var root: Int32

    /// Value numbers of the 18 atoms on exit from each block (`values[b * Atom.count + atom]`); 0 = unknown.
    var values: [UInt32]
    /// Value number of the branch's operand (the constant, or X's value).
    var operandValue: [UInt32]
    /// Atoms a block reads before defining them, plus those live on exit and not killed.
    var inUse: [UInt32]
    /// Atoms live on exit from a block.
    var outUse: [UInt32]
    /// Atoms a block defines without having read them first.
    var kill: [UInt32]

    /// Longest-path level of each block reachable at the start of the pass (returns are level 0); -1 otherwise.
    var level: [Int32]
    /// Blocks reachable at the start of the pass grouped by level (level 0 first); inside a level in libpcap's
    /// list order (most recently finished first). Level `l` occupies ``levelRange(_:)``.
    var levelOrder: [Int32]
    /// Start of each level in ``levelOrder``, plus the end (`levelStart[maxLevel + 1]`).
    var levelStart: [Int32]
    /// Pass counter for `level` validity.
    var reachableInPass: [Bool]

    /// Data-structure settings.
    var tuning = Optimizer.Tuning()
    /// The value-numbering table of the current pass.
    var valueTable = ValueTable()
    /// Reused working storage of ``removeDeadStores(_:)`` (one entry per atom).
    var deadStoreScratch = [Int](repeating: -1, count: Atom.count)

    /// Set when a pass changed anything.
    var changed = false
    /// Set when a pass changed something other than a branch target (libpcap's loop detection).
    var nonBranchChange = false

    /// Builds the working form from the blocks reachable from `graph.root`.
    init(_ graph: FlowGraph) {
        var order: [BlockID] = []
        var dense = [Int32](repeating: -1, count: graph.blocks.count)
        var stack: [BlockID] = [graph.root]
        while let id = stack.popLast() {
            guard id.index >= 0, id.index < graph.blocks.count, dense[id.index] < 0 else { continue }
            dense[id.index] = Int32(order.count)
            order.append(id)
            let block = graph.blocks[id.index]
            if block.isReturn { continue }
            if let f = block.falseSuccessor { stack.append(f) }
            if let t = block.trueSuccessor { stack.append(t) }
        }
        count = order.count
        graphIDs = order
        statements = order.map { graph.blocks[$0.index].statements }
        code = order.map { graph.blocks[$0.index].branch.code }
        k = order.map { graph.blocks[$0.index].branch.k }
        func denseIndex(_ id: BlockID?) -> Int32 {
            guard let id, id.index >= 0, id.index < dense.count else { return -1 }
            return dense[id.index]
        }
        jt = order.map { graph.blocks[$0.index].isReturn ? -1 : denseIndex(graph.blocks[$0.index].trueSuccessor) }
        jf = order.map { graph.blocks[$0.index].isReturn ? -1 : denseIndex(graph.blocks[$0.index].falseSuccessor) }
        root = 0
        values = [UInt32](repeating: 0, count: count * Atom.count)
        operandValue = [UInt32](repeating: 0, count: count)
        inUse = [UInt32](repeating: 0, count: count)
        outUse = [UInt32](repeating: 0, count: count)
        kill = [UInt32](repeating: 0, count: count)
        level = [Int32](repeating: -1, count: count)
        levelOrder = []
        levelStart = [0]
        reachableInPass = [Bool](repeating: false, count: count)
    }

    /// True when block `b` ends in a conditional jump with both successors set.
    @inline(__always)
    func isJump(_ b: Int) -> Bool { jt[b] >= 0 && jf[b] >= 0 }

    /// Value number of `atom` on exit from block `b`.
    @inline(__always)
    func value(_ b: Int, _ atom: Int) -> UInt32 { values[b &* Atom.count &+ atom] }

    /// Records that something other than a branch target changed.
    @inline(__always)
    mutating func noteStatementChange() {
        changed = true
        nonBranchChange = true
    }

    /// Writes the result back into `graph` (statements without NOPs, branches, successors, root).
    func write(into graph: inout FlowGraph) {
        for b in 0..<count {
            let id = graphIDs[b]
            graph.blocks[id.index].statements = statements[b].filter { !$0.isNop }
            graph.blocks[id.index].branch.code = code[b]
            graph.blocks[id.index].branch.k = k[b]
            graph.blocks[id.index].trueSuccessor = jt[b] >= 0 ? graphIDs[Int(jt[b])] : nil
            graph.blocks[id.index].falseSuccessor = jf[b] >= 0 ? graphIDs[Int(jf[b])] : nil
        }
        graph.root = graphIDs[Int(root)]
    }
}
