import BPFCore
import Testing

/// Semantics of the two interpreter modes beyond what the corpus and the differential test cover.
@Suite struct InterpreterTests {
    static func program(_ insns: [Instruction]) -> Program { Program(insns) }

    @Test func libpcapModeBasics() throws {
        // ld len is the wire length; loads see only the captured bytes.
        let length = try CompiledFilter(Program([Instruction(code: 0x80), Instruction(code: 0x16)]))
        #expect(length.run([1, 2, 3], wireLength: 1500) == 1500)
        let word = try CompiledFilter(Program([Instruction(code: 0x20, k: 0), Instruction(code: 0x16)]))
        #expect(word.run([0xde, 0xad, 0xbe, 0xef]) == 0xdead_beef)
        #expect(word.run([0xde, 0xad, 0xbe], wireLength: 100) == 0)
        #expect(word.run([]) == 0)
        // Shifting by X >= 32 gives 0 in libpcap.
        let shift = try CompiledFilter(Program([
            Instruction(code: 0x00, k: 0x1234_5678), Instruction(code: 0x01, k: 33), Instruction(code: 0x6c), Instruction(code: 0x16),
        ]))
        #expect(shift.run([]) == 0)
        // Division by X = 0 ends with 0.
        let divide = try CompiledFilter(Program([Instruction(code: 0x00, k: 7), Instruction(code: 0x3c), Instruction(code: 0x06, k: 1)]))
        #expect(divide.run([]) == 0)
    }

    @Test func libpcapModeUnknownOpcodesReturnZero() throws {
        // libpcap's validator lets these through (class-level checks); its interpreter would abort.
        let retX = try CompiledFilter(Program([Instruction(code: 0x01, k: 9), Instruction(code: 0x0e)]))
        #expect(retX.run([1]) == 0)
        let ldxAbs = try CompiledFilter(Program([Instruction(code: 0x21, k: 0), Instruction(code: 0x06, k: 5)]))
        #expect(ldxAbs.run([1, 2, 3, 4]) == 0)
    }

    @Test func libpcapModeValidation() {
        func error(_ insns: [Instruction]) -> ProgramCheckError.Reason? {
            do {
                _ = try CompiledFilter(Program(insns))
                return nil
            } catch {
                return error.reason
            }
        }
        #expect(error([]) == .emptyProgram)
        #expect(error([Instruction(code: 0x00)]) == .lastInstructionNotReturn)
        #expect(error([Instruction(code: 0x34, k: 0), Instruction(code: 0x06)]) == .divisionByZeroConstant)
        #expect(error([Instruction(code: 0x61, k: 16), Instruction(code: 0x06)]) == .scratchIndexOutOfRange)
        #expect(error([Instruction(code: 0xc4), Instruction(code: 0x06)]) == .invalidALUOperation)
        #expect(error([Instruction(code: 0x55), Instruction(code: 0x06)]) == .invalidJumpOperation)
        #expect(error([Instruction(code: 0x05, k: 1), Instruction(code: 0x06)]) == .jumpOutOfRange(target: 2))
        #expect(error([Instruction(code: 0xe0), Instruction(code: 0x06)]) == .invalidLoadMode)
        // Backward ja (protochain) is allowed in libpcap.
        #expect(error([Instruction(code: 0x06), Instruction(code: 0x05, k: 0xffff_fffe), Instruction(code: 0x06)]) == nil)
    }

    static let context = KernelContext.testBPF(dataSize: 20)

    @Test func kernelModeShiftsMaskAndLengthIncludesFragments() throws {
        let shift = try KernelFilter(Program([
            Instruction(code: 0x00, k: 0x1234_5678), Instruction(code: 0x01, k: 33), Instruction(code: 0x6c), Instruction(code: 0x16),
        ]))
        #expect(shift.run([], context: Self.context) == 0x2468_acf0)
        let length = try KernelFilter(Program([Instruction(code: 0x80), Instruction(code: 0x16)]))
        #expect(length.run([1, 2, 3], fragment: [4, 5], context: Self.context) == 5)
        // A load spanning the linear part and the fragment.
        let span = try KernelFilter(Program([Instruction(code: 0x20, k: 1), Instruction(code: 0x16)]))
        #expect(span.run([1, 2, 3], fragment: [4, 5], context: Self.context) == 0x0203_0405)
        #expect(span.run([1, 2, 3], fragment: [4], context: Self.context) == 0)
    }

    @Test func kernelModeNegativeOffsets() throws {
        var context = KernelContext.testBPF(dataSize: 20)
        let packet: [UInt8] = Array(0..<20)
        let network = try KernelFilter(Program([Instruction(code: 0x30, k: Ancillary.networkBase &+ 2), Instruction(code: 0x16)]))
        #expect(network.run(packet, context: context) == 16)
        let link = try KernelFilter(Program([Instruction(code: 0x30, k: Ancillary.linkBase &+ 3), Instruction(code: 0x16)]))
        #expect(link.run(packet, context: context) == 3)
        context.macHeaderOffset = nil
        #expect(link.run(packet, context: context) == 0)
        // Indirect: X + k wraps to a small offset.
        let wrap = try KernelFilter(Program([Instruction(code: 0x01, k: 0xffff_ffff), Instruction(code: 0x50, k: 15), Instruction(code: 0x16)]))
        #expect(wrap.run(packet, context: context) == 14)
    }

    @Test func kernelModeAncillaryWithoutDevice() throws {
        var context = KernelContext.testBPF(dataSize: 4)
        context.device = nil
        // ld #77; ld [ifidx]; ret #150 returns 77: the load ends the filter with the current A.
        let filter = try KernelFilter(Program([
            Instruction(code: 0x00, k: 77), Instruction(code: 0x20, k: Ancillary.ifIndex.k), Instruction(code: 0x06, k: 150),
        ]))
        #expect(filter.run([0, 0, 0, 0], context: context) == 77)
        let proto = try KernelFilter(Program([Instruction(code: 0x30, k: Ancillary.proto.k), Instruction(code: 0x16)]))
        #expect(proto.run([0], context: context) == 0x0800)  // the size bits are ignored
        #expect(proto.runWithoutData() == 0)
    }
}
