/// Per-block use/def/kill over the atoms and liveness on exit (libpcap's `compute_local_ud` and `find_ud`).
extension OptimizerState {
    mutating func computeLiveness() {
        for l in stride(from: maxLevel, through: 0, by: -1) {
            for i in levelRange(l) {
                let b = levelOrder[i]
                computeLocalUse(Int(b))
                outUse[Int(b)] = 0
            }
        }
        if maxLevel >= 1 {
            for l in 1...maxLevel {
                for i in levelRange(l) {
                    let b = levelOrder[i]
                    let bi = Int(b)
                    outUse[bi] |= inUse[Int(jt[bi])] | inUse[Int(jf[bi])]
                    inUse[bi] |= outUse[bi] & ~kill[bi]
                }
            }
        }
    }

    private mutating func computeLocalUse(_ b: Int) {
        var def: UInt32 = 0, use: UInt32 = 0, killed: UInt32 = 0
        func read(_ u: Atom.Use) {
            switch u {
            case .none: break
            case .one(let atom):
                if def & (1 << UInt32(atom)) == 0 { use |= 1 << UInt32(atom) }
            case .aAndX:
                if def & (1 << UInt32(Atom.x)) == 0 { use |= 1 << UInt32(Atom.x) }
                if def & (1 << UInt32(Atom.a)) == 0 { use |= 1 << UInt32(Atom.a) }
            }
        }
        for s in statements[b] where !s.isNop {
            read(Atom.use(code: s.code, k: s.k))
            if let atom = Atom.definition(code: s.code, k: s.k) {
                if use & (1 << UInt32(atom)) == 0 { killed |= 1 << UInt32(atom) }
                def |= 1 << UInt32(atom)
            }
        }
        if code[b] & 0x07 == 0x05 {
            read(Atom.use(code: code[b], k: k[b]))
        }
        kill[b] = killed
        inUse[b] = use
    }
}
