/// Identifies one basic block of a ``FlowGraph`` (its index in `FlowGraph.blocks`).
public struct BlockID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Index into ``FlowGraph/blocks``.
    public var index: Int
    /// Creates an identifier from an index.
    public init(_ index: Int) { self.index = index }
    public static func < (a: BlockID, b: BlockID) -> Bool { a.index < b.index }
    public var description: String { "B\(index)" }
}

/// A basic block of libpcap's flow graph: straight-line statements ending in one branch or return.
///
/// This is the node type of the intermediate representation the code generator builds and the linearizer
/// consumes, and the structure an optimizer works on (libpcap's `struct block`):
/// - `statements`: side-effect statements (loads, stores, ALU ops), in order;
/// - `branch`: the terminating instruction: a conditional jump (`jeq/jgt/jge/jset`, `#k` or `x`), whose
///   successors are `trueSuccessor`/`falseSuccessor`, or a `ret` (then both successors are nil);
/// - `id`: stable identity (index in the graph), creation order.
///
/// Unconditional `ja` never appears as a branch: the linearizer inserts it for long jumps only.
public struct Block: Hashable, Sendable {
    /// This block's identity.
    public let id: BlockID
    /// Straight-line statements executed before the branch.
    public var statements: [Statement]
    /// Terminating conditional jump or return; only `code` and `k` are meaningful.
    public var branch: Statement
    /// Successor when the branch condition holds (nil for returns, or while still unresolved).
    public var trueSuccessor: BlockID?
    /// Successor when the branch condition fails (nil for returns, or while still unresolved).
    public var falseSuccessor: BlockID?

    /// Creates a block.
    public init(id: BlockID, statements: [Statement] = [], branch: Statement,
                trueSuccessor: BlockID? = nil, falseSuccessor: BlockID? = nil) {
        self.id = id
        self.statements = statements
        self.branch = branch
        self.trueSuccessor = trueSuccessor
        self.falseSuccessor = falseSuccessor
    }

    /// True when the block ends in a `ret`.
    public var isReturn: Bool { branch.instructionClass == 0x06 }
}
