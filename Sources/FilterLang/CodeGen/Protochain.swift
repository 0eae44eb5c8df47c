import BPFCore

extension CodeGenerator {
    /// `[ip|ip6] protochain N`: walks the IPv6 extension-header chain (and IPv4/IPv6 AH headers) in a loop
    /// looking for protocol `v`. The loop is a backward `ja` inside one statement list, so the optimizer
    /// is disabled for the whole program.
    mutating func protochainTest(_ v: UInt32, _ proto: ProtocolQualifier) throws(CodeGenError) -> Fragment {
        let scratch = try allocateRegister()
        switch proto {
        case .ip, .ip6:
            break
        case .default:
            let a = try protochainTest(v, .ip)
            let b = try protochainTest(v, .ip6)
            return or(a, b)
        default:
            throw CodeGenError("bad protocol applied for 'protochain'")
        }
        if offLinkPayload.isVariable {
            throw CodeGenError("'protochain' not supported with variable length headers")
        }
        noOptimize = true
        let nl = offLinkPayload.constantPart &+ offNetwork
        let ipv6 = proto == .ip6
        let link = try linkTypeTest(ipv6 ? EtherType.ipv6 : EtherType.ip)

        var c = LocalCode()
        let again = c.label(), noneCheck = c.label(), end = c.label(), ahCheck = c.label(), ahAdvance = c.label()
        if ipv6 {
            c.emit(BPF.ld | BPF.abs | BPF.b, nl &+ 6)
            c.emit(BPF.ldx | BPF.imm, 40)
        } else {
            c.emit(BPF.ld | BPF.abs | BPF.b, nl &+ 9)
            c.emit(BPF.ldx | BPF.msh | BPF.b, nl)
        }
        c.place(again)
        let againIndex = c.statements.count
        c.jump(BPF.jmp | BPF.jeq | BPF.k, v, onTrue: end, onFalse: noneCheck)
        c.place(noneCheck)
        let afterNone = c.label()
        c.jump(BPF.jmp | BPF.jeq | BPF.k, IPProto.none, onTrue: end, onFalse: afterNone)
        c.place(afterNone)
        if ipv6 {
            let advance = c.label()
            let headers = [IPProto.hopopts, IPProto.dstopts, IPProto.routing, IPProto.fragment]
            for (n, h) in headers.enumerated() {
                let next = n == headers.count - 1 ? ahCheck : c.label()
                c.jump(BPF.jmp | BPF.jeq | BPF.k, h, onTrue: advance, onFalse: next)
                if n < headers.count - 1 { c.place(next) }
            }
            c.place(advance)
            c.emit(BPF.ld | BPF.ind | BPF.b, nl)
            c.emit(BPF.st, UInt32(scratch))
            c.emit(BPF.ld | BPF.ind | BPF.b, nl &+ 1)
            c.emit(BPF.alu | BPF.add | BPF.k, 1)
            c.emit(BPF.alu | BPF.mul | BPF.k, 8)
            c.emit(BPF.alu | BPF.add | BPF.x, 0)
            c.emit(BPF.misc | BPF.tax)
            c.emit(BPF.ld | BPF.mem, UInt32(scratch))
            c.emit(BPF.jmp | BPF.ja, UInt32(truncatingIfNeeded: againIndex - c.statements.count - 1))
        } else {
            c.emit(BPF.alu | BPF.add | BPF.k, 0)
        }
        c.place(ahCheck)
        c.jump(BPF.jmp | BPF.jeq | BPF.k, IPProto.ah, onTrue: ahAdvance, onFalse: end)
        c.place(ahAdvance)
        c.emit(BPF.misc | BPF.txa)
        c.emit(BPF.ld | BPF.ind | BPF.b, nl)
        c.emit(BPF.st, UInt32(scratch))
        c.emit(BPF.misc | BPF.txa)
        c.emit(BPF.alu | BPF.add | BPF.k, 1)
        c.emit(BPF.misc | BPF.tax)
        c.emit(BPF.ld | BPF.ind | BPF.b, nl)
        c.emit(BPF.alu | BPF.add | BPF.k, 2)
        c.emit(BPF.alu | BPF.mul | BPF.k, 4)
        c.emit(BPF.misc | BPF.tax)
        c.emit(BPF.ld | BPF.mem, UInt32(scratch))
        c.emit(BPF.jmp | BPF.ja, UInt32(truncatingIfNeeded: againIndex - c.statements.count - 1))
        c.place(end)
        c.emit(BPF.alu | BPF.add | BPF.k, 0)
        let b = newBlock(BPF.jmp | BPF.jeq | BPF.k, k: v, statements: c.finished(followedBy: []))
        freeRegister(scratch)
        return and(link, b)
    }
}
