import BPFCore

/// The control-flow graph of a compiled filter: blocks plus the entry block.
///
/// Built by the code generator exactly as libpcap 1.10.3 builds it (same blocks, same statements, same
/// edges), so that ``Linearizer`` produces libpcap's instruction array. A graph is a DAG: every edge points
/// to a block that runs later. Blocks can be shared by several predecessors (in particular the final
/// `ret #snaplen` and `ret #0` blocks). Unreachable blocks may exist in `blocks`; consumers should walk
/// from `root`.
///
/// Optimizer note: the optimizer (issue 4) may rewrite statements and branches in place, retarget
/// successors, and change `root`; ``Linearizer`` only looks at what is reachable from `root` and skips
/// ``Statement/nop`` statements.
public struct FlowGraph: Sendable {
    /// All blocks ever created, indexed by ``BlockID/index``.
    public var blocks: [Block] = []
    /// Entry block.
    public var root: BlockID = BlockID(0)

    /// Creates an empty graph.
    public init() {}

    /// Adds a block ending in `branch` and returns its identifier.
    @discardableResult
    public mutating func addBlock(branch: Statement, statements: [Statement] = []) -> BlockID {
        let id = BlockID(blocks.count)
        blocks.append(Block(id: id, statements: statements, branch: branch))
        return id
    }

    /// Accesses a block by identifier.
    public subscript(id: BlockID) -> Block {
        get { blocks[id.index] }
        set { blocks[id.index] = newValue }
    }

    /// Identifiers of the blocks reachable from `root`, in depth-first order (true successor first).
    public func reachableBlocks() -> [BlockID] {
        var seen = Set<BlockID>()
        var order: [BlockID] = []
        var stack = [root]
        while let id = stack.popLast() {
            guard id.index < blocks.count, seen.insert(id).inserted else { continue }
            order.append(id)
            let b = blocks[id.index]
            if let f = b.falseSuccessor { stack.append(f) }
            if let t = b.trueSuccessor { stack.append(t) }
        }
        return order
    }
}
