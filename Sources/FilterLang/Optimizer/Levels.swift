/// Levels of the blocks reachable from the root (libpcap's `find_levels`).
///
/// A block's level is the length of the longest path from it to a return (returns are level 0). Passes walk
/// the levels from the root's (the highest) down, and inside a level in the order of libpcap's list: blocks
/// are prepended when a depth-first walk (true successor first) finishes them.
extension OptimizerState {
    mutating func computeLevels() {
        for b in 0..<count {
            reachableInPass[b] = false
            level[b] = -1
        }
        // Blocks in the order the walk finishes them.
        var finished: [Int32] = []
        finished.reserveCapacity(count)
        var levelCount: [Int32] = []
        // Iterative post-order walk; state 0 = enter, 1 = true child done, 2 = both done.
        var stack: [(Int32, UInt8)] = [(root, 0)]
        reachableInPass[Int(root)] = true
        while let (b, state) = stack.last {
            let bi = Int(b)
            let t = jt[bi], f = jf[bi]
            if t < 0 || f < 0 {
                stack.removeLast()
                level[bi] = 0
                finished.append(b)
                if levelCount.isEmpty { levelCount.append(0) }
                levelCount[0] += 1
                continue
            }
            switch state {
            case 0:
                stack[stack.count - 1].1 = 1
                if !reachableInPass[Int(t)] {
                    reachableInPass[Int(t)] = true
                    stack.append((t, 0))
                }
            case 1:
                stack[stack.count - 1].1 = 2
                if !reachableInPass[Int(f)] {
                    reachableInPass[Int(f)] = true
                    stack.append((f, 0))
                }
            default:
                stack.removeLast()
                let l = max(level[Int(t)], level[Int(f)]) + 1
                level[bi] = l
                finished.append(b)
                while levelCount.count <= Int(l) { levelCount.append(0) }
                levelCount[Int(l)] += 1
            }
        }
        // Bucket by level; inside a level the most recently finished block comes first.
        levelStart = [Int32](repeating: 0, count: levelCount.count + 1)
        for l in levelCount.indices { levelStart[l + 1] = levelStart[l] + levelCount[l] }
        var fill = levelStart
        levelOrder = [Int32](repeating: 0, count: finished.count)
        for b in finished.reversed() {
            let l = Int(level[Int(b)])
            levelOrder[Int(fill[l])] = b
            fill[l] += 1
        }
    }

    /// Indices into ``levelOrder`` of the blocks at level `l`, in libpcap's list order.
    @inline(__always)
    func levelRange(_ l: Int) -> Range<Int> { Int(levelStart[l])..<Int(levelStart[l + 1]) }

    /// The root's level (the highest).
    var maxLevel: Int { levelStart.count - 2 }

    /// For every block reachable at the start of the pass, its predecessors in the order of libpcap's in-edge
    /// list (`find_inedges`: built by walking levels from the top, true edge then false edge, each prepended),
    /// using the current successors. Only blocks above level 0 contribute edges.
    func predecessorLists() -> PredecessorLists {
        var counts = [Int32](repeating: 0, count: count + 1)
        for l in stride(from: maxLevel, to: 0, by: -1) {
            for i in levelRange(l) {
                let b = levelOrder[i]
                counts[Int(jt[Int(b)])] += 1
                counts[Int(jf[Int(b)])] += 1
            }
        }
        var start = [Int32](repeating: 0, count: count + 1)
        var running: Int32 = 0
        for i in 0..<count {
            start[i] = running
            running += counts[i]
        }
        start[count] = running
        var fill = start
        var preds = [Int32](repeating: 0, count: Int(running))
        // Walk in the reverse of libpcap's linking order so each list reads head first.
        for l in 1..<max(1, maxLevel + 1) {
            for i in levelRange(l).reversed() {
                let b = levelOrder[i]
                let f = Int(jf[Int(b)]), t = Int(jt[Int(b)])
                preds[Int(fill[f])] = b
                fill[f] += 1
                preds[Int(fill[t])] = b
                fill[t] += 1
            }
        }
        return PredecessorLists(start: start, preds: preds)
    }
}

/// Predecessors of each block, head of libpcap's in-edge list first (compressed rows).
struct PredecessorLists {
    let start: [Int32]
    let preds: [Int32]

    /// The predecessors of block `b`.
    @inline(__always)
    func of(_ b: Int) -> ArraySlice<Int32> { preds[Int(start[b])..<Int(start[b + 1])] }
}
