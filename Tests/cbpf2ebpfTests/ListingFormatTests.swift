import BPFCore
import Testing
import cbpf2ebpf

struct ListingFormatTests {
    @Test func encodingRoundTripsIncludingWideImmediates() throws {
        let insns: [EBPFInstruction] = [
            .mov64(.r6, .r1),
            EBPFInstruction(code: 0x18, dst: 1, imm: Int32(bitPattern: 0xdead_beef), wideImmediateHigh: 0x1234_5678),
            .jump(EBPF.jslt, .r2, imm: -3, off: -2), .exit,
        ]
        let bytes = EBPFEncoding.encode(insns)
        #expect(bytes.count == 40)
        #expect(Array(bytes[0..<8]) == [0xbf, 0x16, 0, 0, 0, 0, 0, 0])
        #expect(Array(bytes[8..<24]) == [0x18, 0x01, 0, 0, 0xef, 0xbe, 0xad, 0xde, 0, 0, 0, 0, 0x78, 0x56, 0x34, 0x12])
        #expect(Array(bytes[24..<32]) == [0xc5, 0x02, 0xfe, 0xff, 0xfd, 0xff, 0xff, 0xff])
        #expect(try EBPFEncoding.decode(bytes) == insns)
        #expect(insns[1].wideImmediate == 0x1234_5678_dead_beef)
        #expect(throws: EBPFDecodingError.self) { try EBPFEncoding.decode(Array(bytes[0..<12])) }
    }

    @Test func dumpFormats() throws {
        let program = try EBPFTranslator(flavor: .loadable).translate(Program([.stmt(0x28, 12), .stmt(0x06, 0xffff_ffff)]))
        #expect(EBPFListing.decimal(program) == """
            6
            180 0 0 0 0
            180 7 0 0 0
            191 6 1 0 0
            40 0 0 0 12
            180 0 0 0 -1
            149 0 0 0 0

            """)
        #expect(EBPFListing.cArray(program).split(separator: "\n")[3] == "{ 0x28, 0, 0, 0, 0x0000000c },")
        #expect(EBPFListing.cArray(program).split(separator: "\n")[4] == "{ 0xb4, 0, 0, 0, 0xffffffff },")
        let d = EBPFListing.disassembly(program).split(separator: "\n")
        #expect(d[0] == "   0: (b4) w0 = 0")
        #expect(d[2] == "   2: (bf) r6 = r1")
        #expect(d[3] == "   3: (28) r0 = *(u16 *)skb[12]")
        #expect(d[4] == "   4: (b4) w0 = -1")
        #expect(d[5] == "   5: (95) exit")
    }

    @Test func disassemblyNamesKernelSymbols() throws {
        let program = try EBPFTranslator(flavor: .kernel, layout: .linux618x86_64)
            .translate(ReferenceListingTests.tcp)
        let lines = EBPFListing.disassembly(program).split(separator: "\n").map(String.init)
        #expect(lines[3] == "   3: (79) r8 = *(u64 *)(r6 +200)\t; offsetof(sk_buff, data)")
        #expect(lines[9] == "   9: (c5) if r2 s< 0x2 goto pc+3")
        #expect(lines[11] == "  11: (dc) r0 = be16 r0")
        #expect(lines[17] == "  17: (85) call bpf_skb_load_helper_16#10549680")
        #expect(lines[21] == "  21: (55) if r0 != 0x800 goto pc+15")
        #expect(lines[67] == "  67: (b4) w0 = 262144")
    }

    @Test func runningKernelLayoutIsReadOrFallsBack() {
        let layout = KernelLayout.running()
        print("kernel layout: \(layout.source)")
        #expect(layout.source.contains("running kernel"))
        #expect(layout.skbLen > 0 && layout.skbData > 0)
        if layout.source.contains("from the running kernel's BTF") {
            // pkt_type sits in the byte PKT_TYPE_OFFSET names, vlan_tci follows vlan_proto.
            #expect(layout.skbVlanTCI == layout.skbVlanProto + 2)
        }
    }
}
