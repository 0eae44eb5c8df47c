/// The `or` and `and` pull-ups (libpcap's `or_pullup` and `and_pullup`).
///
/// For `A or B` chains: when a block `b` is reached from a chain of tests that all leave the same value in A,
/// and further down the false chain (true chain for `and`) a test on that same value appears after a test on a
/// different one, that later test is moved up, directly under the chain's entry. The predecessor lists are the
/// ones computed before the pull-ups of the pass started (libpcap does not refresh them after each pull-up),
/// and the dominator facts are the pass's initial ones.
///
/// libpcap walks the chains one block at a time, which is quadratic on long `or`/`and` lists (every block of a
/// chain of n tests walks the rest of it). Here a walk takes a few plain steps and, when the chain turns out
/// to be long, continues on ``PullupForest``s, which find the block that ends a walk in O(log n) amortized;
/// the forests are built the first time a pass needs them and kept in step with every rewrite after that.
struct PullupNode {
    var jt: Int32
    var jf: Int32
    var aValue: UInt32
    /// Dominator-tree interval (see ``Dominators/interval(_:)``).
    var pre: Int32
    var post: Int32
}

/// What the pull-ups of one pass read and rewrite: one packed record per block (the walks follow long chains,
/// and one record per step is much cheaper than scattered array loads), plus the two forests once built.
struct PullupState {
    var nodes: [PullupNode]
    /// False-successor chains (the `or` walks), when built.
    var orForest: PullupForest?
    /// True-successor chains (the `and` walks), when built.
    var andForest: PullupForest?

    /// Plain steps a walk takes before it switches to the forests, once the pass's plain budget is spent.
    let plainSteps: Int
    /// Plain steps left in this pass.
    var plainBudget: Int

    init(nodes: [PullupNode], tuning: Optimizer.Tuning) {
        self.nodes = nodes
        plainSteps = max(0, tuning.pullupStepsPerWalk)
        plainBudget = max(0, tuning.pullupStepsPerBlock) &* nodes.count
    }

    /// Walking from `x` along this direction's chain: the first block that does not satisfy `c` and the block
    /// walked just before it (see ``PullupForest/firstFailing(from:_:)``); builds the forest on first use.
    mutating func firstFailing(chainFollowsTrue: Bool, from x: Int,
                               _ c: PullupForest.Condition) -> (block: Int, previous: Int) {
        if chainFollowsTrue {
            if andForest == nil { andForest = PullupForest(nodes, chainFollowsTrue: true) }
            return andForest?.firstFailing(from: x, c) ?? (-1, -1)
        }
        if orForest == nil { orForest = PullupForest(nodes, chainFollowsTrue: false) }
        return orForest?.firstFailing(from: x, c) ?? (-1, -1)
    }
}

extension OptimizerState {
    /// A successor slot: the true or false successor of a block.
    private struct Slot {
        var block: Int
        var isTrue: Bool
    }

    /// The packed records of every block, for the pull-ups of this pass.
    func pullupState(_ dominators: Dominators) -> PullupState {
        let nodes = (0..<count).map { b in
            let iv = dominators.interval(b)
            return PullupNode(jt: jt[b], jf: jf[b], aValue: values[b &* Atom.count &+ Atom.a], pre: iv.pre,
                              post: iv.post)
        }
        return PullupState(nodes: nodes, tuning: tuning)
    }

    @inline(__always)
    private func read(_ s: Slot, _ p: PullupState) -> Int {
        Int(s.isTrue ? p.nodes[s.block].jt : p.nodes[s.block].jf)
    }

    /// Rewrites one successor in the graph, the records and the forests.
    private mutating func write(_ s: Slot, _ value: Int, _ p: inout PullupState) {
        let v = Int32(value)
        if s.isTrue {
            jt[s.block] = v
            p.nodes[s.block].jt = v
            p.andForest?.setParent(s.block, v)
            p.orForest?.setShared(s.block, v)
        } else {
            jf[s.block] = v
            p.nodes[s.block].jf = v
            p.orForest?.setParent(s.block, v)
            p.andForest?.setShared(s.block, v)
        }
    }

    mutating func orPullup(_ b: Int, _ incoming: PredecessorLists, _ p: inout PullupState) {
        pullup(b, incoming, &p, chainFollowsTrue: false)
    }

