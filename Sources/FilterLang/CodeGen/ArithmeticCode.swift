import BPFCore

extension CodeGenerator {
    /// `ldx M[reg]`.
    private func toX(_ a: Arith) -> Statement { Statement(BPF.ldx | BPF.mem, UInt32(a.register)) }
    /// `ld M[reg]`.
    private func toA(_ a: Arith) -> Statement { Statement(BPF.ld | BPF.mem, UInt32(a.register)) }

    /// A constant, stored in a fresh scratch register.
    mutating func loadImmediate(_ v: UInt32) throws(CodeGenError) -> Arith {
        let reg = try allocateRegister()
        return Arith(checks: nil, statements: [Statement(BPF.ld | BPF.imm, v), Statement(BPF.st, UInt32(reg))], register: reg)
    }

    /// `len`.
    mutating func loadLength() throws(CodeGenError) -> Arith {
        let reg = try allocateRegister()
        return Arith(checks: nil, statements: [Statement(BPF.ld | BPF.len), Statement(BPF.st, UInt32(reg))], register: reg)
    }

    /// `proto[index : size]`: loads from the header `proto` names, guarded by that protocol's checks.
    mutating func loadPacketField(_ proto: ProtocolQualifier, _ index: Arith, size: UInt32) throws(CodeGenError) -> Arith {
        var inst = index
        let reg = try allocateRegister()
        freeRegister(inst.register)
        let sizeCode: UInt16
        switch size {
        case 1: sizeCode = BPF.b
        case 2: sizeCode = BPF.h
        case 4: sizeCode = BPF.w
        default: throw CodeGenError("data size must be 1, 2, or 4")
        }
        /// X = variable part of `offset` + index (or just the index).
        func indexIntoX(_ g: inout CodeGenerator, _ which: WritableKeyPath<CodeGenerator, AbsoluteOffset>,
                        _ inst: Arith) throws(CodeGenError) -> [Statement] {
            if var s = try g.variablePart(of: which) {
                s.append(g.toA(inst))
                s.append(Statement(BPF.alu | BPF.add | BPF.x))
                s.append(Statement(BPF.misc | BPF.tax))
                return s
            }
            return [g.toX(inst)]
        }
        switch proto {
        case .radio:
            let v = linkType.rawValue
            if v != DLT.ieee80211RadioAVS && v != DLT.ieee80211Radio && v != DLT.prismHeader {
                throw CodeGenError("radio information not present in capture")
            }
            inst.statements += [toX(inst), Statement(BPF.ld | BPF.ind | sizeCode, 0)]
        case .link:
            var s = try indexIntoX(&self, \.offLinkHeader, inst)
            s.append(Statement(BPF.ld | BPF.ind | sizeCode, offLinkHeader.constantPart))
            inst.statements += s
        case .ip, .arp, .rarp, .atalk, .decnet, .sca, .lat, .moprc, .mopdl, .ip6:
            var s = try indexIntoX(&self, \.offLinkPayload, inst)
            s.append(Statement(BPF.ld | BPF.ind | sizeCode, offLinkPayload.constantPart &+ offNetwork))
            inst.statements += s
            let b = try protocolAbbreviation(proto)
            inst.checks = and(inst.checks, b)
        case .sctp, .tcp, .udp, .icmp, .igmp, .igrp, .pim, .vrrp, .carp:
            var s = try loadIPHeaderLengthIntoX()
            s.append(toA(inst))
            s.append(Statement(BPF.alu | BPF.add | BPF.x))
            s.append(Statement(BPF.misc | BPF.tax))
            s.append(Statement(BPF.ld | BPF.ind | sizeCode, offLinkPayload.constantPart &+ offNetwork))
            inst.statements += s
            let p = try protocolAbbreviation(proto)
            let frag = try ipv4NotFragment()
            var b = and(p, frag)
            b = and(inst.checks, b)
            let ip = try protocolAbbreviation(.ip)
            inst.checks = and(ip, b)
        case .icmp6:
            let v6 = try protocolAbbreviation(.ip6)
            inst.checks = and(inst.checks, v6)
            let next = try cmp(.linkPayload, 6, .byte, 58)
            inst.checks = and(inst.checks, next)
            var s = try indexIntoX(&self, \.offLinkPayload, inst)
            s.append(Statement(BPF.ld | BPF.ind | sizeCode, offLinkPayload.constantPart &+ offNetwork &+ 40))
            inst.statements += s
        default:
            throw CodeGenError("unsupported index operation")
        }
        inst.register = reg
        inst.statements.append(Statement(BPF.st, UInt32(reg)))
        return inst
    }

    /// `-a`.
    mutating func negate(_ a: Arith) -> Arith {
        var a = a
        a.statements += [toA(a), Statement(BPF.alu | BPF.neg, 0), Statement(BPF.st, UInt32(a.register))]
        return a
    }

    /// `a0 op a1` with `op` an ALU operation code (`BPF.add`, …).
    mutating func arithmetic(_ op: UInt16, _ a0: Arith, _ a1: Arith) throws(CodeGenError) -> Arith {
        if let first = a1.statements.first, first.code == BPF.ld | BPF.imm {
            if op == BPF.div && first.k == 0 { throw CodeGenError("division by zero") }
            if op == BPF.mod && first.k == 0 { throw CodeGenError("modulus by zero") }
            if (op == BPF.lsh || op == BPF.rsh) && first.k > 31 { throw CodeGenError("shift by more than 31 bits") }
        }
        var result = a0
        result.statements = a0.statements + a1.statements
            + [toX(a1), toA(a0), Statement(BPF.alu | BPF.x | op)]
        freeRegister(a0.register)
        freeRegister(a1.register)
        let reg = try allocateRegister()
        result.register = reg
        result.statements.append(Statement(BPF.st, UInt32(reg)))
        // The protocol checks of a1 are dropped, exactly as libpcap 1.10.3 drops them.
        return result
    }

    /// `a0 relop a1` (`jump` is `jgt`, `jge` or `jeq`; `reversed` for `<=`, `<`, `!=`).
    mutating func relation(_ jump: UInt16, _ a0: Arith, _ a1: Arith, reversed: Bool) throws(CodeGenError) -> Fragment {
        var s = a0.statements + a1.statements + [toX(a1), toA(a0)]
        var b: Fragment
        if jump == BPF.jeq {
            s.append(Statement(BPF.alu | BPF.sub | BPF.x))
            b = newBlock(BPF.jmp | BPF.jeq | BPF.k, k: 0, statements: s)
        } else {
            b = newBlock(BPF.jmp | jump | BPF.x, k: 0, statements: s)
        }
        if reversed { b = b.negated }
        freeRegister(a0.register)
        freeRegister(a1.register)
        let checks: Fragment?
        if let c0 = a0.checks {
            if let c1 = a1.checks { checks = and(c0, c1) } else { checks = c0 }
        } else {
            checks = a1.checks
        }
        return and(checks, b)
    }
}
