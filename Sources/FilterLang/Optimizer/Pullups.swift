/// The `or` and `and` pull-ups (libpcap's `or_pullup` and `and_pullup`).
///
/// For `A or B` chains: when a block `b` is reached from a chain of tests that all leave the same value in A,
/// and further down the false chain (true chain for `and`) a test on that same value appears after a test on a
/// different one, that later test is moved up, directly under the chain's entry. The predecessor lists are the
/// ones computed before the pull-ups of the pass started (libpcap does not refresh them after each pull-up),
/// and the dominator facts are the pass's initial ones.
extension OptimizerState {
    /// A successor slot: the true or false successor of a block.
    private struct Slot {
        var block: Int
        var isTrue: Bool
    }

    @inline(__always)
    private func read(_ s: Slot) -> Int { Int(s.isTrue ? jt[s.block] : jf[s.block]) }

    @inline(__always)
    private mutating func write(_ s: Slot, _ value: Int) {
        if s.isTrue { jt[s.block] = Int32(value) } else { jf[s.block] = Int32(value) }
    }

    mutating func orPullup(_ b: Int, _ incoming: PredecessorLists, _ dominators: Dominators) {
        pullup(b, incoming, dominators, chainFollowsTrue: false)
    }

    mutating func andPullup(_ b: Int, _ incoming: PredecessorLists, _ dominators: Dominators) {
        pullup(b, incoming, dominators, chainFollowsTrue: true)
    }

    /// `chainFollowsTrue == false` is the `or` pull-up: chain members share `b`'s true successor and the chain
    /// continues through false successors; `true` is the mirror image for `and`.
    private mutating func pullup(_ b: Int, _ incoming: PredecessorLists, _ dominators: Dominators,
                                 chainFollowsTrue: Bool) {
        let preds = incoming.of(b)
        guard let first = preds.first else { return }
        let aValue = value(Int(first), Atom.a)
        for p in preds.dropFirst() where value(Int(p), Atom.a) != aValue { return }
        // The shared exit of the chain.
        func exit(_ x: Int) -> Int32 { chainFollowsTrue ? jf[x] : jt[x] }
        let shared = exit(b)
        var diff = Slot(block: Int(first), isTrue: jt[Int(first)] == Int32(b))
        var atTop = true
        while true {
            let d = read(diff)
            if d < 0 { return }
            if exit(d) != shared { return }
            if !dominators.dominates(b, d) { return }
            if value(d, Atom.a) != aValue { break }
            diff = Slot(block: d, isTrue: chainFollowsTrue)
            atTop = false
        }
        var same = Slot(block: read(diff), isTrue: chainFollowsTrue)
        while true {
            let s = read(same)
            if s < 0 { return }
            if exit(s) != shared { return }
            if !dominators.dominates(b, s) { return }
            if value(s, Atom.a) == aValue { break }
            same = Slot(block: s, isTrue: chainFollowsTrue)
        }
        let pull = read(same)
        let pullNext = Slot(block: pull, isTrue: chainFollowsTrue)
        write(same, read(pullNext))
        write(pullNext, read(diff))
        if atTop {
            for p in preds {
                let pi = Int(p)
                if jt[pi] == Int32(b) { jt[pi] = Int32(pull) } else { jf[pi] = Int32(pull) }
            }
        } else {
            write(diff, pull)
        }
        changed = true
    }
}