    mutating func andPullup(_ b: Int, _ incoming: PredecessorLists, _ p: inout PullupState) {
        pullup(b, incoming, &p, chainFollowsTrue: true)
    }

    /// `chainFollowsTrue == false` is the `or` pull-up: chain members share `b`'s true successor and the chain
    /// continues through false successors; `true` is the mirror image for `and`.
    private mutating func pullup(_ b: Int, _ incoming: PredecessorLists, _ p: inout PullupState,
                                 chainFollowsTrue: Bool) {
        let preds = incoming.of(b)
        guard let first = preds.first else { return }
        let aValue = p.nodes[Int(first)].aValue
        for q in preds.dropFirst() where p.nodes[Int(q)].aValue != aValue { return }
        let top = p.nodes[b]
        let shared = chainFollowsTrue ? top.jf : top.jt
        // Does b dominate the block with record n? (Unreachable blocks: pre == Int32.min, always true.)
        @inline(__always) func dominated(_ n: PullupNode) -> Bool {
            n.pre == Int32.min || (n.pre >= 0 && top.pre <= n.pre && n.post <= top.post)
        }
        @inline(__always) func sharedOf(_ n: PullupNode) -> Int32 { chainFollowsTrue ? n.jf : n.jt }
        @inline(__always) func nextOf(_ n: PullupNode) -> Int32 { chainFollowsTrue ? n.jt : n.jf }

        // First walk: past the blocks testing the same value as the predecessors.
        var diff = Slot(block: Int(first), isTrue: p.nodes[Int(first)].jt == Int32(b))
        var atTop = true
        var d32 = Int32(read(diff, p))
        var steps = 0
        while true {
            if d32 < 0 { return }
            if steps >= p.plainSteps && p.plainBudget <= 0 {
                let c = PullupForest.Condition(a: aValue, s: shared, low: top.pre, high: top.post)
                let (f, previous) = p.firstFailing(chainFollowsTrue: chainFollowsTrue, from: Int(d32), c)
                if f < 0 { return }
                if previous >= 0 {
                    diff = Slot(block: previous, isTrue: chainFollowsTrue)
                    atTop = false
                }
                d32 = Int32(f)
                let n = p.nodes[f]
                if sharedOf(n) != shared || !dominated(n) { return }
                break
            }
            let n = p.nodes[Int(d32)]
            if sharedOf(n) != shared { return }
            if !dominated(n) { return }
            if n.aValue != aValue { break }
            diff = Slot(block: Int(d32), isTrue: chainFollowsTrue)
            atTop = false
            d32 = nextOf(n)
            steps += 1
            p.plainBudget -= 1
        }

        // Second walk: past blocks testing other values, to the next test of the same value.
        var same = Slot(block: Int(d32), isTrue: chainFollowsTrue)
        var s32 = nextOf(p.nodes[Int(d32)])
        steps = 0
        while true {
            if s32 < 0 { return }
            let n = p.nodes[Int(s32)]
            if sharedOf(n) != shared { return }
            if !dominated(n) { return }
            if n.aValue == aValue { break }
            if steps >= p.plainSteps && p.plainBudget <= 0 {
                // Skip the whole run of blocks testing n's value.
                let c = PullupForest.Condition(a: n.aValue, s: shared, low: top.pre, high: top.post)
                let (f, previous) = p.firstFailing(chainFollowsTrue: chainFollowsTrue, from: Int(s32), c)
                if f < 0 || previous < 0 { return }
                same = Slot(block: previous, isTrue: chainFollowsTrue)
                s32 = Int32(f)
                continue
            }
            same = Slot(block: Int(s32), isTrue: chainFollowsTrue)
            s32 = nextOf(n)
            steps += 1
            p.plainBudget -= 1
        }

        let pull = read(same, p)
        let pullNext = Slot(block: pull, isTrue: chainFollowsTrue)
        write(same, read(pullNext, p), &p)
        write(pullNext, read(diff, p), &p)
        if atTop {
            for q in preds {
                let qi = Int(q)
                write(Slot(block: qi, isTrue: jt[qi] == Int32(b)), pull, &p)
            }
        } else {
            write(diff, pull, &p)
        }
        changed = true
    }
}
