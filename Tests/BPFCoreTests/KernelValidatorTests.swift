import BPFCore
import Testing

/// One rule of Linux's classic BPF checker per test, with the message a user sees.
@Suite struct KernelValidatorTests {
    static func verdict(_ insns: [Instruction]) -> KernelCheckError? {
        do {
            try KernelValidator.check(Program(insns))
            return nil
        } catch {
            return error
        }
    }

    static let retA = Instruction(code: BPF.ret | BPF.a)

    @Test func acceptsOrdinaryPrograms() {
        #expect(Self.verdict([Instruction(code: 0x28, k: 12), Instruction(code: 0x15, jt: 0, jf: 1, k: 0x800), Self.retA, Instruction(code: 6)]) == nil)
        #expect(Self.verdict([Instruction(code: 0x20, k: Ancillary.vlanTPID.k), Self.retA]) == nil)
        // Negative offsets below the ancillary area (SKF_NET_OFF, SKF_LL_OFF, lower) pass the checker.
        #expect(Self.verdict([Instruction(code: 0x30, k: Ancillary.linkBase), Instruction(code: 0x30, k: 0x8000_0000), Self.retA]) == nil)
        // A ja may land on the last instruction.
        #expect(Self.verdict([Instruction(code: 0x05, k: 1), Instruction(code: 0x06), Self.retA]) == nil)
    }

    @Test func emptyAndOversizedPrograms() {
        #expect(Self.verdict([])?.reason == .emptyProgram)
        let long = [Instruction](repeating: Instruction(code: 0x06), count: 4097)
        #expect(Self.verdict(long)?.reason == .tooManyInstructions(count: 4097))
        #expect(Self.verdict(Array(long.prefix(4096))) == nil)
    }

    @Test func opcodeWhitelistCoversTheWhole16Bits() {
        var allowed = 0
        for code in 0...0xffff where KernelValidator.isAllowed(code: UInt16(code)) { allowed += 1 }
        #expect(allowed == 49)
        let error = Self.verdict([Instruction(code: 0x106), Self.retA])
        #expect(error?.reason == .opcodeNotAllowed)
        #expect(error?.index == 0)
        #expect(error?.description == "instruction 0 (unimp 0x106): opcode 0x106 is not a classic BPF instruction Linux accepts")
        #expect(Self.verdict([Instruction(code: 0x0e)])?.reason == .opcodeNotAllowed)  // ret x
    }

    @Test func constantOperandRules() {
        #expect(Self.verdict([Instruction(code: 0x94, k: 0), Self.retA])?.reason == .divisionByZeroConstant)
        let shift = Self.verdict([Instruction(code: 0x00), Instruction(code: 0x64, k: 32), Self.retA])
        #expect(shift?.reason == .shiftTooLarge)
        #expect(shift?.index == 1)
        #expect(shift?.description == "instruction 1 (lsh #32): shifts by 32; constant shifts must be 0 to 31")
        #expect(Self.verdict([Instruction(code: 0x74, k: 31), Self.retA]) == nil)
        #expect(Self.verdict([Instruction(code: 0x02, k: 16), Self.retA])?.reason == .scratchIndexOutOfRange)
    }

    @Test func jumpRanges() {
        let ja = Self.verdict([Instruction(code: 0x05, k: 1), Self.retA])
        #expect(ja?.reason == .jumpOutOfRange(target: 2, count: 2))
        #expect(Self.verdict([Instruction(code: 0x05, k: 0xffff_fff1), Self.retA, Self.retA])?.reason == .jumpOutOfRange(target: 0x1_0000_0000 - 14, count: 3))
        let conditional = Self.verdict([Instruction(code: 0x15, jt: 0, jf: 2, k: 1), Self.retA, Self.retA])
        #expect(conditional?.reason == .conditionalJumpOutOfRange(trueTarget: 1, falseTarget: 3, count: 3))
        #expect(conditional?.description.hasPrefix("instruction 0 (jeq #0x1 jt 1 jf 3): jump targets 1 (true) and 3 (false)") == true)
    }

    @Test func ancillaryOffsets() {
        let unknown = Self.verdict([Instruction(code: 0x28, k: Ancillary.base &+ 2), Self.retA])
        #expect(unknown?.reason == .unknownAncillaryField)
        #expect(Self.verdict([Instruction(code: 0x20, k: 0xffff_ffff), Self.retA])?.reason == .unknownAncillaryField)
        // Indirect loads are not checked.
        #expect(Self.verdict([Instruction(code: 0x40, k: 0xffff_ffff), Self.retA]) == nil)
        for field in Ancillary.allCases {
            #expect(Self.verdict([Instruction(code: 0x30, k: field.k), Self.retA]) == nil)
        }
    }

    @Test func lastInstructionMustReturn() {
        let error = Self.verdict([Instruction(code: 0x00, k: 1)])
        #expect(error?.reason == .lastInstructionNotReturn)
        #expect(error?.index == 0)
    }

    @Test func scratchMustBeWrittenOnEveryPath() {
        // Store on one branch only, then read after the join: refused.
        let oneSided = [
            Instruction(code: 0x15, jt: 0, jf: 1, k: 0), Instruction(code: 0x02, k: 3),
            Instruction(code: 0x60, k: 3), Self.retA,
        ]
        let error = Self.verdict(oneSided)
        #expect(error?.reason == .uninitializedScratchRead(slot: 3))
        #expect(error?.index == 2)
        #expect(error?.description.contains("reads M[3] before a value was stored there") == true)
        // Store before the branch: accepted.
        let both = [Instruction(code: 0x02, k: 3)] + oneSided
        #expect(Self.verdict(both) == nil)
        // A read in dead code right after a ja is accepted, as in Linux.
        #expect(Self.verdict([Instruction(code: 0x05, k: 1), Instruction(code: 0x60, k: 5), Self.retA]) == nil)
    }

    @Test func errnoIsEINVAL() throws {
        let error = try #require(Self.verdict([]))
        #expect(error.errno == 22)
        #expect(error.errnoName == "EINVAL")
    }
}
