import BPFCore

extension CodeGenerator {
    /// `vlan [id]`: an 802.1Q/802.1ad/QinQ tag; afterwards the link type and payload are 4 bytes further on.
    mutating func vlanTest(_ id: UInt32?) throws(CodeGenError) -> Fragment {
        if labelStackDepth > 0 { throw CodeGenError("no VLAN match after MPLS") }
        switch linkType.rawValue {
        case DLT.en10mb, DLT.netAnalyzer, DLT.netAnalyzerTransparent,
             DLT.ieee80211, DLT.prismHeader, DLT.ieee80211RadioAVS, DLT.ieee80211Radio:
            break
        default:
            throw CodeGenError("no VLAN support for \(linkTypeDescription)")
        }
        let isEthernet = [DLT.en10mb, DLT.netAnalyzer, DLT.netAnalyzerTransparent].contains(linkType.rawValue)
        if isEthernet && linuxVLANExtensions && vlanStackDepth == 0 && !offLinkHeader.isVariable
            && offLinkHeader.constantPart == offOutermostLinkHeader.constantPart {
            let r = try vlanTestWithAncillaryData(id)
            vlanStackDepth += 1
            return r
        }
        let r = try vlanTagTest(id)
        offLinkPayload.constantPart &+= 4
        offLinkType.constantPart &+= 4
        vlanStackDepth += 1
        return r
    }

    /// The TPID test (802.1Q, 802.1ad or QinQ), then the VLAN ID if given.
    private mutating func vlanTPIDTest() throws(CodeGenError) -> Fragment {
        let q = try linkTypeTest(EtherType.vlan8021Q)
        let ad = try linkTypeTest(EtherType.vlan8021AD)
        let r = or(q, ad)
        let qinq = try linkTypeTest(EtherType.vlan8021QinQ)
        return or(r, qinq)
    }

    private mutating func vlanIDTest(_ id: UInt32) throws(CodeGenError) -> Fragment {
        if id > 0x0fff { throw CodeGenError("VLAN tag \(id) greater than maximum \(0x0fff)") }
        return try maskedCmp(.linkPayload, 0, .half, id, mask: 0x0fff)
    }

    private mutating func vlanTagTest(_ id: UInt32?) throws(CodeGenError) -> Fragment {
        let r = try vlanTPIDTest()
        guard let id else { return r }
        let vid = try vlanIDTest(id)
        return and(r, vid)
    }

    /// Live Linux capture: the kernel may have stripped the tag into the socket buffer's metadata, so
    /// test `vlanp`/`vlan_tci` first and fall back to the in-packet tag, moving the link-type and payload
    /// offsets by 4 at run time (libpcap's BPF_SPECIAL_VLAN_HANDLING code).
    private mutating func vlanTestWithAncillaryData(_ id: UInt32?) throws(CodeGenError) -> Fragment {
        let present = newBlock(BPF.jmp | BPF.jeq | BPF.k, k: 1,
                               statements: [Statement(BPF.ld | BPF.b | BPF.abs, Ancillary.vlanTagPresent.k)])
        let tpid = try vlanTPIDTest()
        let vid = try id.map { v throws(CodeGenError) in try vlanIDTest(v) }
        // Advance both offsets by the tag when it is still in the packet.
        isVLANVariableOffset = true
        var shift: [Statement] = []
        for which in [\CodeGenerator.offLinkPayload, \CodeGenerator.offLinkType] {
            self[keyPath: which].isVariable = true
            let reg: Int
            if let r = self[keyPath: which].register { reg = r } else {
                reg = try allocateRegister()
                self[keyPath: which].register = reg
            }
            shift += [Statement(BPF.ld | BPF.mem, UInt32(reg)), Statement(BPF.alu | BPF.add | BPF.k, 4),
                      Statement(BPF.st, UInt32(reg))]
        }
        graph[tpid.entry].statements = shift + graph[tpid.entry].statements
        var r = or(present, tpid)
        if let vid {
            let original = graph[vid.last].statements
            var c = LocalCode()
            let fromMetadata = c.label()
            c.emit(BPF.ld | BPF.b | BPF.abs, Ancillary.vlanTagPresent.k)
            c.jump(BPF.jmp | BPF.jeq | BPF.k, 1, onTrue: fromMetadata, onFalse: LocalCode.end)
            c.place(fromMetadata)
            c.emit(BPF.ld | BPF.b | BPF.abs, Ancillary.vlanTCI.k)
            c.emit(BPF.jmp | BPF.ja, UInt32(truncatingIfNeeded: original.count - 1))
            graph[vid.last].statements = c.finished(followedBy: original)
            r = and(r, vid)
        }
        return r
    }


