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

    /// Redirects every edge to the highest-numbered block equal to its target (same statements, branch and
    /// successors), repeating until nothing changes. libpcap compares every pair; a hash of each block's shape
    /// finds the same partner in one sweep from the highest block number down.
    mutating func internBlocks() {
        var representative = [Int32](repeating: -1, count: count)
        var live = [Bool](repeating: false, count: count)
        var seen: [BlockShape: Int32] = [:]
        while true {
            for i in 0..<count { representative[i] = -1; live[i] = false }
            var stack: [Int32] = [root]
            live[Int(root)] = true
            while let b = stack.popLast() {
                let bi = Int(b)
                if code[bi] & 0x07 == 0x06 { continue }
                for s in [jt[bi], jf[bi]] where s >= 0 && !live[Int(s)] {
                    live[Int(s)] = true
                    stack.append(s)
                }
            }
            seen.removeAll(keepingCapacity: true)
            // libpcap: for each live block i (from count-2 down), the smallest live j > i equal to it.
            var i = count - 1
            while i >= 0 {
                if live[i] {
                    let key = shape(i)
                    if let j = seen[key] {
                        let r = representative[Int(j)]
                        representative[i] = r >= 0 ? r : j
                    }
                    seen[key] = Int32(i)
                }
                i -= 1
            }
            var done = true
            for p in 0..<count where jt[p] >= 0 {
                let t = representative[Int(jt[p])]
                if t >= 0 { jt[p] = t; done = false }
                let f = representative[Int(jf[p])]
                if f >= 0 { jf[p] = f; done = false }
            }
            if done { return }
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
