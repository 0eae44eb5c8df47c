/// The successor forest one pull-up family walks, as a link-cut tree, so that a walk along a long chain costs
/// O(log n) amortized instead of one step per block.
///
/// The `or` pull-up walks false successors and requires every block on the way to share one true successor
/// (the mirror image for `and`). Here every block's parent is its chain successor (its false successor for
/// `or`, its true one for `and`), and each block carries three attributes:
/// - `a`: the value number of A on exit (fixed while pull-ups run);
/// - `s`: its other successor, the one the walk requires to be shared (changes when that edge is rewritten);
/// - `p`: its pre-order number in the dominator tree, so that "dominated by b" is "`p` inside b's interval";
///   a block that was unreachable when the tree was built counts as dominated by every block (libpcap's
///   all-ones set) and one outside the tree as dominated by none.
///
/// Each splay subtree keeps the minimum and maximum of the three attributes, which answers "do all blocks of
/// this path segment satisfy the walk's condition" in O(1), and so the first block on a chain that stops a
/// walk is found by one descent. Standard link-cut tree: the preferred paths are splay trees ordered by depth
/// (the chain's end, a return, leftmost), joined by path-parent pointers; no re-rooting is needed because
/// edges are only ever cut below a block and re-linked to another block of the same DAG.
struct PullupForest {
    /// One block's node: splay links, attributes and subtree aggregates, packed (the walks touch them together).
    struct Node {
        var left: Int32 = -1
        var right: Int32 = -1
        /// Splay parent, or path-parent when the node is the root of its splay tree; -1 for none.
        var up: Int32
        var s: Int32
        var a: UInt32
        /// Own contribution to the pre-order bounds: (pre, pre), or (Int32.max, Int32.min) for a block that
        /// every block dominates.
        var ownLow: Int32
        var ownHigh: Int32
        var minA: UInt32
        var maxA: UInt32
        var minS: Int32
        var maxS: Int32
        var minP: Int32
        var maxP: Int32
    }

    private var nodes: [Node]

    /// What a walk requires of every block it passes.
    struct Condition {
        /// Required value number of A.
        var a: UInt32
        /// Required shared successor.
        var s: Int32
        /// The dominating block's pre-order interval.
        var low: Int32
        var high: Int32
    }

    /// Builds the forest from the pull-up records: the chain successor is the false successor
    /// (`chainFollowsTrue == false`, the `or` walks) or the true one (`and`).
    init(_ records: [PullupNode], chainFollowsTrue: Bool) {
        nodes = records.map { r in
            let parent = chainFollowsTrue ? r.jt : r.jf
            let shared = chainFollowsTrue ? r.jf : r.jt
            let everyone = r.pre == Int32.min
            let low = everyone ? Int32.max : r.pre, high = everyone ? Int32.min : r.pre
            return Node(up: parent, s: shared, a: r.aValue, ownLow: low, ownHigh: high, minA: r.aValue,
                        maxA: r.aValue, minS: shared, maxS: shared, minP: low, maxP: high)
        }
    }

    // MARK: splay tree mechanics (static, on a span of the nodes: no uniqueness checks in the loops)

    @inline(__always)
    private static func isSplayRoot(_ t: inout MutableSpan<Node>, _ x: Int) -> Bool {
        let p = t[x].up
        return p < 0 || (t[Int(p)].left != Int32(x) && t[Int(p)].right != Int32(x))
    }

    @inline(__always)
    private static func pull(_ t: inout MutableSpan<Node>, _ x: Int) {
        var n = t[x]
        n.minA = n.a; n.maxA = n.a
        n.minS = n.s; n.maxS = n.s
        n.minP = n.ownLow; n.maxP = n.ownHigh
        if n.left >= 0 {
            let c = t[Int(n.left)]
            n.minA = min(n.minA, c.minA); n.maxA = max(n.maxA, c.maxA)
            n.minS = min(n.minS, c.minS); n.maxS = max(n.maxS, c.maxS)
            n.minP = min(n.minP, c.minP); n.maxP = max(n.maxP, c.maxP)
        }
        if n.right >= 0 {
            let c = t[Int(n.right)]
            n.minA = min(n.minA, c.minA); n.maxA = max(n.maxA, c.maxA)
            n.minS = min(n.minS, c.minS); n.maxS = max(n.maxS, c.maxS)
            n.minP = min(n.minP, c.minP); n.maxP = max(n.maxP, c.maxP)
        }
        t[x] = n
    }