    /// `mpls [label]`: an MPLS label stack entry; afterwards the network layer is 4 bytes further on.
    mutating func mplsTest(_ label: UInt32?) throws(CodeGenError) -> Fragment {
        var r: Fragment
        if labelStackDepth > 0 {
            r = try maskedCmp(.previousMPLSHeader, 2, .byte, 0, mask: 0x01)
        } else {
            switch linkType.rawValue {
            case DLT.cHDLC, DLT.hdlc, DLT.en10mb, DLT.netAnalyzer, DLT.netAnalyzerTransparent:
                r = try linkTypeTest(EtherType.mpls)
            case DLT.ppp:
                r = try linkTypeTest(0x0281)
            default:
                throw CodeGenError("no MPLS support for \(linkTypeDescription)")
            }
        }
        if let label {
            if label > 0xfffff { throw CodeGenError("MPLS label \(label) greater than maximum \(0xfffff)") }
            let l = try maskedCmp(.linkPayload, 0, .word, label << 12, mask: 0xffff_f000)
            r = and(r, l)
        }
        offNetworkNoSNAP &+= 4
        offNetwork &+= 4
        labelStackDepth += 1
        return r
    }

    /// `pppoed`: PPPoE discovery frames.
    mutating func pppoeDiscoveryTest() throws(CodeGenError) -> Fragment {
        try linkTypeTest(EtherType.pppoed)
    }

    /// `pppoes [session]`: PPPoE session frames; what follows is matched inside the PPP payload.
    mutating func pppoeSessionTest(_ session: UInt32?) throws(CodeGenError) -> Fragment {
        var r = try linkTypeTest(EtherType.pppoes)
        if let session {
            if session > 0xffff {
                throw CodeGenError("PPPoE session number \(session) greater than maximum \(0xffff)")
            }
            let s = try maskedCmp(.linkPayload, 0, .word, session, mask: 0xffff)
            r = and(r, s)
        }
        pushLinkHeader(DLT.ppp, isVariable: offLinkPayload.isVariable,
                       constantPart: offLinkPayload.constantPart &+ offNetwork &+ 6, register: offLinkPayload.register)
        offLinkType = offLinkHeader
        offLinkPayload.constantPart = offLinkHeader.constantPart &+ 2
        offNetwork = 0
        offNetworkNoSNAP = 0
        return r
    }

    /// Makes a new, inner link-layer header current (libpcap's PUSH_LINKHDR).
    mutating func pushLinkHeader(_ dlt: Int32, isVariable: Bool, constantPart: UInt32, register: Int?) {
        previousLinkType = linkType
        offPreviousLinkHeader = offLinkHeader
        linkType = LinkType(rawValue: dlt)
        offLinkHeader = AbsoluteOffset(constantPart: constantPart, isVariable: isVariable, register: register)
        isGeneve = false
    }

    // MARK: Geneve

    private mutating func geneveCheck(ipv6: Bool, vni: UInt32?) throws(CodeGenError) -> Fragment {
        let base: OffsetBase = ipv6 ? .transportIPv6 : .transportIPv4
        let port = try portTest(ipv6: ipv6, low: 6081, high: nil, .only(IPProto.udp), .dst)
        let version = try maskedCmp(base, 8, .byte, 0, mask: 0xc0)
        var r = and(port, version)
        if let vni {
            if vni > 0xffffff { throw CodeGenError("Geneve VNI \(vni) greater than maximum \(0xffffff)") }
            let v = try maskedCmp(base, 12, .word, vni << 8, mask: 0xffff_ff00)
            r = and(r, v)
        }
        return r
    }

