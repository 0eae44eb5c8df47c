/// One unresolved edge of a block under construction: which block, and which of its two successors.
struct Exit: Hashable, Sendable {
    var block: BlockID
    var onTrue: Bool
}

/// A sub-graph for one sub-expression while the code generator builds the flow graph.
///
/// `entry` is where control enters; `trueExits`/`falseExits` are the still-unresolved edges taken when the
/// sub-expression is true or false. Combining fragments resolves edges ("backpatching"): `a and b` sends
/// a's true exits to b's entry, `a or b` sends a's false exits there, `not a` swaps the two lists. At the
/// end the true exits go to `ret #snaplen`, the false ones to `ret #0`.
///
/// `last` is the block libpcap's generator functions return for a sub-expression (its most recently
/// created test); a few generators patch it directly.
struct Fragment: Sendable {
    var entry: BlockID
    var last: BlockID
    var trueExits: [Exit]
    var falseExits: [Exit]

    /// A fragment made of one fresh block whose two edges are both unresolved.
    init(block: BlockID) {
        entry = block
        last = block
        trueExits = [Exit(block: block, onTrue: true)]
        falseExits = [Exit(block: block, onTrue: false)]
    }

    init(entry: BlockID, last: BlockID, trueExits: [Exit], falseExits: [Exit]) {
        self.entry = entry
        self.last = last
        self.trueExits = trueExits
        self.falseExits = falseExits
    }

    /// The negation: exits swapped.
    var negated: Fragment {
        Fragment(entry: entry, last: last, trueExits: falseExits, falseExits: trueExits)
    }
}

extension FlowGraph {
    /// Points every edge in `exits` at `target`.
    mutating func resolve(_ exits: [Exit], to target: BlockID) {
        for e in exits {
            if e.onTrue { self[e.block].trueSuccessor = target } else { self[e.block].falseSuccessor = target }
        }
    }
}
