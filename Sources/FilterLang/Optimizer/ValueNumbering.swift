import BPFCore

/// Global value numbering of one optimizer pass (libpcap's `F`, `K` and `vmap`).
///
/// A value is identified by the operation that computes it and the value numbers of its operands; equal
/// triples get equal numbers. Numbers are handed out in first-use order starting at 1 (0 means "unknown"),
/// which is what makes the optimizer's decisions reproducible. A flat open-addressing table replaces
/// libpcap's fixed 213-bucket chained table: lookups stay O(1) however large the filter.
struct ValueTable {
    private var numbers = PairHashTable(capacity: 256)
    /// Constant of each value number that is an immediate load (index = value number).
    private(set) var constant: [UInt32] = [0]
    /// Whether each value number is an immediate load.
    private(set) var isConstant: [Bool] = [false]

    /// Forgets every value (start of a pass).
    mutating func reset() {
        numbers.removeAll()
        constant.removeAll(keepingCapacity: true)
        isConstant.removeAll(keepingCapacity: true)
        constant.append(0)
        isConstant.append(false)
    }

    /// The value number of operation `code` applied to `v0`, `v1` (for loads: the offset and X's value).
    @inline(__always)
    mutating func number(_ code: UInt32, _ v0: UInt32, _ v1: UInt32) -> UInt32 {
        let fresh = Int32(truncatingIfNeeded: constant.count)
        let n = numbers.value(UInt64(code) << 32 | UInt64(v0), v1, insertingIfAbsent: fresh)
        if n != fresh { return UInt32(n) }
        // Immediate loads (class LD or LDX, mode IMM) are the constants.
        let isImmediate = code & 0xe0 == 0 && (code & 0x07 == 0 || code & 0x07 == 1)
        constant.append(isImmediate ? v0 : 0)
        isConstant.append(isImmediate)
        return UInt32(n)
    }

    /// The value number of the constant `k`.
    @inline(__always)
    mutating func constant(_ k: UInt32) -> UInt32 { number(0, k, 0) }

    /// True when value number `v` is a known constant.
    @inline(__always)
    func isKnown(_ v: UInt32) -> Bool { Int(v) < isConstant.count && isConstant[Int(v)] }

    /// The constant of value number `v` (0 when it is not one).
    @inline(__always)
    func constantValue(_ v: UInt32) -> UInt32 { Int(v) < constant.count ? constant[Int(v)] : 0 }
}

/// Symbolic evaluation of one statement, with the rewrites libpcap's `opt_stmt` makes when `alter` is set.
extension OptimizerState {
    /// Stores `newValue` into atom slot `slot` of block `b`'s value vector, or turns the statement into a NOP
    /// when the atom already holds that (known) value (libpcap's `vstore`; note: no change is recorded).
    @inline(__always)
    private mutating func store(_ b: Int, _ i: Int, slot: Int, _ newValue: UInt32, alter: Bool) {
        let index = b &* Atom.count &+ slot
        if alter && newValue != 0 && values[index] == newValue {
            statements[b][i].code = Statement.nopCode
        } else {
            values[index] = newValue
        }
    }

