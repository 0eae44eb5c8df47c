import BPFCore

/// SunATM pseudo-header fields the generator tests.
enum ATMHeaderField: Sendable {
    case vpi, vci, protoType, messageType, callReference
}

extension CodeGenerator {
    /// Compares a SunATM pseudo-header field (libpcap's gen_atmfield_code).
    mutating func atmFieldTest(_ field: ATMHeaderField, _ value: UInt32, jump: UInt16,
                               reverse: Bool) throws(CodeGenError) -> Fragment {
        switch field {
        case .vpi:
            if !isATM { throw CodeGenError("'vpi' supported only on raw ATM") }
            return try compare(.linkHeader, offVPI, .byte, jump: jump, reverse: reverse, value)
        case .vci:
            if !isATM { throw CodeGenError("'vci' supported only on raw ATM") }
            return try compare(.linkHeader, offVCI, .half, jump: jump, reverse: reverse, value)
        case .protoType:
            return try compare(.linkHeader, offProto, .byte, mask: 0x0f, jump: jump, reverse: reverse, value)
        case .messageType:
            return try compare(.linkHeader, offPayload &+ 5, .byte, jump: jump, reverse: reverse, value)
        case .callReference:
            if !isATM { throw CodeGenError("'callref' supported only on raw ATM") }
            return try compare(.linkHeader, offProto, .byte, jump: jump, reverse: reverse, value)
        }
    }

    private mutating func vpiVCI(_ vpi: UInt32, _ vci: UInt32) throws(CodeGenError) -> Fragment {
        let a = try atmFieldTest(.vpi, vpi, jump: BPF.jeq, reverse: false)
        let b = try atmFieldTest(.vci, vci, jump: BPF.jeq, reverse: false)
        return and(a, b)
    }

    /// `lane`, `metac`, `bcc`, `oamf4sc`, `oamf4ec`, `sc`, `ilmic`.
    mutating func atmTypeTest(_ type: ATMType) throws(CodeGenError) -> Fragment {
        let names: [ATMType: String] = [.metac: "metac", .bcc: "bcc", .oamf4sc: "oam4sc", .oamf4ec: "oam4ec",
                                        .sc: "sc", .ilmic: "ilmic", .lane: "lane"]
        if !isATM { throw CodeGenError("'\(names[type] ?? "")' supported only on raw ATM") }
        switch type {
        case .metac: return try vpiVCI(0, 1)
        case .bcc: return try vpiVCI(0, 2)
        case .oamf4sc: return try vpiVCI(0, 3)
        case .oamf4ec: return try vpiVCI(0, 4)
        case .sc: return try vpiVCI(0, 5)
        case .ilmic: return try vpiVCI(0, 16)
        case .lane:
            let r = try atmFieldTest(.protoType, SunATM.ptLANE, jump: BPF.jeq, reverse: false)
            pushLinkHeader(DLT.en10mb, isVariable: false, constantPart: offPayload &+ 2, register: nil)
            offLinkType.constantPart = offLinkHeader.constantPart &+ 12
            offLinkPayload.constantPart = offLinkHeader.constantPart &+ 14
            offNetwork = 0
            offNetworkNoSNAP = 3
            return r
        }
    }

    /// The LLC-encapsulated check `llc` uses on SunATM (it also restores the previous link type).
    mutating func atmLLCTest() throws(CodeGenError) -> Fragment {
        let r = try atmFieldTest(.protoType, SunATM.ptLLC, jump: BPF.jeq, reverse: false)
        linkType = previousLinkType
        return r
    }

    /// `oam`, `oamf4`, `connectmsg`, `metaconnect`.
    mutating func atmMultiTypeTest(_ type: ATMMultiType) throws(CodeGenError) -> Fragment {
        switch type {
        case .oam, .oamf4:
            if !isATM { throw CodeGenError("'\(type == .oam ? "oam" : "oamf4")' supported only on raw ATM") }
            let a = try atmFieldTest(.vci, 3, jump: BPF.jeq, reverse: false)
            let b = try atmFieldTest(.vci, 4, jump: BPF.jeq, reverse: false)
            let r = or(a, b)
            let vpi = try atmFieldTest(.vpi, 0, jump: BPF.jeq, reverse: false)
            return and(vpi, r)
        case .connectmsg, .metaconnect:
            if !isATM {
                throw CodeGenError("'\(type == .connectmsg ? "connectmsg" : "metaconnect")' supported only on raw ATM")
            }
            let messages: [UInt32] = type == .connectmsg ? [0x05, 0x02, 0x07, 0x0f, 0x4d, 0x5a] : [0x05, 0x02, 0x07, 0x4d, 0x5a]
            var r = try atmFieldTest(.messageType, messages[0], jump: BPF.jeq, reverse: false)
            var first = true
            for m in messages.dropFirst() {
                let b = try atmFieldTest(.messageType, m, jump: BPF.jeq, reverse: false)
                if first { r = or(r, b); first = false } else { r = or(b, r) }
            }
            let circuit = type == .connectmsg ? try vpiVCI(0, 5) : try vpiVCI(0, 1)
            return and(circuit, r)
        }
    }

