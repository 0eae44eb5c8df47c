import BPFCore
import Testing
import cbpf2ebpf

/// The worked `tcp` example of the reference notes (shared/reference/kernel-cbpf-to-ebpf.md, section 3).
struct ReferenceListingTests {
    /// `tcpdump -y EN10MB -dd tcp` (libpcap 1.10.3).
    static let tcp = Program([
        .stmt(0x28, 12), .jump(0x15, 0x800, 0, 2), .stmt(0x30, 23), .jump(0x15, 6, 6, 7),
        .jump(0x15, 0x86dd, 0, 6), .stmt(0x30, 20), .jump(0x15, 6, 3, 0), .jump(0x15, 0x2c, 0, 3),
        .stmt(0x30, 54), .jump(0x15, 6, 0, 1), .stmt(0x06, 262_144), .stmt(0x06, 0),
    ])

    /// The 71-instruction kernel listing: code, dst, src, off, imm (`*` helper calls as the 6.18 table's values).
    static let kernelListing: [(UInt8, UInt8, UInt8, Int16, Int32)] = {
        let h16: Int32 = 10_549_680, h8: Int32 = 10_548_928
        func load(_ size: UInt8, _ k: Int32, helper: Int32, swap: Bool) -> [(UInt8, UInt8, UInt8, Int16, Int32)] {
            var s: [(UInt8, UInt8, UInt8, Int16, Int32)] = [(0xbf, 2, 9, 0, 0), (0x17, 2, 0, 0, k),
                (0xc5, 2, 0, swap ? 3 : 2, size == 0x69 ? 2 : 1), (size, 0, 8, Int16(k), 0)]
            if swap { s.append((0xdc, 0, 0, 0, 16)) }
            s += [(0x05, 0, 0, 8, 0), (0xbf, 1, 6, 0, 0), (0xbf, 2, 8, 0, 0), (0xbf, 3, 9, 0, 0), (0xb7, 4, 0, 0, k),
                  (0x85, 0, 0, 0, helper), (0x75, 0, 0, 2, 0), (0xac, 0, 0, 0, 0), (0x95, 0, 0, 0, 0)]
            return s
        }
        var l: [(UInt8, UInt8, UInt8, Int16, Int32)] = [
            (0xac, 0, 0, 0, 0), (0xac, 7, 7, 0, 0), (0xbf, 6, 1, 0, 0), (0x79, 8, 6, 200, 0),
            (0x61, 9, 6, 112, 0), (0x61, 2, 6, 116, 0), (0x1c, 9, 2, 0, 0),
        ]
        l += load(0x69, 12, helper: h16, swap: true)
        l.append((0x55, 0, 0, 15, 2048))
        l += load(0x71, 23, helper: h8, swap: false)
        l += [(0x15, 0, 0, 31, 6), (0x05, 0, 0, 32, 0), (0x55, 0, 0, 31, 34525)]
        l += load(0x71, 20, helper: h8, swap: false)
        l += [(0x15, 0, 0, 15, 6), (0x55, 0, 0, 16, 44)]
        l += load(0x71, 54, helper: h8, swap: false)
        l += [(0x55, 0, 0, 2, 6), (0xb4, 0, 0, 0, 262_144), (0x95, 0, 0, 0, 0), (0xb4, 0, 0, 0, 0), (0x95, 0, 0, 0, 0)]
        return l
    }()

    @Test func tcpKernelFlavourEqualsTheReferenceListing() throws {
        let program = try EBPFTranslator(flavor: .kernel, layout: .linux618x86_64).translate(Self.tcp)
        #expect(program.instructions.count == 71)
        #expect(Self.kernelListing.count == 71)
        for (i, (insn, want)) in zip(program.instructions, Self.kernelListing).enumerated() {
            let got = (insn.code, insn.dst, insn.src, insn.off, insn.imm)
            #expect(got == want, "instruction \(i)")
        }
        #expect(program.classicStarts.compactMap { $0 } == [7, 21, 22, 35, 37, 38, 51, 52, 53, 66, 67, 69])
        #expect(program.stackDepth == 0)
        #expect(program.symbols[3] == .fieldOffset(structure: "sk_buff", member: "data"))
        #expect(program.symbols[17] == .kernelHelper(.loadHelper16))
    }

    @Test func tcpLoadableFlavourEqualsTheReferenceTwin() throws {
        let program = try EBPFTranslator(flavor: .loadable).translate(Self.tcp)
        let want: [(UInt8, UInt8, UInt8, Int16, Int32)] = [
            (0xb4, 0, 0, 0, 0), (0xb4, 7, 0, 0, 0), (0xbf, 6, 1, 0, 0), (0x28, 0, 0, 0, 12), (0x55, 0, 0, 3, 0x800),
            (0x30, 0, 0, 0, 23), (0x15, 0, 0, 7, 6), (0x05, 0, 0, 8, 0), (0x55, 0, 0, 7, 0x86dd), (0x30, 0, 0, 0, 20),
            (0x15, 0, 0, 3, 6), (0x55, 0, 0, 4, 0x2c), (0x30, 0, 0, 0, 54), (0x55, 0, 0, 2, 6),
            (0xb4, 0, 0, 0, 0x40000), (0x95, 0, 0, 0, 0), (0xb4, 0, 0, 0, 0), (0x95, 0, 0, 0, 0),
        ]
        #expect(program.instructions.count == want.count)
        for (i, (insn, w)) in zip(program.instructions, want).enumerated() {
            #expect((insn.code, insn.dst, insn.src, insn.off, insn.imm) == w, "instruction \(i)")
        }
        #expect(program.classicStarts.compactMap { $0 } == [3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 16])
    }

