import BPFCore

/// Jump threading (libpcap's `opt_j` and `fold_edge`).
///
/// An edge into a block whose test was already decided on every path to that edge — by a dominating edge
/// leaving a block with the same branch opcode on the same A value — is retargeted to the successor that test
/// must take. libpcap scans the dominating edges of the edge in ascending edge number and takes the first that
/// fits; this index answers the same question ("smallest-numbered dominating edge of each kind") without the
/// scan: the dominating edges of one kind form a chain in the edge-dominator forest, so each kind keeps its
/// members in pre-order with a pointer to the nearest member above and the smallest edge number on the way
/// up.
struct JumpThreading {
    /// What the test at the end of an edge's source block tells a later test (branch opcode, which way it
    /// went, A's value number, the operand's value number), packed as a ``PairHashTable`` key.
    @inline(__always)
    private static func kindKey(code: UInt16, taken: Bool, aValue: UInt32) -> UInt64 {
        UInt64(code) << 33 | (taken ? 1 << 32 : 0) | UInt64(aValue)
    }

    /// Members of every kind, grouped by kind and sorted by pre-order number.
    private var memberPre: [Int32] = []
    private var memberEdge: [Int32] = []
    /// Index (in the member arrays) of the nearest member of the same kind above, or -1.
    private var memberUp: [Int32] = []
    /// Smallest edge number among the member and the members of its kind above it.
    private var memberMin: [Int32] = []
    /// For equality-true kinds grouped by A value only: the smallest edge number whose operand differs from
    /// `memberMin`'s operand, and `memberMin`'s operand.
    private var memberMinOperand: [UInt32] = []
    private var memberSecondMin: [Int32] = []

    private var exactKinds: PairHashTable
    private var exactRanges: [Range<Int>] = []
    private var equalityKinds: PairHashTable
    private var equalityRanges: [Range<Int>] = []
    private let dominators: Dominators

    init(_ state: OptimizerState, dominators: Dominators) {
        self.dominators = dominators
        let n = state.count
        // Edges of blocks above level 0, in pre-order of the edge-dominator forest.
        var edges: [Int32] = []
        edges.reserveCapacity(2 * n)
        if state.maxLevel >= 1 {
            for l in 1...state.maxLevel {
                for i in state.levelRange(l) {
                    let b = state.levelOrder[i]
                    if dominators.edgePre[Int(b)] >= 0 { edges.append(b) }
                    if dominators.edgePre[Int(b) + n] >= 0 { edges.append(b + Int32(n)) }
                }
            }
        }
        // Pre-order numbers are distinct and below 4n: place by number instead of sorting.
        var byPre = [Int32](repeating: -1, count: 4 * n + 2)
        for e in edges { byPre[Int(dominators.edgePre[Int(e)])] = e }
        var placed = 0
        for e in byPre where e >= 0 {
            edges[placed] = e
            placed += 1
        }
        exactKinds = PairHashTable(capacity: edges.count)
        equalityKinds = PairHashTable(capacity: 64)

        // Number the kinds, then place each kind's members contiguously (a stable counting sort keeps the
        // pre-order inside every kind).
        var exactOf = [Int32](repeating: 0, count: edges.count)
        var equalityOf = [Int32](repeating: -1, count: edges.count)
        var exactCounts: [Int] = []
        var equalityCounts: [Int] = []
        for (i, e) in edges.enumerated() {
            let b = Int(e) >= n ? Int(e) &- n : Int(e)
            let code = state.code[b], taken = Int(e) < n, aValue = state.value(b, Atom.a)
            let fresh = Int32(exactCounts.count)
            let k = exactKinds.value(Self.kindKey(code: code, taken: taken, aValue: aValue),
                                     state.operandValue[b], insertingIfAbsent: fresh)
            exactOf[i] = k
            if k == fresh { exactCounts.append(1) } else { exactCounts[Int(k)] += 1 }
            if taken && code == BPF.jmp | BPF.jeq | BPF.k {
                let freshEquality = Int32(equalityCounts.count)
                let q = equalityKinds.value(UInt64(aValue), 0, insertingIfAbsent: freshEquality)
                equalityOf[i] = q
                if q == freshEquality { equalityCounts.append(1) } else { equalityCounts[Int(q)] += 1 }
            }
        }
        func layout(_ counts: [Int], offset: Int) -> [Range<Int>] {
            var ranges: [Range<Int>] = []
            ranges.reserveCapacity(counts.count)
            var at = offset
            for c in counts { ranges.append(at..<(at + c)); at += c }
            return ranges
        }
        exactRanges = layout(exactCounts, offset: 0)
        let exactTotal = exactRanges.last?.upperBound ?? 0
        equalityRanges = layout(equalityCounts, offset: exactTotal)
        let total = equalityRanges.last?.upperBound ?? exactTotal
        var ordered = [Int32](repeating: 0, count: total)
        var fill = exactRanges.map(\.lowerBound) + equalityRanges.map(\.lowerBound)
        let equalityBase = exactRanges.count
        for (i, e) in edges.enumerated() {
            let k = Int(exactOf[i])
            ordered[fill[k]] = e
            fill[k] += 1
            if equalityOf[i] >= 0 {
                let q = equalityBase + Int(equalityOf[i])
                ordered[fill[q]] = e
                fill[q] += 1
            }
        }
        memberPre = [Int32](repeating: 0, count: total)
        memberEdge = ordered
        memberUp = [Int32](repeating: -1, count: total)
        memberMin = [Int32](repeating: 0, count: total)
        memberMinOperand = [UInt32](repeating: 0, count: total)
        memberSecondMin = [Int32](repeating: -1, count: total)
        var chain: [Int32] = []  // member indices forming the current root-to-node path
        for (group, range) in (exactRanges + equalityRanges).enumerated() {
            let withOperands = group >= exactRanges.count
            chain.removeAll(keepingCapacity: true)
            for index in range {
                let e = ordered[index]
                while let top = chain.last, !dominators.edgeDominates(Int(ordered[Int(top)]), Int(e)) {
                    chain.removeLast()
                }
                let up = Int(chain.last ?? -1)
                memberPre[index] = dominators.edgePre[Int(e)]
                memberUp[index] = Int32(up)
                let operand = withOperands ? state.operandValue[Int(e) >= n ? Int(e) &- n : Int(e)] : 0
                if up < 0 {
                    memberMin[index] = e
                    memberMinOperand[index] = operand
                } else if e < memberMin[up] {
                    memberMin[index] = e
                    memberMinOperand[index] = operand
                    memberSecondMin[index] = memberMinOperand[up] != operand ? memberMin[up] : memberSecondMin[up]
                } else {
                    memberMin[index] = memberMin[up]
                    memberMinOperand[index] = memberMinOperand[up]
                    var second = memberSecondMin[up]
                    if operand != memberMinOperand[up] && (second < 0 || e < second) { second = e }
                    memberSecondMin[index] = second
                }
                chain.append(Int32(index))
            }
        }
    }

