import BPFCore

/// Builds a statement list that may jump within itself: jumps name labels, resolved to statement indices.
struct LocalCode {
    var statements: [Statement] = []
    /// Jumps whose targets are labels: (statement index, true label, false label).
    private var pending: [(Int, Int, Int)] = []
    private var labels: [Int: Int] = [:]
    private var nextLabel = 0

    /// A fresh label. The label ``LocalCode/end`` denotes the first statement after this list.
    mutating func label() -> Int {
        nextLabel += 1
        return nextLabel
    }

    /// The label of whatever follows the list.
    static let end = 0

    /// Places `l` at the next statement.
    mutating func place(_ l: Int) { labels[l] = statements.count }

    mutating func emit(_ code: UInt16, _ k: UInt32 = 0) { statements.append(Statement(code, k)) }

    /// A conditional jump to labels.
    mutating func jump(_ code: UInt16, _ k: UInt32, onTrue: Int, onFalse: Int) {
        pending.append((statements.count, onTrue, onFalse))
        statements.append(Statement(code, k))
    }

    /// The statements, with `following` appended and every label resolved.
    func finished(followedBy following: [Statement]) -> [Statement] {
        var out = statements
        let endIndex = out.count
        for (at, t, f) in pending {
            out[at].localTrue = t == LocalCode.end ? endIndex : labels[t]
            out[at].localFalse = f == LocalCode.end ? endIndex : labels[f]
        }
        return out + following
    }
}

extension CodeGenerator {
    /// Prepends to the root block the statements that compute variable header lengths into scratch
    /// registers (radiotap/AVS/Prism/PPI prefix, 802.11 header, pflog header, VLAN offsets), as libpcap's
    /// insert_compute_vloffsets does.
    mutating func insertVariableOffsetPrologue(into root: BlockID) throws(CodeGenError) {
        if offLinkPayload.register != nil && offLinkHeader.isVariable && offLinkHeader.register == nil {
            offLinkHeader.register = try allocateRegister()
        }
        var code: LocalCode? = nil
        switch outermostLinkType.rawValue {
        case DLT.prismHeader: code = prismPrefixLength()
        case DLT.ieee80211RadioAVS: code = simplePrefixLength(avs: true)
        case DLT.ieee80211Radio, DLT.ppi: code = simplePrefixLength(avs: false)
        default: break
        }
        switch outermostLinkType.rawValue {
        case DLT.ieee80211, DLT.prismHeader, DLT.ieee80211RadioAVS, DLT.ieee80211Radio, DLT.ppi:
            code = ieee80211HeaderLength(after: code)
        case DLT.pflog:
            code = pflogHeaderLength()
        default:
            break
        }
        if code == nil && isVLANVariableOffset {
            if offLinkPayload.register == nil { offLinkPayload.register = try allocateRegister() }
            if offLinkType.register == nil { offLinkType.register = try allocateRegister() }
            var c = LocalCode()
            c.emit(BPF.ld | BPF.w | BPF.imm, 0)
            c.emit(BPF.st, UInt32(offLinkPayload.register ?? 0))
            c.emit(BPF.st, UInt32(offLinkType.register ?? 0))
            code = c
        }
        if let code {
            graph[root].statements = code.finished(followedBy: graph[root].statements)
        }
    }

    /// pflog: header length = (byte 0 + 3) & ~3, kept in the payload-offset register and X.
    private mutating func pflogHeaderLength() -> LocalCode? {
        guard let reg = offLinkPayload.register else { return nil }
        var c = LocalCode()
        c.emit(BPF.ld | BPF.b | BPF.abs, 0)
        c.emit(BPF.alu | BPF.add | BPF.k, 3)
        c.emit(BPF.alu | BPF.and | BPF.k, 0xffff_fffc)
        c.emit(BPF.st, UInt32(reg))
        c.emit(BPF.misc | BPF.tax)
        return c
    }

    /// Prism header (which may really be AVS): length 144, or the AVS length word.
    private mutating func prismPrefixLength() -> LocalCode? {
        noOptimize = true
        guard let reg = offLinkHeader.register else { return nil }
        var c = LocalCode()
        let avs = c.label(), prism = c.label(), store = c.label()
        c.emit(BPF.ld | BPF.w | BPF.abs, 0)
        c.emit(BPF.alu | BPF.and | BPF.k, 0xffff_f000)
        c.jump(BPF.jmp | BPF.jeq | BPF.k, 0x8021_1000, onTrue: avs, onFalse: prism)
        c.place(avs)
        c.emit(BPF.ld | BPF.w | BPF.abs, 4)
        // `ja +1` over the Prism length.
        c.emit(BPF.jmp | BPF.ja, 1)
        c.place(prism)
        c.emit(BPF.ld | BPF.w | BPF.imm, 144)
        c.place(store)
        c.emit(BPF.st, UInt32(reg))
        c.emit(BPF.misc | BPF.tax)
        return c
    }

