/// Block dominators and edge dominators of the graph as it is at the start of a pass (libpcap's `find_dom`
/// and `find_edom`), as trees instead of bit matrices.
///
/// libpcap keeps one bit vector per block and per edge (quadratic memory, quadratic time per pass). In a DAG
/// walked in level order the dominator sets are chains, so one parent pointer per node holds them: a block's
/// immediate dominator is the nearest common dominator of its predecessors, and the parent of both edges
/// leaving block `b` is the nearest common dominator of the edges entering `b`. Membership tests ("does `a`
/// dominate `d`") become interval checks on a depth-first numbering of the tree.
///
/// Only blocks above level 0 are entered: libpcap's passes never consult the dominators of a return block.
/// Like libpcap's sets, the trees are not updated when the pass later rewrites edges (no recomputation after
/// pull-ups, a behaviour libpcap 1.10.3 has and 1.10.4 changed).
struct Dominators {
    /// Number of blocks.
    let blockCount: Int
    /// Pre-order and post-order numbers of each block in the dominator tree (-1: not in the tree).
    private var blockPre: [Int32]
    private var blockPost: [Int32]
    /// Whether the block was reachable when the trees were built.
    private let reachable: [Bool]
    /// Pre-/post-order numbers of each edge in the edge-dominator forest (-1: not in it).
    private(set) var edgePre: [Int32]
    private var edgePost: [Int32]

