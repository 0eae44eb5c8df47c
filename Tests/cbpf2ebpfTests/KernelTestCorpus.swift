import BPFCore
import Foundation
import TestSupport

/// One case of shared/corpus/kernel/test_bpf_classic.json (Linux's lib/test_bpf.c CLASSIC tests).
struct KernelTestCase: Decodable, Sendable, CustomStringConvertible {
    struct Flags: Decodable, Sendable {
        var no_data: Bool
        var expected_fail: Bool
        var skb_frag: Bool
    }

    var index: Int
    var name: String
    var flags: Flags
    var expected_errcode: Int
    var insns: [[UInt32]]
    var data: [UInt8]
    var frag_data: [UInt8]?
    var subtests: [[UInt64]]

    var description: String { "#\(index) \(name)" }

    var program: Program {
        Program(insns.map { Instruction(code: UInt16(truncatingIfNeeded: $0[0]), jt: UInt8(truncatingIfNeeded: $0[1]),
                                        jf: UInt8(truncatingIfNeeded: $0[2]), k: $0[3]) })
    }

    /// (data size, expected result) pairs.
    var runs: [(size: Int, result: UInt32)] {
        subtests.map { (Int($0[0]), UInt32(truncatingIfNeeded: $0[1])) }
    }

    static func load() throws -> [KernelTestCase] {
        let data = try Data(contentsOf: Corpus.url("kernel/test_bpf_classic.json"))
        return try JSONDecoder().decode([KernelTestCase].self, from: data)
    }
}