    /// AVS (length word at 4) or radiotap/PPI (little-endian length at 2).
    private mutating func simplePrefixLength(avs: Bool) -> LocalCode? {
        guard let reg = offLinkHeader.register else { return nil }
        var c = LocalCode()
        if avs {
            c.emit(BPF.ld | BPF.w | BPF.abs, 4)
        } else {
            c.emit(BPF.ld | BPF.b | BPF.abs, 3)
            c.emit(BPF.alu | BPF.lsh | BPF.k, 8)
            c.emit(BPF.misc | BPF.tax)
            c.emit(BPF.ld | BPF.b | BPF.abs, 2)
            c.emit(BPF.alu | BPF.or | BPF.x)
        }
        c.emit(BPF.st, UInt32(reg))
        c.emit(BPF.misc | BPF.tax)
        return c
    }

    /// 802.11 header length (24, +2 for QoS data, rounded up to 4 with radiotap data padding) added to the
    /// prefix length in X, stored as the link-payload offset.
    private mutating func ieee80211HeaderLength(after prefix: LocalCode?) -> LocalCode? {
        guard let reg = offLinkPayload.register else { return prefix }
        noOptimize = true
        var c = prefix ?? {
            var c = LocalCode()
            c.emit(BPF.ldx | BPF.imm, offOutermostLinkHeader.constantPart)
            return c
        }()
        let r = UInt32(reg)
        c.emit(BPF.misc | BPF.txa)
        c.emit(BPF.alu | BPF.add | BPF.k, 24)
        c.emit(BPF.st, r)
        c.emit(BPF.ld | BPF.ind | BPF.b, 0)
        let second = c.label(), qos = c.label(), qosAdd = c.label()
        c.jump(BPF.jmp | BPF.jset | BPF.k, 0x08, onTrue: second, onFalse: LocalCode.end)
        c.place(second)
        let notQoS: Int
        if linkType.rawValue == DLT.ieee80211Radio { notQoS = c.label() } else { notQoS = LocalCode.end }
        c.jump(BPF.jmp | BPF.jset | BPF.k, 0x04, onTrue: LocalCode.end, onFalse: qos)
        c.place(qos)
        c.jump(BPF.jmp | BPF.jset | BPF.k, 0x80, onTrue: qosAdd, onFalse: notQoS)
        c.place(qosAdd)
        c.emit(BPF.ld | BPF.mem, r)
        c.emit(BPF.alu | BPF.add | BPF.k, 2)
        c.emit(BPF.st, r)
        if linkType.rawValue == DLT.ieee80211Radio {
            let extCheck = c.label(), tsftCheck = c.label(), withTSFT = c.label(), withoutTSFT = c.label()
            let roundUp = c.label()
            c.place(notQoS)
            c.emit(BPF.ld | BPF.abs | BPF.w, 4)
            c.jump(BPF.jmp | BPF.jset | BPF.k, UInt32(0x0000_0002).byteSwapped, onTrue: extCheck, onFalse: LocalCode.end)
            c.place(extCheck)
            c.jump(BPF.jmp | BPF.jset | BPF.k, UInt32(0x8000_0000).byteSwapped, onTrue: LocalCode.end, onFalse: tsftCheck)
            c.place(tsftCheck)
            c.jump(BPF.jmp | BPF.jset | BPF.k, UInt32(0x0000_0001).byteSwapped, onTrue: withTSFT, onFalse: withoutTSFT)
            c.place(withTSFT)
            c.emit(BPF.ld | BPF.abs | BPF.b, 16)
            c.jump(BPF.jmp | BPF.jset | BPF.k, 0x20, onTrue: roundUp, onFalse: LocalCode.end)
            c.place(withoutTSFT)
            c.emit(BPF.ld | BPF.abs | BPF.b, 8)
            c.jump(BPF.jmp | BPF.jset | BPF.k, 0x20, onTrue: roundUp, onFalse: LocalCode.end)
            c.place(roundUp)
            c.emit(BPF.ld | BPF.mem, r)
            c.emit(BPF.alu | BPF.add | BPF.k, 3)
            c.emit(BPF.alu | BPF.and | BPF.k, ~UInt32(3))
            c.emit(BPF.st, r)
        }
        return c
    }
}
