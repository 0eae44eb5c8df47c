import BPFCore

/// An error raised while optimizing a filter program; `message` is libpcap 1.10.3's text.
public struct OptimizerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Hashable, Sendable {
        /// Constant folding met a division by zero.
        case divisionByZero
        /// Constant folding met a modulus by zero.
        case modulusByZero
        /// A shift by a known amount larger than 31.
        case shiftTooLarge
        /// The optimized program is a lone `ret #0`.
        case rejectsAllPackets
    }

    /// The classification.
    public var kind: Kind

    /// libpcap's message for this error.
    public var message: String {
        switch kind {
        case .divisionByZero: return "division by zero"
        case .modulusByZero: return "modulus by zero"
        case .shiftTooLarge: return "shift by more than 31 bits"
        case .rejectsAllPackets: return "expression rejects all packets"
        }
    }

    public var description: String { message }

    static let divisionByZero = OptimizerError(kind: .divisionByZero)
    static let modulusByZero = OptimizerError(kind: .modulusByZero)
    static let shiftTooLarge = OptimizerError(kind: .shiftTooLarge)

    /// The same error as a ``FilterError`` (for the compiler's public entry point).
    public var filterError: FilterError {
        FilterError(kind: kind == .rejectsAllPackets ? .rejectsAllPackets : .semantic, message: message, range: nil)
    }
}

/// libpcap 1.10.3's flow-graph optimizer (`bpf_optimize`), reaching the same result with sparse data structures.
///
/// The passes, their order and their tie-breaking are libpcap's, including its known quirks (stale dominators
/// after pull-ups, dead-store removal that leaves the value table believing the store happened, a stop after
/// 100 consecutive passes that only moved branches), so that the linearized program is the one `tcpdump -d`
/// prints. The one deliberate difference: `jset #0xffffffff` is not treated as always true.
public enum Optimizer {
    /// Counters describing one optimization (for benchmarks and tests).
    public struct Statistics: Sendable, Hashable {
        /// Blocks reachable when optimization started.
        public var blocks = 0
        /// Passes of the first loop (branches and statements, no statement deletion on return paths).
        public var branchPasses = 0
        /// Passes of the second loop.
        public var statementPasses = 0
    }

    /// Settings of the optimizer's data structures. They change how fast a result is reached, never the result
    /// (tests force the rarely used paths with them).
    public struct Tuning: Sendable, Hashable {
        /// Plain pull-up walk steps (one block at a time) a pass may take, per block, before long walks switch
        /// to link-cut forests.
        public var pullupStepsPerBlock: Int
        /// Plain steps one pull-up walk takes before switching, once the pass's plain steps are spent.
        public var pullupStepsPerWalk: Int

        /// Creates a tuning; the defaults are the ones ``Optimizer/optimize(_:tuning:)`` uses.
        public init(pullupStepsPerBlock: Int = 2, pullupStepsPerWalk: Int = 2) {
            self.pullupStepsPerBlock = pullupStepsPerBlock
            self.pullupStepsPerWalk = pullupStepsPerWalk
        }
    }

    /// Optimizes `graph` in place: afterwards `graph.root` and the blocks reachable from it form the optimized
    /// program (unreachable blocks are left behind).
    ///
    /// - Throws: ``OptimizerError``: constant folding hit a division/modulus by zero or an oversized shift, or
    ///   the result is a lone `ret #0` ("expression rejects all packets").
    @discardableResult
    public static func optimize(_ graph: inout FlowGraph,
                                tuning: Tuning = Tuning()) throws(OptimizerError) -> Statistics {
        var stats = Statistics()
        guard graph.root.index >= 0, graph.root.index < graph.blocks.count else { return stats }
        var state = OptimizerState(graph)
        state.tuning = tuning
        stats.blocks = state.count
        stats.branchPasses = try state.runLoop(doStatements: false)
        stats.statementPasses = try state.runLoop(doStatements: true)
        state.internBlocks()
        state.skipUndecidedRoot()
        state.write(into: &graph)
        let root = graph[graph.root]
        if root.branch.code == BPF.ret | BPF.k && root.branch.k == 0 {
            throw OptimizerError(kind: .rejectsAllPackets)
        }
        return stats
    }
}

extension OptimizerState {
    /// libpcap's `opt_loop`: passes until one changes nothing, or until 100 consecutive passes changed only
    /// branch targets. Returns the number of passes.
    mutating func runLoop(doStatements: Bool) throws(OptimizerError) -> Int {
        var branchOnlyPasses = 0
        var passes = 0
        while true {
            passes += 1
            changed = false
            nonBranchChange = false
            computeLevels()
            let incoming = predecessorLists()
            let dominators = doStatements ? nil : Dominators(self, predecessors: incoming)
            computeLiveness()
            try optimizeBlocks(doStatements: doStatements, dominators: dominators, incoming: incoming)
            if !changed { break }
            if nonBranchChange {
                branchOnlyPasses = 0
            } else {
                branchOnlyPasses += 1
                if branchOnlyPasses >= 100 { break }
            }
        }
        return passes
    }
}
