import BPFCore
import Foundation
import TestSupport
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

/// Reading `tcpdump -d` listings back.
@Suite struct AssemblyReaderTests {
    @Test func everyCanonicalInstructionRoundTrips() throws {
        var checked = 0
        var failures: [String] = []
        for code in 0...0xffff {
            let code = UInt16(code)
            let probe = Instruction(code: code, k: 12345)
            let showsK = probe.image(at: 0) != Instruction(code: code).image(at: 0)
            let showsTargets = probe.instructionClass == BPF.jmp && probe.operation != BPF.ja
            let ks: [UInt32] = showsK ? [0, 1, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff, Ancillary.vlanTCI.k] : [0]
            for k in ks {
                let insn = Instruction(code: code, jt: showsTargets ? 7 : 0, jf: showsTargets ? 255 : 0, k: k)
                let pc = Int(code % 4)
                let prefix = (0..<pc).map { Instruction(code: 0x06).image(at: $0) + "\n" }.joined()
                let text = prefix + insn.image(at: pc) + "\n"
                checked += 1
                do {
                    let program = try Program(parsing: text)
                    if program.instructions.last != insn && failures.count < 10 {
                        failures.append("\(insn.image(at: pc)) read back as \(String(describing: program.instructions.last))")
                    }
                } catch {
                    if failures.count < 10 { failures.append("\(insn.image(at: pc)): \(error)") }
                }
            }
        }
        #expect(checked > 65536)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    struct GoldenEntry: Decodable {
        var expr: String
        var opt: String
        var unopt: String
    }

    @Test func corpusListingsReadBackToTheSameText() throws {
        guard let text = Corpus.text("libpcap/golden-1.10.3.jsonl") else {
            print("skipping: golden-1.10.3.jsonl missing")
            return
        }
        var listings = 0
        var failures: [String] = []
        for line in text.split(separator: "\n") {
            let entry = try JSONDecoder().decode(GoldenEntry.self, from: Data(line.utf8))
            for listing in [entry.opt, entry.unopt] where !listing.isEmpty {
                listings += 1
                do {
                    let program = try Program(parsing: listing)
                    if program.dump(.assembly) != listing && failures.count < 5 {
                        failures.append("\(entry.expr): re-dump differs")
                    }
                } catch {
                    if failures.count < 5 { failures.append("\(entry.expr): \(error)") }
                }
            }
        }
        print("assembly reader: \(listings) corpus listings read back")
        #expect(listings > 3000)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test func reportsAssemblyErrors() {
        func problem(_ text: String) -> ProgramReadError.Problem? {
            do {
                _ = try Program(parsing: text)
                return nil
            } catch {
                return error.problem
            }
        }
        #expect(problem("(000) ldh      [12]\n(002) ret      #0\n") == .badInstructionNumber(expected: 1))
        #expect(problem("(000) foo      [12]\n") == .unknownMnemonic("foo"))
        #expect(problem("(000) ldh      #12\n") == .badOperand(mnemonic: "ldh", operand: "#12"))
        #expect(problem("(000) jeq      #0x800           jt 0\tjf 4\n") == .badJumpTarget("0"))
        #expect(problem("(000) jeq      #0x800\n") == .badOperand(mnemonic: "jeq", operand: "#0x800 (missing jt/jf)"))
    }
}
