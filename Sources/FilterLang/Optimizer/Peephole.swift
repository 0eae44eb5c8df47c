import BPFCore

/// Peephole rewrites of one block (libpcap's `opt_peep`), including the branch simplifications.
extension OptimizerState {
    /// Index of the first non-NOP statement of block `b` at or after `i`, or nil.
    @inline(__always)
    private func nextLive(_ b: Int, from i: Int) -> Int? {
        var j = i
        let list = statements[b]
        while j < list.count {
            if !list[j].isNop { return j }
            j += 1
        }
        return nil
    }

    mutating func peephole(_ b: Int) {
        // A block without statements gets no rewrites at all, not even of its branch (as in libpcap).
        if statements[b].isEmpty { return }
        let xBit: UInt32 = 1 << UInt32(Atom.x), aBit: UInt32 = 1 << UInt32(Atom.a)
        var last = 0
        var cursor = 0
        while let s = nextLive(b, from: cursor) {
            guard let next = nextLive(b, from: s + 1) else { break }
            last = next
            cursor = next
            // st M[k]; ldx M[k]  ->  st M[k]; tax
            if statements[b][s].code == BPF.st && statements[b][next].code == BPF.ldx | BPF.mem
                && statements[b][s].k == statements[b][next].k {
                noteStatementChange()
                statements[b][next].code = BPF.misc | BPF.tax
            }
            // ld #k; tax  ->  ldx #k; txa
            if statements[b][s].code == BPF.ld | BPF.imm && statements[b][next].code == BPF.misc | BPF.tax {
                statements[b][s].code = BPF.ldx | BPF.imm
                statements[b][next].code = BPF.misc | BPF.txa
                noteStatementChange()
            }
            // ld #k; [ldxb 4*([n]&0xf)]; add x; tax; ld[x + off]  ->  [ldxb …]; ld [x + off + k]
            if statements[b][s].code == BPF.ld | BPF.imm {
                if outUse[b] & xBit != 0 { continue }
                let add: Int?
                if statements[b][next].code != BPF.ldx | BPF.msh | BPF.b {
                    add = next
                } else {
                    add = nextLive(b, from: next + 1)
                }
                guard let add, statements[b][add].code == BPF.alu | BPF.add | BPF.x else { continue }
                guard let tax = nextLive(b, from: add + 1),
                      statements[b][tax].code == BPF.misc | BPF.tax else { continue }
                guard let load = nextLive(b, from: tax + 1),
                      statements[b][load].code & 0x07 == BPF.ld, statements[b][load].code & 0xe0 == BPF.ind
                else { continue }
                statements[b][load].k = statements[b][load].k &+ statements[b][s].k
                statements[b][s].code = Statement.nopCode
                statements[b][add].code = Statement.nopCode
                statements[b][tax].code = Statement.nopCode
                noteStatementChange()
            }
        }

        // Arithmetic feeding an equality test against a constant, when A is dead afterwards.
        if code[b] == BPF.jmp | BPF.jeq | BPF.k && outUse[b] & aBit == 0 {
            let lastCode = statements[b][last].code
            if lastCode == BPF.alu | BPF.sub | BPF.x {
                let xValue = value(b, Atom.x)
                if valueTable.isKnown(xValue) {
                    // sub x; jeq #y  ->  jeq #(y + x)
                    k[b] = k[b] &+ valueTable.constantValue(xValue)
                    statements[b][last].code = Statement.nopCode
                    noteStatementChange()
                } else if k[b] == 0 {
                    // sub x; jeq #0  ->  jeq x
                    statements[b][last].code = Statement.nopCode
                    code[b] = BPF.jmp | BPF.jeq | BPF.x
                    noteStatementChange()
                }
            } else if lastCode == BPF.alu | BPF.sub | BPF.k {
                // sub #x; jeq #y  ->  jeq #(y + x)
                statements[b][last].code = Statement.nopCode
                k[b] = k[b] &+ statements[b][last].k
                noteStatementChange()
            } else if lastCode == BPF.alu | BPF.and | BPF.k && k[b] == 0 {
                // and #k; jeq #0  ->  jset #k with the successors swapped
                k[b] = statements[b][last].k
                code[b] = BPF.jmp | BPF.k | BPF.jset
                statements[b][last].code = Statement.nopCode
                noteStatementChange()
                swap(&jt[b], &jf[b])
            }
        }

        // jset #0 never jumps. (libpcap 1.10.3 also treats `jset #0xffffffff` as always jumping, which is
        // wrong when A is 0; that rewrite is deliberately not reproduced.)
        if code[b] == BPF.jmp | BPF.k | BPF.jset && k[b] == 0 {
            jt[b] = jf[b]
        }

        // A comparison against X whose value is a known constant becomes a comparison against that constant.
        let xValue = value(b, Atom.x)
        if valueTable.isKnown(xValue) && code[b] & BPF.x != 0 {
            code[b] &= ~BPF.x
            k[b] = valueTable.constantValue(xValue)
        }

        // A comparison of a known constant A is decided now.
        let aValue = value(b, Atom.a)
        if valueTable.isKnown(aValue) && code[b] & BPF.x == 0 {
            let a = valueTable.constantValue(aValue)
            let taken: Bool
            switch code[b] & 0xf0 {
            case BPF.jeq: taken = a == k[b]
            case BPF.jgt: taken = a > k[b]
            case BPF.jge: taken = a >= k[b]
            case BPF.jset: taken = a & k[b] != 0
            default: return
            }
            if jf[b] != jt[b] { noteStatementChange() }
            if taken { jf[b] = jt[b] } else { jt[b] = jf[b] }
        }
    }
}
