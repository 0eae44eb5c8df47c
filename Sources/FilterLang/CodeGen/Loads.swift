import BPFCore

extension CodeGenerator {
    /// `ldx M[reg]` for a variable offset (allocating its register on first use), or nil for a constant one.
    mutating func variablePart(of which: WritableKeyPath<CodeGenerator, AbsoluteOffset>) throws(CodeGenError) -> [Statement]? {
        guard self[keyPath: which].isVariable else { return nil }
        let reg: Int
        if let r = self[keyPath: which].register {
            reg = r
        } else {
            reg = try allocateRegister()
            self[keyPath: which].register = reg
        }
        return [Statement(BPF.ldx | BPF.mem, UInt32(reg))]
    }

    /// Loads `size` bytes at `offset` past an absolute offset that may have a variable part.
    mutating func load(relativeTo which: WritableKeyPath<CodeGenerator, AbsoluteOffset>, _ offset: UInt32,
                       _ size: LoadSize) throws(CodeGenError) -> [Statement] {
        let variable = try variablePart(of: which)
        let k = self[keyPath: which].constantPart &+ offset
        if var s = variable {
            s.append(Statement(BPF.ld | BPF.ind | size.rawValue, k))
            return s
        }
        return [Statement(BPF.ld | BPF.abs | size.rawValue, k)]
    }

    /// Statements loading `size` bytes at `offset` relative to `base` into A (libpcap's gen_load_a).
    mutating func loadA(_ base: OffsetBase, _ offset: UInt32, _ size: LoadSize) throws(CodeGenError) -> [Statement] {
        switch base {
        case .packet:
            return [Statement(BPF.ld | BPF.abs | size.rawValue, offset)]
        case .linkHeader:
            return try load(relativeTo: \.offLinkHeader, offset, size)
        case .previousLinkHeader:
            return try load(relativeTo: \.offPreviousLinkHeader, offset, size)
        case .llc:
            return try load(relativeTo: \.offLinkPayload, offset, size)
        case .previousMPLSHeader:
            return try load(relativeTo: \.offLinkPayload, offNetwork &- 4 &+ offset, size)
        case .linkPayload:
            return try load(relativeTo: \.offLinkPayload, offNetwork &+ offset, size)
        case .linkPayloadNoSNAP:
            return try load(relativeTo: \.offLinkPayload, offNetworkNoSNAP &+ offset, size)
        case .linkType:
            return try load(relativeTo: \.offLinkType, offset, size)
        case .transportIPv4:
            var s = try loadIPHeaderLengthIntoX()
            s.append(Statement(BPF.ld | BPF.ind | size.rawValue, offLinkPayload.constantPart &+ offNetwork &+ offset))
            return s
        case .transportIPv6:
            return try load(relativeTo: \.offLinkPayload, offNetwork &+ 40 &+ offset, size)
        }
    }

    /// X = IPv4 header length (plus the variable link-layer part, if any).
    mutating func loadIPHeaderLengthIntoX() throws(CodeGenError) -> [Statement] {
        let k = offLinkPayload.constantPart &+ offNetwork
        if var s = try variablePart(of: \.offLinkPayload) {
            s.append(Statement(BPF.ld | BPF.ind | BPF.b, k))
            s.append(Statement(BPF.alu | BPF.and | BPF.k, 0xf))
            s.append(Statement(BPF.alu | BPF.lsh | BPF.k, 2))
            s.append(Statement(BPF.alu | BPF.add | BPF.x))
            s.append(Statement(BPF.misc | BPF.tax))
            return s
        }
        return [Statement(BPF.ldx | BPF.msh | BPF.b, k)]
    }

    // MARK: Comparisons