    /// The deepest member in `range` that dominates edge `e` (or is it), or -1.
    private func nearest(in range: Range<Int>, dominating e: Int) -> Int {
        let pre = dominators.edgePre[e]
        guard pre >= 0, !range.isEmpty else { return -1 }
        // Last member with pre-order number <= pre.
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi {
            let mid = (lo + hi) / 2
            if memberPre[mid] <= pre { lo = mid + 1 } else { hi = mid }
        }
        var m = lo - 1
        while m >= range.lowerBound {
            if dominators.edgeDominates(Int(memberEdge[m]), e) { return m }
            m = Int(memberUp[m])
        }
        return -1
    }

    /// Smallest-numbered edge dominating `e` whose source tested `code` on `aValue` against `operand` and went
    /// the `taken` way; -1 when none.
    func smallestExact(dominating e: Int, code: UInt16, taken: Bool, aValue: UInt32, operand: UInt32) -> Int32 {
        let k = exactKinds.value(Self.kindKey(code: code, taken: taken, aValue: aValue), operand)
        if k < 0 { return -1 }
        let range = exactRanges[Int(k)]
        let m = nearest(in: range, dominating: e)
        return m < 0 ? -1 : memberMin[m]
    }

    /// Smallest-numbered edge dominating `e` that is the true edge of `jeq #k` on `aValue` with an operand other
    /// than `operand`; -1 when none.
    func smallestOtherEquality(dominating e: Int, aValue: UInt32, operand: UInt32) -> Int32 {
        let k = equalityKinds.value(UInt64(aValue), 0)
        if k < 0 { return -1 }
        let range = equalityRanges[Int(k)]
        let m = nearest(in: range, dominating: e)
        if m < 0 { return -1 }
        return memberMinOperand[m] != operand ? memberMin[m] : memberSecondMin[m]
    }
}

extension OptimizerState {
    /// True when some atom live on exit from `successor` holds a different value there than on exit from `b`.
    func useConflict(_ b: Int, _ successor: Int) -> Bool {
        var use = outUse[successor]
        if use == 0 { return false }
        let bBase = b &* Atom.count, sBase = successor &* Atom.count
        while use != 0 {
            let atom = use.trailingZeroBitCount
            use &= use &- 1
            if values[bBase &+ atom] != values[sBase &+ atom] { return true }
        }
        return false
    }

    /// Threads the true (`isTrue`) or false edge of block `b`.
    mutating func threadEdge(_ b: Int, isTrue: Bool, _ index: JumpThreading) {
        let edge = isTrue ? b : b + count
        var succ = Int(isTrue ? jt[b] : jf[b])
        if jt[succ] < 0 { return }
        if jt[succ] == jf[succ] && !useConflict(b, Int(jt[succ])) {
            noteStatementChange()
            succ = Int(jt[succ])
            setSuccessor(b, isTrue: isTrue, succ)
        }
        while jt[succ] >= 0 {
            let child = succ
            let c = code[child]
            let a = value(child, Atom.a)
            let o = operandValue[child]
            let whenTrue = Int(jt[child]), whenFalse = Int(jf[child])
            var best: Int32 = -1
            var target = -1
            if !useConflict(b, whenTrue) {
                let e = index.smallestExact(dominating: edge, code: c, taken: true, aValue: a, operand: o)
                if e >= 0 && (best < 0 || e < best) { best = e; target = whenTrue }
            }
            if !useConflict(b, whenFalse) {
                let e = index.smallestExact(dominating: edge, code: c, taken: false, aValue: a, operand: o)
                if e >= 0 && (best < 0 || e < best) { best = e; target = whenFalse }
                if c == BPF.jmp | BPF.jeq | BPF.k {
                    let e2 = index.smallestOtherEquality(dominating: edge, aValue: a, operand: o)
                    if e2 >= 0 && (best < 0 || e2 < best) { best = e2; target = whenFalse }
                }
            }
            if target < 0 { return }
            changed = true
            succ = target
            setSuccessor(b, isTrue: isTrue, succ)
        }
    }

    @inline(__always)
    private mutating func setSuccessor(_ b: Int, isTrue: Bool, _ s: Int) {
        if isTrue { jt[b] = Int32(s) } else { jf[b] = Int32(s) }
    }
}
