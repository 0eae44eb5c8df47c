import BPFCore
import Foundation
import TestSupport
import Testing

/// One classic case of Linux's lib/test_bpf.c, as extracted into shared/corpus/kernel/test_bpf_classic.json.
struct KernelTestCase: Decodable, Sendable, CustomStringConvertible {
    struct Flags: Decodable, Sendable {
        var no_data: Bool
        var expected_fail: Bool
        var skb_frag: Bool
    }

    var name: String
    var flags: Flags
    var expected_errcode: Int
    var insns: [[UInt32]]
    var data: [UInt8]
    var frag_data: [UInt8]
    var subtests: [[UInt64]]

    var description: String { name }

    var program: Program {
        Program(insns.map { Instruction(code: UInt16(truncatingIfNeeded: $0[0]), jt: UInt8(truncatingIfNeeded: $0[1]), jf: UInt8(truncatingIfNeeded: $0[2]), k: $0[3]) })
    }

    static func load() -> [KernelTestCase] {
        let url = Corpus.url("kernel/test_bpf_classic.json")
        guard let data = try? Data(contentsOf: url) else {
            print("skipping: \(url.path) is missing")
            return []
        }
        do {
            return try JSONDecoder().decode([KernelTestCase].self, from: data)
        } catch {
            print("cannot decode \(url.path): \(error)")
            return []
        }
    }
}

/// The 134 classic cases of Linux's test_bpf: validator verdicts and Linux-mode interpreter results.
@Suite struct KernelCorpusTests {
    static let cases = KernelTestCase.load()

    /// Runs one case; returns a description of every disagreement with the kernel's expectations.
    static func failures(of testCase: KernelTestCase) -> [String] {
        var problems: [String] = []
        let program = testCase.program
        let filter: KernelFilter
        do {
            filter = try KernelFilter(program)
        } catch {
            if !testCase.flags.expected_fail {
                problems.append("refused (\(error)) but the kernel accepts it")
            } else if Int(-error.errno) != testCase.expected_errcode {
                problems.append("errno \(-error.errno), expected \(testCase.expected_errcode)")
            }
            return problems
        }
        if testCase.flags.expected_fail {
            return ["accepted, but the kernel refuses it with \(testCase.expected_errcode)"]
        }
        for (index, subtest) in testCase.subtests.enumerated() {
            let size = Int(subtest[0])
            let expected = UInt32(truncatingIfNeeded: subtest[1])
            // Later subtests end at {0, 0}; the first always runs.
            if index > 0 && size == 0 && expected == 0 { break }
            let result: UInt32
            if testCase.flags.no_data {
                result = filter.runWithoutData(context: .testBPF(dataSize: size))
            } else {
                let linear = Array(testCase.data.prefix(size))
                let fragment = testCase.flags.skb_frag ? testCase.frag_data : []
                result = filter.run(linear, fragment: fragment, context: .testBPF(dataSize: size))
            }
            if result != expected {
                problems.append("subtest \(index) (size \(size)): got \(result), expected \(expected)")
            }
        }
        return problems
    }

    @Test func allClassicCasesPass() throws {
        try #require(!Self.cases.isEmpty, "the corpus file could not be read")
        #expect(Self.cases.count == 134)
        var failed: [String] = []
        for testCase in Self.cases {
            let problems = Self.failures(of: testCase)
            if !problems.isEmpty { failed.append("\(testCase.name): \(problems.joined(separator: "; "))") }
        }
        print("test_bpf classic: \(Self.cases.count - failed.count) of \(Self.cases.count) cases pass")
        #expect(failed.isEmpty, "\(failed.joined(separator: "\n"))")
    }

    @Test func conversionLimitExplainsJumpOverMSH() throws {
        let testCase = try #require(Self.cases.first { $0.name == "BPF_MAXINSNS: jump over MSH" })
        // The classic checks alone accept it; only the eBPF conversion's jump-offset limit refuses it.
        try KernelValidator.check(testCase.program, conversionLimits: false)
        #expect(throws: KernelCheckError.self) { try KernelValidator.check(testCase.program) }
        do {
            try KernelValidator.check(testCase.program)
        } catch {
            #expect(error.reason == .convertedJumpTooFar)
        }
    }

    @Test func expectedFailuresAreNamed() throws {
        let refused = Self.cases.filter { $0.flags.expected_fail }
        try #require(!refused.isEmpty, "the corpus file could not be read")
        for testCase in refused {
            do {
                try KernelValidator.check(testCase.program)
                Issue.record("\(testCase.name) accepted")
            } catch {
                #expect(error.errnoName == "EINVAL")
                print("\(testCase.name): \(error)")
            }
        }
    }
}