    /// Evaluates statement `i` of block `b`, updating the block's atom values.
    mutating func evaluateStatement(_ b: Int, _ i: Int, alter: Bool) throws(OptimizerError) {
        let s = statements[b][i]
        let base = b &* Atom.count
        let aSlot = base &+ Atom.a, xSlot = base &+ Atom.x
        let code = s.code
        switch code {
        case BPF.ld | BPF.abs | BPF.w, BPF.ld | BPF.abs | BPF.h, BPF.ld | BPF.abs | BPF.b:
            let v = valueTable.number(UInt32(code), s.k, 0)
            store(b, i, slot: Atom.a, v, alter: alter)

        case BPF.ld | BPF.ind | BPF.w, BPF.ld | BPF.ind | BPF.h, BPF.ld | BPF.ind | BPF.b:
            var v = values[xSlot]
            if alter && valueTable.isKnown(v) {
                let absolute = BPF.ld | BPF.abs | (code & 0x18)
                statements[b][i].code = absolute
                statements[b][i].k = s.k &+ valueTable.constantValue(v)
                v = valueTable.number(UInt32(absolute), statements[b][i].k, 0)
                noteStatementChange()
            } else {
                v = valueTable.number(UInt32(code), s.k, v)
            }
            store(b, i, slot: Atom.a, v, alter: alter)

        case BPF.ld | BPF.len:
            let v = valueTable.number(UInt32(code), 0, 0)
            store(b, i, slot: Atom.a, v, alter: alter)

        case BPF.ld | BPF.imm:
            let v = valueTable.constant(s.k)
            store(b, i, slot: Atom.a, v, alter: alter)

        case BPF.ldx | BPF.imm:
            let v = valueTable.constant(s.k)
            store(b, i, slot: Atom.x, v, alter: alter)

        case BPF.ldx | BPF.msh | BPF.b:
            let v = valueTable.number(UInt32(code), s.k, 0)
            store(b, i, slot: Atom.x, v, alter: alter)

        case BPF.alu | BPF.neg:
            if alter && valueTable.isKnown(values[aSlot]) {
                statements[b][i].code = BPF.ld | BPF.imm
                let negated = 0 &- valueTable.constantValue(values[aSlot])
                statements[b][i].k = negated
                values[aSlot] = valueTable.constant(negated)
            } else {
                values[aSlot] = valueTable.number(UInt32(code), values[aSlot], 0)
            }

        case BPF.alu | BPF.add | BPF.k, BPF.alu | BPF.sub | BPF.k, BPF.alu | BPF.mul | BPF.k,
             BPF.alu | BPF.div | BPF.k, BPF.alu | BPF.mod | BPF.k, BPF.alu | BPF.and | BPF.k,
             BPF.alu | BPF.or | BPF.k, BPF.alu | BPF.xor | BPF.k, BPF.alu | BPF.lsh | BPF.k,
             BPF.alu | BPF.rsh | BPF.k:
            let op = code & 0xf0
            if alter {
                if s.k == 0 {
                    // Zero operands: `sub #0` is kept on purpose (libpcap does).
                    switch op {
                    case BPF.add, BPF.lsh, BPF.rsh, BPF.or, BPF.xor:
                        statements[b][i].code = Statement.nopCode
                        return
                    case BPF.mul, BPF.and:
                        statements[b][i].code = BPF.ld | BPF.imm
                        values[aSlot] = valueTable.constant(0)
                        return
                    case BPF.div: throw OptimizerError.divisionByZero
                    case BPF.mod: throw OptimizerError.modulusByZero
                    default: break
                    }
                }
                if valueTable.isKnown(values[aSlot]) {
                    let operand = valueTable.constant(s.k)
                    try fold(b, i, values[aSlot], operand)
                    values[aSlot] = valueTable.constant(statements[b][i].k)
                    return
                }
            }
            let operand = valueTable.constant(s.k)
            values[aSlot] = valueTable.number(UInt32(code), values[aSlot], operand)

        case BPF.alu | BPF.add | BPF.x, BPF.alu | BPF.sub | BPF.x, BPF.alu | BPF.mul | BPF.x,
             BPF.alu | BPF.div | BPF.x, BPF.alu | BPF.mod | BPF.x, BPF.alu | BPF.and | BPF.x,
             BPF.alu | BPF.or | BPF.x, BPF.alu | BPF.xor | BPF.x, BPF.alu | BPF.lsh | BPF.x,
             BPF.alu | BPF.rsh | BPF.x:
            let op = code & 0xf0
            if alter && valueTable.isKnown(values[xSlot]) {
                if valueTable.isKnown(values[aSlot]) {
                    try fold(b, i, values[aSlot], values[xSlot])
                    values[aSlot] = valueTable.constant(statements[b][i].k)
                } else {
                    let newCode = BPF.alu | BPF.k | op
                    let operand = valueTable.constantValue(values[xSlot])
                    statements[b][i].code = newCode
                    statements[b][i].k = operand
                    if (op == BPF.lsh || op == BPF.rsh) && operand > 31 {
                        throw OptimizerError.shiftTooLarge
                    }
                    noteStatementChange()
                    let c = valueTable.constant(operand)
                    values[aSlot] = valueTable.number(UInt32(newCode), values[aSlot], c)
                }
                return
            }
            if alter && valueTable.isKnown(values[aSlot]) && valueTable.constantValue(values[aSlot]) == 0 {
                switch op {
                case BPF.add, BPF.or, BPF.xor:
                    statements[b][i].code = BPF.misc | BPF.txa
                    store(b, i, slot: Atom.a, values[xSlot], alter: alter)
                    return
                case BPF.mul, BPF.div, BPF.mod, BPF.and, BPF.lsh, BPF.rsh:
                    statements[b][i].code = BPF.ld | BPF.imm
                    statements[b][i].k = 0
                    store(b, i, slot: Atom.a, valueTable.constant(0), alter: alter)
                    return
                default:
                    break
                }
            }
            values[aSlot] = valueTable.number(UInt32(code), values[aSlot], values[xSlot])

        case BPF.misc | BPF.txa:
            store(b, i, slot: Atom.a, values[xSlot], alter: alter)

        case BPF.ld | BPF.mem, BPF.ldx | BPF.mem:
            guard s.k < UInt32(BPF.memoryWords) else { return }
            let v = values[base &+ Int(s.k)]
            let isX = code == BPF.ldx | BPF.mem
            if alter && valueTable.isKnown(v) {
                statements[b][i].code = isX ? BPF.ldx | BPF.imm : BPF.ld | BPF.imm
                statements[b][i].k = valueTable.constantValue(v)
                noteStatementChange()
            }
            store(b, i, slot: isX ? Atom.x : Atom.a, v, alter: alter)

        case BPF.misc | BPF.tax:
            store(b, i, slot: Atom.x, values[aSlot], alter: alter)

        case BPF.st, BPF.stx:
            guard s.k < UInt32(BPF.memoryWords) else { return }
            store(b, i, slot: Int(s.k), values[code == BPF.st ? aSlot : xSlot], alter: alter)

        default:
            break
        }
    }

    /// Constant-folds the binary ALU statement `i` of block `b` whose operands have value numbers `v0`, `v1`:
    /// it becomes `ld #result`.
    private mutating func fold(_ b: Int, _ i: Int, _ v0: UInt32, _ v1: UInt32) throws(OptimizerError) {
        let x = valueTable.constantValue(v0)
        let y = valueTable.constantValue(v1)
        let result: UInt32
        switch statements[b][i].code & 0xf0 {
        case BPF.add: result = x &+ y
        case BPF.sub: result = x &- y
        case BPF.mul: result = x &* y
        case BPF.div:
            guard y != 0 else { throw OptimizerError.divisionByZero }
            result = x / y
        case BPF.mod:
            guard y != 0 else { throw OptimizerError.modulusByZero }
            result = x % y
        case BPF.and: result = x & y
        case BPF.or: result = x | y
        case BPF.xor: result = x ^ y
        case BPF.lsh: result = y < 32 ? x << y : 0
        case BPF.rsh: result = y < 32 ? x >> y : 0
        default: result = x
        }
        statements[b][i].k = result
        statements[b][i].code = BPF.ld | BPF.imm
        noteStatementChange()
    }
}
