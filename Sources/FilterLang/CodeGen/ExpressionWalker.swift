import BPFCore

private let pfReasons: [String: UInt32] = [
    "match": 0, "bad-offset": 1, "fragment": 2, "short": 3, "normalize": 4, "memory": 5, "bad-timestamp": 6,
    "congestion": 7, "ip-option": 8, "proto-cksum": 9, "state-mismatch": 10, "state-insert": 11,
    "state-limit": 12, "src-limit": 13, "synproxy": 14,
]

private let pfActions: [String: UInt32] = [
    "pass": 0, "accept": 0, "drop": 1, "block": 1, "scrub": 2, "noscrub": 3, "nat": 4, "nonat": 5,
    "binat": 6, "nobinat": 7, "rdr": 8, "nordr": 9, "synproxy-drop": 10,
]

extension CodeGenerator {
    /// Generates code for an expression tree, calling the generators in the order libpcap's grammar
    /// actions run (children left to right, then the node). Left-deep `and`/`or` chains are walked
    /// iteratively.
    mutating func generate(_ e: FilterExpression) throws(FilterError) -> Fragment {
        // Descend the left spine of and/or nodes.
        var pending: [(isAnd: Bool, rhs: FilterExpression)] = []
        var node = e
        while true {
            switch node.node {
            case .and(let l, let r):
                pending.append((true, r))
                node = l
                continue
            case .or(let l, let r):
                pending.append((false, r))
                node = l
                continue
            default:
                break
            }
            break
        }
        var acc = try generateLeaf(node)
        while let (isAnd, rhs) = pending.popLast() {
            let r = try generate(rhs)
            acc = isAnd ? and(acc, r) : or(acc, r)
        }
        return acc
    }

    private mutating func generateLeaf(_ e: FilterExpression) throws(FilterError) -> Fragment {
        switch e.node {
        case .not(let inner):
            return try generate(inner).negated
        case .primitive(let p):
            do {
                return try primitive(p)
            } catch {
                throw FilterError.semantic(error.message, at: error.range ?? e.range)
            }
        case .and, .or:
            return try generate(e)
        }
    }

    /// Generates one primitive.
    mutating func primitive(_ p: Primitive) throws(CodeGenError) -> Fragment {
        switch p {
        case .qualified(let q, let operand): return try qualified(q, operand)
        case .protocolAbbreviation(let proto): return try protocolAbbreviation(proto)
        case .broadcast(let proto): return try broadcastTest(proto)
        case .multicast(let proto): return try multicastTest(proto)
        case .less(let n): return lengthTest(greater: false, n)
        case .greater(let n): return lengthTest(greater: true, n)
        case .relation(let op, let lhs, let rhs):
            let a = try arith(lhs)
            let b = try arith(rhs)
            let jump: UInt16
            switch op.jump {
            case .greater: jump = BPF.jgt
            case .greaterOrEqual: jump = BPF.jge
            case .equal: jump = BPF.jeq
            }
            return try relation(jump, a, b, reversed: op.isNegated)
        case .byte(let offset, let op, let value): return try byteTest(offset: offset, op, value)
        case .inbound: return try directionTest(outbound: false)
        case .outbound: return try directionTest(outbound: true)
        case .ifindex(let n): return try interfaceIndexTest(n)
        case .vlan(let id): return try vlanTest(id)
        case .mpls(let label): return try mplsTest(label)
        case .pppoed: return try pppoeDiscoveryTest()
        case .pppoes(let s): return try pppoeSessionTest(s)
        case .geneve(let vni): return try geneveTest(vni)
        case .pfInterface(let name): return try pfInterfaceTest(name)
        case .pfRuleset(let name): return try pfRulesetTest(name)
        case .pfRuleNumber(let n): return try pfRuleNumberTest(n)
        case .pfSubruleNumber(let n): return try pfSubruleNumberTest(n)
        case .pfReason(let r):
            switch r {
            case .number(let n): return try pfReasonTest(n)
            case .name(let name):
                guard let n = pfReasons[name.lowercased()] else { throw CodeGenError("unknown PF reason \"\(name)\"") }
                return try pfReasonTest(n)
            }
        case .pfAction(let name):
            guard let n = pfActions[name.lowercased()] else { throw CodeGenError("unknown PF action \"\(name)\"") }
            return try pfActionTest(n)
        case .ieee80211Type(let value, let mask): return try wlanTypeTest(value, mask: mask)
        case .ieee80211Direction(let d): return try wlanDirectionTest(d)
        case .llc(let kind): return try llcTest(kind)
        case .atmType(let t): return try atmTypeTest(t)
        case .atmMultiType(let t): return try atmMultiTypeTest(t)
        case .atmField(let field, let op, let value):
            let (jump, reverse) = jumpOf(op)
            return try atmFieldTest(field == .vpi ? .vpi : .vci, value, jump: jump, reverse: reverse)
        case .mtp2Type(let t): return try mtp2TypeTest(t)
        case .mtp3Field(let field, let op, let value):
            let (jump, reverse) = jumpOf(op)
            return try mtp3FieldTest(field, value, jump: jump, reverse: reverse)
        }
    }

    private func jumpOf(_ op: RelationalOperator) -> (UInt16, Bool) {
        switch op.jump {
        case .greater: return (BPF.jgt, op.isNegated)
        case .greaterOrEqual: return (BPF.jge, op.isNegated)
        case .equal: return (BPF.jeq, op.isNegated)
        }
    }

    /// Generates an arithmetic expression (operands left to right, then the operator).
    mutating func arith(_ e: ArithmeticExpression) throws(CodeGenError) -> Arith {
        do {
            return try arithNode(e)
        } catch {
            var located = error
            if located.range == nil { located.range = e.range }
            throw located
        }
    }

    private mutating func arithNode(_ e: ArithmeticExpression) throws(CodeGenError) -> Arith {
        switch e.node {
        case .constant(let v): return try loadImmediate(v)
        case .length: return try loadLength()
        case .load(let proto, let offset, let size):
            let index = try arith(offset)
            return try loadPacketField(proto, index, size: size)
        case .binary(let op, let l, let r):
            let a = try arith(l)
            let b = try arith(r)
            let code: UInt16
            switch op {
            case .add: code = BPF.add
            case .subtract: code = BPF.sub
            case .multiply: code = BPF.mul
            case .divide: code = BPF.div
            case .modulo: code = BPF.mod
            case .and: code = BPF.and
            case .or: code = BPF.or
            case .xor: code = BPF.xor
            case .shiftLeft: code = BPF.lsh
            case .shiftRight: code = BPF.rsh
            }
            return try arithmetic(code, a, b)
        case .negate(let a):
            return negate(try arith(a))
        }
    }
}