    // MARK: SS7 MTP2/MTP3

    private var isMTP2: Bool {
        let v = linkType.rawValue
        return v == DLT.mtp2 || v == DLT.erf || v == DLT.mtp2WithPHDR
    }

    /// `fisu`, `lssu`, `msu` and their high-speed-link forms.
    mutating func mtp2TypeTest(_ type: MTP2Type) throws(CodeGenError) -> Fragment {
        let names: [MTP2Type: String] = [.fisu: "'fisu' supported only on MTP2", .lssu: "'lssu' supported only on MTP2",
                                         .msu: "'msu' supported only on MTP2", .hfisu: "'hfisu' supported only on MTP2_HSL",
                                         .hlssu: "'hlssu' supported only on MTP2_HSL", .hmsu: "'hmsu' supported only on MTP2_HSL"]
        if !isMTP2 { throw CodeGenError(names[type] ?? "") }
        switch type {
        case .fisu:
            return try compare(.packet, offLI, .byte, mask: 0x3f, jump: BPF.jeq, 0)
        case .lssu:
            let a = try compare(.packet, offLI, .byte, mask: 0x3f, jump: BPF.jgt, reverse: true, 2)
            let b = try compare(.packet, offLI, .byte, mask: 0x3f, jump: BPF.jgt, 0)
            return and(b, a)
        case .msu:
            return try compare(.packet, offLI, .byte, mask: 0x3f, jump: BPF.jgt, 2)
        case .hfisu:
            return try compare(.packet, offLIHSL, .half, mask: 0xff80, jump: BPF.jeq, 0)
        case .hlssu:
            let a = try compare(.packet, offLIHSL, .half, mask: 0xff80, jump: BPF.jgt, reverse: true, 0x0100)
            let b = try compare(.packet, offLIHSL, .half, mask: 0xff80, jump: BPF.jgt, 0)
            return and(b, a)
        case .hmsu:
            return try compare(.packet, offLIHSL, .half, mask: 0xff80, jump: BPF.jgt, 0x0100)
        }
    }

    /// `sio`, `opc`, `dpc`, `sls` (and `h` forms, 3 bytes further on) compared with `value`.
    mutating func mtp3FieldTest(_ field: MTP3Field, _ value: UInt32, jump: UInt16,
                                reverse: Bool) throws(CodeGenError) -> Fragment {
        let high: UInt32 = [.hsio, .hopc, .hdpc, .hsls].contains(field) ? 3 : 0
        switch field {
        case .sio, .hsio:
            if offSIO == offsetNotSet { throw CodeGenError("'sio' supported only on SS7") }
            if value > 255 { throw CodeGenError("sio value \(value) too big; max value = 255") }
            return try compare(.packet, offSIO &+ high, .byte, jump: jump, reverse: reverse, value)
        case .opc, .hopc:
            if offOPC == offsetNotSet { throw CodeGenError("'opc' supported only on SS7") }
            if value > 16383 { throw CodeGenError("opc value \(value) too big; max value = 16383") }
            let v = ((value & 0x3c00) >> 10) + ((value & 0x03fc) << 6) + ((value & 0x3) << 22)
            return try compare(.packet, offOPC &+ high, .word, mask: 0x00c0_ff0f, jump: jump, reverse: reverse, v)
        case .dpc, .hdpc:
            if offDPC == offsetNotSet { throw CodeGenError("'dpc' supported only on SS7") }
            if value > 16383 { throw CodeGenError("dpc value \(value) too big; max value = 16383") }
            let v = ((value & 0xff) << 24) + ((value & 0x3f00) << 8)
            return try compare(.packet, offDPC &+ high, .word, mask: 0xff3f_0000, jump: jump, reverse: reverse, v)
        case .sls, .hsls:
            if offSLS == offsetNotSet { throw CodeGenError("'sls' supported only on SS7") }
            if value > 15 { throw CodeGenError("sls value \(value) too big; max value = 15") }
            return try compare(.packet, offSLS &+ high, .byte, mask: 0xf0, jump: jump, reverse: reverse, value << 4)
        }
    }
}