    private static func rotate(_ t: inout MutableSpan<Node>, _ x: Int) {
        let p = Int(t[x].up)
        let g = t[p].up
        if !isSplayRoot(&t, p) {
            let gi = Int(g)
            if t[gi].left == Int32(p) { t[gi].left = Int32(x) } else { t[gi].right = Int32(x) }
        }
        t[x].up = g
        if t[p].right == Int32(x) {
            let b = t[x].left
            t[p].right = b
            if b >= 0 { t[Int(b)].up = Int32(p) }
            t[x].left = Int32(p)
        } else {
            let b = t[x].right
            t[p].left = b
            if b >= 0 { t[Int(b)].up = Int32(p) }
            t[x].right = Int32(p)
        }
        t[p].up = Int32(x)
        pull(&t, p)
    }

    private static func splay(_ t: inout MutableSpan<Node>, _ x: Int) {
        while !isSplayRoot(&t, x) {
            let p = Int(t[x].up)
            if !isSplayRoot(&t, p) {
                let g = Int(t[p].up)
                let zigZig = (t[g].left == Int32(p)) == (t[p].left == Int32(x))
                rotate(&t, zigZig ? p : x)
            }
            rotate(&t, x)
        }
        pull(&t, x)
    }

    /// Makes the path from `x`'s tree root to `x` one splay tree rooted at `x` (with no deeper nodes in it).
    private static func access(_ t: inout MutableSpan<Node>, _ x: Int) {
        var last: Int32 = -1
        var y = Int32(x)
        while y >= 0 {
            let yi = Int(y)
            splay(&t, yi)
            t[yi].right = last
            pull(&t, yi)
            last = y
            y = t[yi].up
        }
        splay(&t, x)
    }

    // MARK: updates

    /// Block `x`'s chain successor becomes `parent` (-1 for none).
    mutating func setParent(_ x: Int, _ parent: Int32) {
        var t = nodes.mutableSpan
        Self.access(&t, x)
        let l = t[x].left
        if l >= 0 {
            t[Int(l)].up = -1
            t[x].left = -1
            Self.pull(&t, x)
        }
        t[x].up = parent
    }

    /// Block `x`'s shared (other) successor becomes `shared`.
    mutating func setShared(_ x: Int, _ shared: Int32) {
        var t = nodes.mutableSpan
        Self.splay(&t, x)
        t[x].s = shared
        Self.pull(&t, x)
    }

    // MARK: queries

    /// Walking from `x` along chain successors: the first block that does not satisfy `c` (or -1 when the chain
    /// ends first), and the block walked just before it (-1 when it is `x` itself).
    mutating func firstFailing(from x: Int, _ c: Condition) -> (block: Int, previous: Int) {
        var t = nodes.mutableSpan
        Self.access(&t, x)
        // In `x`'s splay tree the walk order is right to left; find the rightmost failing node.
        var at = Int32(x)
        var found: Int32 = -1
        while at >= 0 {
            let n = t[Int(at)]
            if n.right >= 0 {
                let r = t[Int(n.right)]
                let allSatisfy = r.minA == c.a && r.maxA == c.a && r.minS == c.s && r.maxS == c.s
                    && r.minP >= c.low && r.maxP <= c.high
                if !allSatisfy {
                    at = n.right
                    continue
                }
            }
            if !(n.a == c.a && n.s == c.s && n.ownLow >= c.low && n.ownHigh <= c.high) {
                found = at
                break
            }
            at = n.left
        }
        guard found >= 0 else { return (-1, -1) }
        let f = Int(found)
        Self.splay(&t, f)
        // The previous block of the walk is f's in-order successor.
        var next = t[f].right
        if next < 0 { return (f, -1) }
        while t[Int(next)].left >= 0 { next = t[Int(next)].left }
        // Splay what the descent touched, or long left spines would be walked again and again.
        Self.splay(&t, Int(next))
        return (f, Int(next))
    }
}
