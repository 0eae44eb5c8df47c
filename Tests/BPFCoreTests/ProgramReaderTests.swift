import BPFCore
import PcapOracle
import Testing

/// Reading `-dd` / `-ddd` text back into programs.
@Suite struct ProgramReaderTests {
    static func sampleProgram() throws -> Program {
        try PcapOracle.compile("tcp port 80 or icmp", linkType: .en10mb, optimize: true).get()
    }

    @Test func roundTripsDecimalAndCArray() throws {
        let program = try Self.sampleProgram()
        #expect(try Program(parsing: program.dump(.decimal)) == program)
        #expect(try Program(parsing: program.dump(.cArray)) == program)
        // Windows line ends and surrounding blank lines are tolerated.
        let crlf = "\r\n" + program.dump(.decimal).split(separator: "\n").joined(separator: "\r\n") + "\r\n\n"
        #expect(try Program(parsing: crlf) == program)
    }

    @Test func readsBpfAsmCommaForm() throws {
        let program = try Program(parsing: "4,40 0 0 12,21 0 1 2048,6 0 0 262144,6 0 0 0\n")
        #expect(program.instructions == [
            Instruction(code: 40, k: 12), Instruction(code: 21, jt: 0, jf: 1, k: 2048),
            Instruction(code: 6, k: 262144), Instruction(code: 6, k: 0),
        ])
    }

    static func readError(_ text: String) -> ProgramReadError? {
        do {
            _ = try Program(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    @Test func reportsLineAndProblem() throws {
        let badField = try #require(Self.readError("3\n40 0 0 12\n21 0 x 2048\n6 0 0 0\n"))
        #expect(badField.line == 3)
        #expect(badField.problem == .notANumber(field: "jf", value: "x"))
        #expect(badField.description.hasPrefix("line 3 (\"21 0 x 2048\"): jf \"x\" is not a number"))

        let tooBig = try #require(Self.readError("1\n6 256 0 0\n"))
        #expect(tooBig.line == 2)
        #expect(tooBig.problem == .outOfRange(field: "jt", value: "256", maximum: 255))

        let hugeK = try #require(Self.readError("{ 0x6, 0, 0, 0x100000000 },"))
        #expect(hugeK.problem == .outOfRange(field: "k", value: "4294967296", maximum: 4_294_967_295))

        let count = try #require(Self.readError("3\n6 0 0 0\n"))
        #expect(count.problem == .countMismatch(expected: 3, found: 1))

        let fields = try #require(Self.readError("2\n6 0 0 0\n6 0 0\n"))
        #expect(fields.line == 3)
        #expect(fields.problem == .wrongFieldCount(found: 3))

        let initializer = try #require(Self.readError("{ 0x6, 0, 0, 0 },\n 0x6, 0, 0, 0 },\n"))
        #expect(initializer.line == 2)
        #expect(initializer.problem == .notAnInitializer)

        #expect(Self.readError("  \n\n")?.problem == .empty)
        #expect(Self.readError("ret #0\n")?.problem == .badCount("ret #0"))
    }
}