    /// The second worked example: MSH, IND, a negative K, DIV X and JSET with jt == 0 (47 instructions).
    @Test func mshIndNegativeKDivXJsetExample() throws {
        let classic = Program([
            .stmt(0xb1, 14), .stmt(0x48, 14), .jump(0x25, 0x8000_0000, 1, 0), .stmt(0x3c),
            .jump(0x45, 4, 0, 1), .stmt(0x16), .stmt(0x06, 0),
        ])
        let p = try EBPFTranslator(flavor: .kernel, layout: .linux618x86_64).translate(classic)
        #expect(p.instructions.count == 47)
        #expect(p.classicStarts.compactMap { $0 } == [7, 26, 35, 37, 42, 44, 45])
        let i = p.instructions
        #expect((i[7].code, i[7].dst, i[7].src) == (0xbf, 7, 0))
        #expect((i[29].code, i[29].dst, i[29].src) == (0xbf, 4, 7))
        #expect((i[30].code, i[30].imm) == (0x07, 14))
        #expect(i[31].imm == 10_549_680)
        #expect((i[35].code, i[35].dst, i[35].imm) == (0xb4, 2, Int32.min))
        #expect((i[36].code, i[36].dst, i[36].src, i[36].off, i[36].imm) == (0x2d, 0, 2, 5, 0))
        #expect((i[37].code, i[37].dst, i[37].src) == (0xbc, 7, 7))
        #expect((i[41].code, i[41].dst, i[41].src, i[41].imm) == (0x3c, 0, 7, 0))
        #expect((i[42].code, i[42].off, i[42].imm) == (0x45, 1, 4))
        #expect((i[43].code, i[43].off) == (0x05, 1))
    }

    @Test func kernelQuirksAreKept() throws {
        // K-form ALU keeps src = X; X-form jumps keep imm = k; the loadable flavour zeroes both.
        let classic = Program([.stmt(0x04, 5), .stmt(0x84), .jump(0x1d, 9, 1, 0), .stmt(0x06, 1), .stmt(0x06, 2)])
        let kernel = try EBPFTranslator(flavor: .kernel).translate(classic).instructions
        #expect((kernel[3].code, kernel[3].src, kernel[3].imm) == (0x04, 7, 5))
        #expect((kernel[4].code, kernel[4].src) == (0x84, 7))
        #expect((kernel[5].code, kernel[5].src, kernel[5].imm, kernel[5].off) == (0x1d, 7, 9, 2))
        let loadable = try EBPFTranslator(flavor: .loadable).translate(classic).instructions
        #expect((loadable[3].code, loadable[3].src, loadable[3].imm) == (0x04, 0, 5))
        #expect((loadable[4].code, loadable[4].src, loadable[4].imm) == (0x84, 0, 0))
        #expect((loadable[5].code, loadable[5].src, loadable[5].imm) == (0x1d, 7, 0))
    }

    @Test func firstPassJumpOverflowIsRefusedLikeTheKernel() throws {
        // 2400 x ldh [12] + jeq + 2 x ret: the jeq starts past 32 767 eBPF instructions -> EINVAL.
        var long = [Instruction](repeating: .stmt(0x28, 12), count: 2400)
        long += [.jump(0x15, 1, 0, 1), .stmt(0x06, 1), .stmt(0x06, 0)]
        #expect(throws: TranslationError.self) { try EBPFTranslator(flavor: .kernel).translate(Program(long)) }
        do {
            _ = try EBPFTranslator(flavor: .kernel).translate(Program(long))
        } catch {
            guard case .jumpOffsetOverflow(let index, _, let pass) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(index == 2400 && pass == 1)
        }
        // 2000 of them still convert (the jump sits at index 28 007).
        var shorter = [Instruction](repeating: .stmt(0x28, 12), count: 2000)
        shorter += [.jump(0x15, 1, 0, 1), .stmt(0x06, 1), .stmt(0x06, 0)]
        let ok = try EBPFTranslator(flavor: .kernel).translate(Program(shorter))
        #expect(ok.classicStarts[2000] == 28_007)
    }

    @Test func unsupportedAncillaryLoadsAreNamed() {
        for (n, name) in [(28, "hatype"), (52, "pay_offset"), (12, "nlattr"), (16, "nlattr_nest")] {
            let classic = Program([.stmt(0x00, 1), .stmt(0x20, Ancillary.base + UInt32(n)), .stmt(0x16)])
            do {
                _ = try EBPFTranslator(flavor: .loadable).translate(classic)
                Issue.record("\(name) was translated")
            } catch {
                #expect(error == .unsupportedAncillary(classicIndex: 1, name: error.ancillaryName ?? "", kernelName: name))
                #expect(error.description.contains("instruction 1"))
            }
            #expect(throws: Never.self) { try EBPFTranslator(flavor: .kernel).translate(classic) }
        }
    }

    @Test func stackDepthIsTheDeepestStore() throws {
        let classic = Program([.stmt(0x02, 3), .stmt(0x03, 7), .stmt(0x60, 7), .stmt(0x16)])
        let p = try EBPFTranslator(flavor: .kernel).translate(classic)
        #expect(p.stackDepth == 32)
        #expect(p.instructions[4] == .store(EBPF.w, .fp, .x, -32))
        #expect(p.instructions[5] == .load(EBPF.w, .a, .fp, -32))
    }
}

extension TranslationError {
    var ancillaryName: String? {
        if case .unsupportedAncillary(_, let name, _) = self { return name }
        return nil
    }
}