    /// Builds the trees; `preds` are the pass's predecessor lists (``OptimizerState/predecessorLists()``).
    init(_ state: OptimizerState, predecessors preds: PredecessorLists) {
        let n = state.count
        blockCount = n
        reachable = state.reachableInPass
        var idom = [Int32](repeating: -1, count: n)
        var depth = [Int32](repeating: 0, count: n)
        var edgeParentOfBlock = [Int32](repeating: -1, count: n)  // parent edge of both edges leaving b
        var edgeDepthOfBlock = [Int32](repeating: 0, count: n)    // depth of b's two edges
        let root = Int(state.root)

        // Skew-binary jump pointers: each node keeps one extra ancestor whose depth depends only on its own
        // depth, so nearest common ancestors take O(log depth) steps even on long chains.
        var blockJump = [Int32](repeating: -1, count: n)
        var edgeJumpOfBlock = [Int32](repeating: -1, count: n)  // jump pointer of both edges leaving b
        func blockLCA(_ x: Int32, _ y: Int32) -> Int32 {
            var a = x, b = y
            if a < 0 || b < 0 { return -1 }
            if depth[Int(a)] < depth[Int(b)] { swap(&a, &b) }
            while depth[Int(a)] > depth[Int(b)] {
                let j = blockJump[Int(a)]
                a = j >= 0 && depth[Int(j)] >= depth[Int(b)] ? j : idom[Int(a)]
            }
            while a != b {
                if a < 0 || b < 0 { return -1 }
                let ja = blockJump[Int(a)], jb = blockJump[Int(b)]
                if ja != jb { a = ja; b = jb } else { a = idom[Int(a)]; b = idom[Int(b)] }
            }
            return a
        }
        // Edge e (b or b + n) of block b: both edges of a block share their tree facts.
        @inline(__always) func block(_ e: Int32) -> Int { let i = Int(e); return i >= n ? i &- n : i }
        func edgeParent(_ e: Int32) -> Int32 { edgeParentOfBlock[block(e)] }
        func edgeDepth(_ e: Int32) -> Int32 { edgeDepthOfBlock[block(e)] }
        func edgeJump(_ e: Int32) -> Int32 { edgeJumpOfBlock[block(e)] }
        func edgeLCA(_ x: Int32, _ y: Int32) -> Int32 {
            var a = x, b = y
            if a < 0 || b < 0 { return -1 }
            if edgeDepth(a) < edgeDepth(b) { swap(&a, &b) }
            let target = edgeDepth(b)
            while edgeDepth(a) > target {
                let j = edgeJump(a)
                a = j >= 0 && edgeDepth(j) >= target ? j : edgeParent(a)
            }
            while a != b {
                if a < 0 || b < 0 { return -1 }
                let ja = edgeJump(a), jb = edgeJump(b)
                if ja != jb { a = ja; b = jb } else { a = edgeParent(a); b = edgeParent(b) }
            }
            return a
        }

        let maxLevel = state.maxLevel
        if maxLevel >= 1 {
            for l in stride(from: maxLevel, through: 1, by: -1) {
                for i in state.levelRange(l) {
                    let b32 = state.levelOrder[i]
                    let b = Int(b32)
                    if b == root { continue }
                    var dom: Int32 = -2
                    var edom: Int32 = -2
                    var previous: Int32 = -1
                    for p in preds.of(b) {
                        dom = dom == -2 ? p : blockLCA(dom, p)
                        // Each incoming edge: the true edge and/or the false edge of p.
                        if p == previous { continue }  // both edges of p come here: both already taken below
                        previous = p
                        let pi = Int(p)
                        if state.jt[pi] == b32 {
                            edom = edom == -2 ? p : edgeLCA(edom, p)
                        }
                        if state.jf[pi] == b32 {
                            let e = p + Int32(n)
                            edom = edom == -2 ? e : edgeLCA(edom, e)
                        }
                    }
                    idom[b] = dom < 0 ? -1 : dom
                    depth[b] = dom < 0 ? 0 : depth[Int(dom)] + 1
                    // The jump pointer of a new node whose parent is p: p's jump's jump when p and its jump
                    // are as far apart as p's jump and that one's jump, else p.
                    var jumpTo = idom[b]
                    if jumpTo >= 0 {
                        let jp = blockJump[Int(jumpTo)]
                        if jp >= 0 {
                            let jjp = blockJump[Int(jp)]
                            if jjp >= 0 && depth[Int(jumpTo)] - depth[Int(jp)] == depth[Int(jp)] - depth[Int(jjp)] {
                                jumpTo = jjp
                            }
                        }
                    }
                    blockJump[b] = jumpTo
                    edgeParentOfBlock[b] = edom < 0 ? -1 : edom
                    edgeDepthOfBlock[b] = edom < 0 ? 0 : edgeDepth(edom) + 1
                    var edgeJumpTo = edgeParentOfBlock[b]
                    if edgeJumpTo >= 0 {
                        let jp = edgeJump(edgeJumpTo)
                        if jp >= 0 {
                            let jjp = edgeJump(jp)
                            if jjp >= 0 && edgeDepth(edgeJumpTo) - edgeDepth(jp) == edgeDepth(jp) - edgeDepth(jjp) {
                                edgeJumpTo = jjp
                            }
                        }
                    }
                    edgeJumpOfBlock[b] = edgeJumpTo
                }
            }
        }

        // Interval numbering of both forests.
        blockPre = [Int32](repeating: -1, count: n)
        blockPost = [Int32](repeating: -1, count: n)
        edgePre = [Int32](repeating: -1, count: 2 * n)
        edgePost = [Int32](repeating: -1, count: 2 * n)
        var inTree = [Bool](repeating: false, count: n)
        if maxLevel >= 1 {
            for i in state.levelRange(1).lowerBound..<state.levelRange(maxLevel).upperBound {
                inTree[Int(state.levelOrder[i])] = true
            }
        }
        // Children lists (compressed rows).
        var blockChildStart = [Int32](repeating: 0, count: n + 1)
        var edgeChildStart = [Int32](repeating: 0, count: 2 * n + 1)
        for b in 0..<n where inTree[b] {
            if idom[b] >= 0 { blockChildStart[Int(idom[b])] += 1 }
            if edgeParentOfBlock[b] >= 0 { edgeChildStart[Int(edgeParentOfBlock[b])] += 2 }
        }
        func prefix(_ a: inout [Int32]) {
            var run: Int32 = 0
            for i in 0..<a.count { let c = a[i]; a[i] = run; run += c }
        }
        prefix(&blockChildStart)
        prefix(&edgeChildStart)
        var blockChildren = [Int32](repeating: 0, count: Int(blockChildStart[n]))
        var edgeChildren = [Int32](repeating: 0, count: Int(edgeChildStart[2 * n]))
        var blockFill = blockChildStart
        var edgeFill = edgeChildStart
        for b in 0..<n where inTree[b] {
            if idom[b] >= 0 {
                blockChildren[Int(blockFill[Int(idom[b])])] = Int32(b)
                blockFill[Int(idom[b])] += 1
            }
            let pe = edgeParentOfBlock[b]
            if pe >= 0 {
                edgeChildren[Int(edgeFill[Int(pe)])] = Int32(b)
                edgeChildren[Int(edgeFill[Int(pe)]) + 1] = Int32(b + n)
                edgeFill[Int(pe)] += 2
            }
        }
        var counter: Int32 = 0
        var stack: [(Int32, Int32)] = []
        func number(roots: [Int32], start: [Int32], children: [Int32], pre: inout [Int32], post: inout [Int32]) {
            for r in roots {
                pre[Int(r)] = counter
                counter += 1
                stack.append((r, start[Int(r)]))
                while let (node, next) = stack.last {
                    if next < start[Int(node) + 1] {
                        stack[stack.count - 1].1 = next + 1
                        let c = children[Int(next)]
                        pre[Int(c)] = counter
                        counter += 1
                        stack.append((c, start[Int(c)]))
                    } else {
                        post[Int(node)] = counter
                        counter += 1
                        stack.removeLast()
                    }
                }
            }
        }
        var blockRoots: [Int32] = []
        var edgeRoots: [Int32] = []
        for b in 0..<n where inTree[b] {
            if idom[b] < 0 { blockRoots.append(Int32(b)) }
            if edgeParentOfBlock[b] < 0 {
                edgeRoots.append(Int32(b))
                edgeRoots.append(Int32(b + n))
            }
        }
        number(roots: blockRoots, start: blockChildStart, children: blockChildren, pre: &blockPre, post: &blockPost)
        counter = 0
        number(roots: edgeRoots, start: edgeChildStart, children: edgeChildren, pre: &edgePre, post: &edgePost)
    }

    /// Whether block `a` dominates block `d` (both as numbered at the start of the pass). A block that was not
    /// reachable then counts as dominated by every block, as libpcap's all-ones set for it does.
    @inline(__always)
    func dominates(_ a: Int, _ d: Int) -> Bool {
        guard d < blockCount, reachable[d] else { return true }
        let pa = blockPre[a], pd = blockPre[d]
        guard pa >= 0, pd >= 0 else { return false }
        return pa <= pd && blockPost[d] <= blockPost[a]
    }

    /// Pre-/post-order interval of block `d` for ``dominates(_:_:)``-style tests: `(Int32.min, 0)` for a block
    /// that was unreachable (dominated by everything), `(-1, -1)` for a block outside the tree.
    func interval(_ d: Int) -> (pre: Int32, post: Int32) {
        guard d < blockCount, reachable[d] else { return (Int32.min, 0) }
        return (blockPre[d], blockPost[d])
    }

    /// Whether edge `a` dominates edge `d` (or is `d`).
    @inline(__always)
    func edgeDominates(_ a: Int, _ d: Int) -> Bool {
        let pa = edgePre[a], pd = edgePre[d]
        guard pa >= 0, pd >= 0 else { return false }
        return pa <= pd && edgePost[d] <= edgePost[a]
    }
}