    /// `geneve [vni]`: UDP port 6081 Geneve over IPv4 or IPv6; afterwards the inner Ethernet frame is
    /// current, at a run-time offset.
    mutating func geneveTest(_ vni: UInt32?) throws(CodeGenError) -> Fragment {
        var v4 = try geneveCheck(ipv6: false, vni: vni)
        var s = try loadIPHeaderLengthIntoX()
        s.append(Statement(BPF.misc | BPF.txa))
        let x4 = newBlock(BPF.jmp | BPF.jeq | BPF.x, k: 0, statements: s)
        v4 = and(v4, x4)

        var v6 = try geneveCheck(ipv6: true, vni: vni)
        var s6: [Statement]
        if var variable = try variablePart(of: \.offLinkPayload) {
            variable.append(Statement(BPF.ld | BPF.imm, 40))
            variable.append(Statement(BPF.alu | BPF.add | BPF.x, 0))
            s6 = variable
        } else {
            s6 = [Statement(BPF.ld | BPF.imm, 40)]
        }
        s6.append(Statement(BPF.misc | BPF.tax))
        let x6 = newBlock(BPF.jmp | BPF.jeq | BPF.x, k: 0, statements: s6)
        v6 = and(v6, x6)

        let either = or(v4, v6)
        let offsets = try geneveOffsets()
        let t = alwaysTrue()
        graph[t.last].statements = offsets + graph[t.last].statements
        let r = and(either, t)
        isGeneve = true
        return r
    }

    /// Statements computing the inner Ethernet header and payload offsets of a Geneve packet.
    private mutating func geneveOffsets() throws(CodeGenError) -> [Statement] {
        var c = LocalCode()
        c.emit(BPF.alu | BPF.add | BPF.k, offLinkPayload.constantPart &+ offNetwork &+ 8)
        c.emit(BPF.misc | BPF.tax)
        c.emit(BPF.alu | BPF.add | BPF.k, 2)
        let typeReg = try allocateRegister()
        offLinkType = AbsoluteOffset(constantPart: 0, isVariable: true, register: typeReg)
        c.emit(BPF.st, UInt32(typeReg))
        c.emit(BPF.ld | BPF.ind | BPF.b, 0)
        c.emit(BPF.alu | BPF.and | BPF.k, 0x3f)
        c.emit(BPF.alu | BPF.mul | BPF.k, 4)
        c.emit(BPF.alu | BPF.add | BPF.k, 8)
        c.emit(BPF.alu | BPF.add | BPF.x, 0)
        let headerReg = try allocateRegister()
        pushLinkHeader(DLT.en10mb, isVariable: true, constantPart: 0, register: headerReg)
        c.emit(BPF.st, UInt32(headerReg))
        noOptimize = true
        c.emit(BPF.ld | BPF.ind | BPF.h, 2)
        c.emit(BPF.ldx | BPF.mem, UInt32(headerReg))
        let teb = c.label(), other = c.label()
        c.jump(BPF.jmp | BPF.jeq | BPF.k, EtherType.teb, onTrue: teb, onFalse: other)
        c.place(teb)
        c.emit(BPF.misc | BPF.txa)
        c.emit(BPF.alu | BPF.add | BPF.k, 12)
        c.emit(BPF.st, UInt32(typeReg))
        c.emit(BPF.alu | BPF.add | BPF.k, 2)
        c.emit(BPF.misc | BPF.tax)
        let payloadReg = try allocateRegister()
        offLinkPayload = AbsoluteOffset(constantPart: 0, isVariable: true, register: payloadReg)
        c.place(other)
        c.emit(BPF.stx, UInt32(payloadReg))
        offNetwork = 0
        return c.finished(followedBy: [])
    }

    /// Inside Geneve: the inner frame is Ethernet only when the header and payload offsets differ.
    mutating func geneveLinkLayerCheck() throws(CodeGenError) -> Fragment {
        let s = [Statement(BPF.ld | BPF.mem, UInt32(offLinkHeader.register ?? 0)),
                 Statement(BPF.ldx | BPF.mem, UInt32(offLinkPayload.register ?? 0))]
        return newBlock(BPF.jmp | BPF.jeq | BPF.x, k: 0, statements: s).negated
    }
}
