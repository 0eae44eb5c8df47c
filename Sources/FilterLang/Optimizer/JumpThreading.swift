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
    /// What the test at the end of an edge's source block tells a later test.
    private struct Kind: Hashable {
        var code: UInt16
        var taken: Bool
        var aValue: UInt32
        var operand: UInt32
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

    private var exactKinds: [Kind: Int32] = [:]
    private var exactRanges: [Range<Int>] = []
    private var equalityKinds: [UInt32: Int32] = [:]
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
                for b in state.levels[l] {
                    if dominators.edgePre[Int(b)] >= 0 { edges.append(b) }
                    if dominators.edgePre[Int(b) + n] >= 0 { edges.append(b + Int32(n)) }
                }
            }
        }
        edges.sort { dominators.edgePre[Int($0)] < dominators.edgePre[Int($1)] }

        // Number the kinds, then place each kind's members contiguously (a stable counting sort keeps the
        // pre-order inside every kind).
        exactKinds.reserveCapacity(edges.count)
        var exactOf = [Int32](repeating: 0, count: edges.count)
        var equalityOf = [Int32](repeating: -1, count: edges.count)
        var exactCounts: [Int] = []
        var equalityCounts: [Int] = []
        for (i, e) in edges.enumerated() {
            let b = Int(e) % n
            let kd = Kind(code: state.code[b], taken: Int(e) < n, aValue: state.value(b, Atom.a),
                          operand: state.operandValue[b])
            if let k = exactKinds[kd] {
                exactOf[i] = k
                exactCounts[Int(k)] += 1
            } else {
                exactOf[i] = Int32(exactCounts.count)
                exactKinds[kd] = Int32(exactCounts.count)
                exactCounts.append(1)
            }
            if kd.taken && kd.code == BPF.jmp | BPF.jeq | BPF.k {
                if let k = equalityKinds[kd.aValue] {
                    equalityOf[i] = k
                    equalityCounts[Int(k)] += 1
                } else {
                    equalityOf[i] = Int32(equalityCounts.count)
                    equalityKinds[kd.aValue] = Int32(equalityCounts.count)
                    equalityCounts.append(1)
                }
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
        memberPre.reserveCapacity(total)
        memberEdge.reserveCapacity(total)
        memberUp.reserveCapacity(total)
        memberMin.reserveCapacity(total)
        memberMinOperand.reserveCapacity(total)
        memberSecondMin.reserveCapacity(total)
        for r in exactRanges { append(ordered[r], operands: nil, n: n, state: state) }
        for r in equalityRanges { append(ordered[r], operands: true, n: n, state: state) }
    }

    private mutating func append(_ members: ArraySlice<Int32>, operands: Bool?, n: Int, state: OptimizerState) {
        let start = memberPre.count
        var chain: [Int] = []  // member indices forming the current root-to-node path
        for (offset, e) in members.enumerated() {
            let index = start + offset
            while let top = chain.last, !dominators.edgeDominates(Int(memberEdge[top]), Int(e)) {
                chain.removeLast()
            }
            let up = chain.last ?? -1
            memberPre.append(dominators.edgePre[Int(e)])
            memberEdge.append(e)
            memberUp.append(Int32(up))
            let operand = operands == nil ? 0 : state.operandValue[Int(e) % n]
            if up < 0 {
                memberMin.append(e)
                memberMinOperand.append(operand)
                memberSecondMin.append(-1)
            } else if e < memberMin[up] {
                memberMin.append(e)
                memberMinOperand.append(operand)
                memberSecondMin.append(memberMinOperand[up] != operand ? memberMin[up] : memberSecondMin[up])
            } else {
                memberMin.append(memberMin[up])
                memberMinOperand.append(memberMinOperand[up])
                var second = memberSecondMin[up]
                if operand != memberMinOperand[up] && (second < 0 || e < second) { second = e }
                memberSecondMin.append(second)
            }
            chain.append(index)
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
        guard let k = exactKinds[Kind(code: code, taken: taken, aValue: aValue, operand: operand)] else {
            return -1
        }
        let range = exactRanges[Int(k)]
        let m = nearest(in: range, dominating: e)
        return m < 0 ? -1 : memberMin[m]
    }

    /// Smallest-numbered edge dominating `e` that is the true edge of `jeq #k` on `aValue` with an operand other
    /// than `operand`; -1 when none.
    func smallestOtherEquality(dominating e: Int, aValue: UInt32, operand: UInt32) -> Int32 {
        guard let k = equalityKinds[aValue] else { return -1 }
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
