/// Merging of equal blocks (libpcap's `intern_blocks`) and the skipping of undecided roots (`opt_root`).
extension OptimizerState {
    private struct BlockShape: Hashable {
        var code: UInt16
        var k: UInt32
        var jt: Int32
        var jf: Int32
        var statements: [UInt64]
    }

    private func shape(_ b: Int) -> BlockShape {
        var list: [UInt64] = []
        list.reserveCapacity(statements[b].count)
        for s in statements[b] where !s.isNop { list.append(UInt64(s.code) << 32 | UInt64(s.k)) }
        return BlockShape(code: code[b], k: k[b], jt: jt[b], jf: jf[b], statements: list)
    }

    /// Redirects every edge to the highest-numbered live block equal to its target (same statements, branch and
    /// successors, the successors compared after their own merging), libpcap's `intern_blocks` fixed point.
    ///
    /// libpcap compares every pair of live blocks, redirects, and starts again until no edge moves (quadratic
    /// per round, one round per merged level). Equal blocks have equal heights (longest path to a return), so
    /// one sweep from height 0 upwards, hashing each block's shape with its successors already replaced by
    /// their representatives, reaches the same result: a block is never unreachable while it is the
    /// highest-numbered member of its class, so the representative libpcap ends with is that member.
    mutating func internBlocks() {
        // Heights of the live blocks (post-order walk from the root).
        var height = [Int32](repeating: -1, count: count)
        var byHeight: [[Int32]] = []
        var entered = [Bool](repeating: false, count: count)
        // Iterative post-order walk: state 0 = enter, 1 = true successor done, 2 = both done.
        var stack: [(Int32, UInt8)] = [(root, 0)]
        entered[Int(root)] = true
        while let (b, state) = stack.last {
            let bi = Int(b)
            let isReturn = code[bi] & 0x07 == 0x06 || jt[bi] < 0 || jf[bi] < 0
            if !isReturn && state < 2 {
                stack[stack.count - 1].1 = state + 1
                let s = state == 0 ? jt[bi] : jf[bi]
                if !entered[Int(s)] {
                    entered[Int(s)] = true
                    stack.append((s, 0))
                }
                continue
            }
            stack.removeLast()
            height[bi] = isReturn ? 0 : max(height[Int(jt[bi])], height[Int(jf[bi])]) + 1
            while byHeight.count <= Int(height[bi]) { byHeight.append([]) }
            byHeight[Int(height[bi])].append(b)
        }
        var representative = [Int32](repeating: -1, count: count)
        var classes: [BlockShape: Int32] = [:]
        for level in byHeight {
            classes.removeAll(keepingCapacity: true)
            for b in level {
                let bi = Int(b)
                var key = shape(bi)
                if key.jt >= 0 { key.jt = representative[Int(key.jt)] }
                if key.jf >= 0 { key.jf = representative[Int(key.jf)] }
                if let other = classes[key] {
                    if b > other { classes[key] = b }
                } else {
                    classes[key] = b
                }
            }
            for b in level {
                let bi = Int(b)
                var key = shape(bi)
                if key.jt >= 0 { key.jt = representative[Int(key.jt)] }
                if key.jf >= 0 { key.jf = representative[Int(key.jf)] }
                representative[bi] = classes[key] ?? b
            }
        }
        for p in 0..<count where entered[p] && jt[p] >= 0 && jf[p] >= 0 {
            jt[p] = representative[Int(jt[p])]
            jf[p] = representative[Int(jf[p])]
        }
    }

    /// Skips root blocks whose two successors are the same, keeping the skipped root's statements in front of
    /// the new root's; a return at the root keeps no statements.
    mutating func skipUndecidedRoot() {
        let saved = statements[Int(root)]
        statements[Int(root)] = []
        while code[Int(root)] & 0x07 == 0x05 && jt[Int(root)] == jf[Int(root)] && jt[Int(root)] >= 0 {
            root = jt[Int(root)]
        }
        statements[Int(root)] = saved + statements[Int(root)]
        if code[Int(root)] & 0x07 == 0x06 { statements[Int(root)] = [] }
    }
}
