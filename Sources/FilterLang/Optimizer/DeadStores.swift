/// Removal of stores that are overwritten before being read (libpcap's `opt_deadstores`).
///
/// Reproduces libpcap 1.10.3: the removed statement's atom keeps the value number it had, which can leave a
/// later block believing a value is present that nobody stores any more (fixed in libpcap 1.10.4).
extension OptimizerState {
    mutating func removeDeadStores(_ b: Int) {
        // Per atom: index of the last definition not read since (the branch counts as index `n`), or -1.
        var lastDefinition = deadStoreScratch
        deadStoreScratch = []
        defer { deadStoreScratch = lastDefinition }
        for atom in 0..<Atom.count { lastDefinition[atom] = -1 }
        let n = statements[b].count
        func visit(_ i: Int, code c: UInt16, k kk: UInt32) {
            switch Atom.use(code: c, k: kk) {
            case .none: break
            case .one(let atom): lastDefinition[atom] = -1
            case .aAndX:
                lastDefinition[Atom.x] = -1
                lastDefinition[Atom.a] = -1
            }
            if let atom = Atom.definition(code: c, k: kk) {
                let previous = lastDefinition[atom]
                if previous >= 0 {
                    noteStatementChange()
                    killStatement(b, previous, n)
                }
                lastDefinition[atom] = i
            }
        }
        for i in 0..<n {
            let s = statements[b][i]
            visit(i, code: s.code, k: s.k)
        }
        visit(n, code: code[b], k: k[b])
        for atom in 0..<Atom.count where lastDefinition[atom] >= 0 && outUse[b] & (1 << UInt32(atom)) == 0 {
            killStatement(b, lastDefinition[atom], n)
            noteStatementChange()
        }
    }

    private mutating func killStatement(_ b: Int, _ i: Int, _ n: Int) {
        if i < n { statements[b][i].code = Statement.nopCode } else { code[b] = Statement.nopCode }
    }
}