    /// Loads a field, masks it unless `mask` is all ones, and tests it with `jump` against `value`;
    /// `reverse` negates `jgt`/`jge` (to express `<=`/`<`).
    mutating func compare(_ base: OffsetBase, _ offset: UInt32, _ size: LoadSize, mask: UInt32 = 0xffff_ffff,
                          jump: UInt16 = BPF.jeq, reverse: Bool = false, _ value: UInt32) throws(CodeGenError) -> Fragment {
        var s = try loadA(base, offset, size)
        if mask != 0xffff_ffff {
            s.append(Statement(BPF.alu | BPF.and | BPF.k, mask))
        }
        let b = newBlock(BPF.jmp | jump | BPF.k, k: value, statements: s)
        if reverse && (jump == BPF.jgt || jump == BPF.jge) { return b.negated }
        return b
    }

    /// Equality test of a field.
    mutating func cmp(_ base: OffsetBase, _ offset: UInt32, _ size: LoadSize, _ value: UInt32) throws(CodeGenError) -> Fragment {
        try compare(base, offset, size, value)
    }

    /// `field > value`.
    mutating func cmpGT(_ base: OffsetBase, _ offset: UInt32, _ size: LoadSize, _ value: UInt32) throws(CodeGenError) -> Fragment {
        try compare(base, offset, size, jump: BPF.jgt, value)
    }

    /// `field >= value`.
    mutating func cmpGE(_ base: OffsetBase, _ offset: UInt32, _ size: LoadSize, _ value: UInt32) throws(CodeGenError) -> Fragment {
        try compare(base, offset, size, jump: BPF.jge, value)
    }

    /// `field < value`.
    mutating func cmpLT(_ base: OffsetBase, _ offset: UInt32, _ size: LoadSize, _ value: UInt32) throws(CodeGenError) -> Fragment {
        try compare(base, offset, size, jump: BPF.jge, reverse: true, value)
    }

    /// `field <= value`.
    mutating func cmpLE(_ base: OffsetBase, _ offset: UInt32, _ size: LoadSize, _ value: UInt32) throws(CodeGenError) -> Fragment {
        try compare(base, offset, size, jump: BPF.jgt, reverse: true, value)
    }

    /// `(field & mask) == value`.
    mutating func maskedCmp(_ base: OffsetBase, _ offset: UInt32, _ size: LoadSize, _ value: UInt32,
                            mask: UInt32) throws(CodeGenError) -> Fragment {
        try compare(base, offset, size, mask: mask, value)
    }

    /// Compares a byte string, last 4-byte word first, then 2-byte halves, then a leading byte.
    mutating func bytesCmp(_ base: OffsetBase, _ offset: UInt32, _ bytes: [UInt8]) throws(CodeGenError) -> Fragment {
        var result: Fragment?
        var size = bytes.count
        func be(_ from: Int, _ n: Int) -> UInt32 {
            var v: UInt32 = 0
            for i in 0..<n { v = (v << 8) | UInt32(bytes[from + i]) }
            return v
        }
        while size >= 4 {
            let t = try cmp(base, offset &+ UInt32(size - 4), .word, be(size - 4, 4))
            result = and(result, t)
            size -= 4
        }
        while size >= 2 {
            let t = try cmp(base, offset &+ UInt32(size - 2), .half, be(size - 2, 2))
            result = and(result, t)
            size -= 2
        }
        if size > 0 {
            let t = try cmp(base, offset, .byte, UInt32(bytes[0]))
            result = and(result, t)
        }
        guard let result else { return uncond(true) }
        return result
    }

    /// A test that is always true or always false (`ld #1`/`ld #0` then `jeq #0`... as libpcap writes it).
    mutating func uncond(_ value: Bool) -> Fragment {
        newBlock(BPF.jmp | BPF.jeq | BPF.k, k: 0, statements: [Statement(BPF.ld | BPF.imm, value ? 0 : 1)])
    }

    /// Always true.
    mutating func alwaysTrue() -> Fragment { uncond(true) }
    /// Always false.
    mutating func alwaysFalse() -> Fragment { uncond(false) }
}
