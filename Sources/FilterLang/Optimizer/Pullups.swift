/// The `or` and `and` pull-ups (libpcap's `or_pullup` and `and_pullup`).
///
/// For `A or B` chains: when a block `b` is reached from a chain of tests that all leave the same value in A,
/// and further down the false chain (true chain for `and`) a test on that same value appears after a test on a
/// different one, that later test is moved up, directly under the chain's entry. The predecessor lists are the
/// ones computed before the pull-ups of the pass started (libpcap does not refresh them after each pull-up),
/// and the dominator facts are the pass's initial ones.
/// What the pull-up walks read about one block, packed together: the walks follow long chains, and one
/// record per step is much cheaper than six scattered array loads. Kept in step with `jt`/`jf` by every
/// rewrite the pull-ups make.
struct PullupNode {
    var jt: Int32
    var jf: Int32
    var aValue: UInt32
    /// Dominator-tree interval (see ``Dominators/interval(_:)``).
    var pre: Int32
    var post: Int32
}

extension OptimizerState {
    /// A successor slot: the true or false successor of a block.
    private struct Slot {
        var block: Int
        var isTrue: Bool
    }

    /// The packed records of every block, for the pull-ups of this pass.
    func pullupNodes(_ dominators: Dominators) -> [PullupNode] {
        (0..<count).map { b in
            let iv = dominators.interval(b)
            return PullupNode(jt: jt[b], jf: jf[b], aValue: values[b &* Atom.count &+ Atom.a], pre: iv.pre,
                              post: iv.post)
        }
    }

    @inline(__always)
    private func read(_ s: Slot, _ nodes: [PullupNode]) -> Int {
        Int(s.isTrue ? nodes[s.block].jt : nodes[s.block].jf)
    }

    @inline(__always)
    private mutating func write(_ s: Slot, _ value: Int, _ nodes: inout [PullupNode]) {
        if s.isTrue {
            jt[s.block] = Int32(value)
            nodes[s.block].jt = Int32(value)
        } else {
            jf[s.block] = Int32(value)
            nodes[s.block].jf = Int32(value)
        }
    }

    mutating func orPullup(_ b: Int, _ incoming: PredecessorLists, _ nodes: inout [PullupNode]) {
        pullup(b, incoming, &nodes, chainFollowsTrue: false)
    }

    mutating func andPullup(_ b: Int, _ incoming: PredecessorLists, _ nodes: inout [PullupNode]) {
        pullup(b, incoming, &nodes, chainFollowsTrue: true)
    }

    /// `chainFollowsTrue == false` is the `or` pull-up: chain members share `b`'s true successor and the chain
    /// continues through false successors; `true` is the mirror image for `and`.
    private mutating func pullup(_ b: Int, _ incoming: PredecessorLists, _ nodes: inout [PullupNode],
                                 chainFollowsTrue: Bool) {
        let preds = incoming.of(b)
        guard let first = preds.first else { return }
        let aValue = nodes[Int(first)].aValue
        for p in preds.dropFirst() where nodes[Int(p)].aValue != aValue { return }
        let walked: (diff: Slot, same: Slot, atTop: Bool)? = nodes.withUnsafeBufferPointer { buf in
            let top = buf[b]
            let shared = chainFollowsTrue ? top.jf : top.jt
            // Does b dominate the block with record n? (Unreachable blocks: pre == Int32.min, always true.)
            @inline(__always) func dominated(_ n: PullupNode) -> Bool {
                n.pre == Int32.min || (n.pre >= 0 && top.pre <= n.pre && n.post <= top.post)
            }
            var diff = Slot(block: Int(first), isTrue: buf[Int(first)].jt == Int32(b))
            var atTop = true
            var d32 = diff.isTrue ? buf[diff.block].jt : buf[diff.block].jf
            while true {
                if d32 < 0 { return nil }
                let n = buf[Int(d32)]
                if (chainFollowsTrue ? n.jf : n.jt) != shared { return nil }
                if !dominated(n) { return nil }
                if n.aValue != aValue { break }
                diff = Slot(block: Int(d32), isTrue: chainFollowsTrue)
                atTop = false
                d32 = chainFollowsTrue ? n.jt : n.jf
            }
            var same = Slot(block: Int(d32), isTrue: chainFollowsTrue)
            let dn = buf[Int(d32)]
            var s32 = chainFollowsTrue ? dn.jt : dn.jf
            while true {
                if s32 < 0 { return nil }
                let n = buf[Int(s32)]
                if (chainFollowsTrue ? n.jf : n.jt) != shared { return nil }
                if !dominated(n) { return nil }
                if n.aValue == aValue { break }
                same = Slot(block: Int(s32), isTrue: chainFollowsTrue)
                s32 = chainFollowsTrue ? n.jt : n.jf
            }
            return (diff, same, atTop)
        }
        guard let (diff, same, atTop) = walked else { return }
        let pull = read(same, nodes)
        let pullNext = Slot(block: pull, isTrue: chainFollowsTrue)
        write(same, read(pullNext, nodes), &nodes)
        write(pullNext, read(diff, nodes), &nodes)
        if atTop {
            for p in preds {
                let pi = Int(p)
                write(Slot(block: pi, isTrue: jt[pi] == Int32(b)), pull, &nodes)
            }
        } else {
            write(diff, pull, &nodes)
        }
        changed = true
    }
}
