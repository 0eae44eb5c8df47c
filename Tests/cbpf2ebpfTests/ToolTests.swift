import Foundation
import Testing
import TestSupport

/// The `cbpf2ebpf` executable, run as a user would (it is built with the tests).
struct ToolTests {
    static var executable: URL { Corpus.repositoryRoot.appendingPathComponent(".build/debug/cbpf2ebpf") }

    static func run(_ arguments: [String], input: String) throws -> (status: Int32, out: String, err: String) {
        let output = try ProcessRunner.run(executable, arguments, stdin: Data(input.utf8))
        return (output.status, output.stdoutText, output.stderrText)
    }

    static let tcpDDD = "12\n40 0 0 12\n21 0 2 2048\n48 0 0 23\n21 6 7 6\n21 0 6 34525\n48 0 0 20\n21 3 0 6\n21 0 3 44\n48 0 0 54\n21 0 1 6\n6 0 0 262144\n6 0 0 0\n"

    @Test func dumpsAllThreeFormatsFromDddAndDdInput() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable.path) else {
            print("skipping: \(Self.executable.path) is not built")
            return
        }
        let ddd = try Self.run(["--flavor", "kernel", "--layout", "builtin", "-ddd", "-"], input: Self.tcpDDD)
        #expect(ddd.status == 0)
        #expect(ddd.out.hasPrefix("71\n172 0 0 0 0\n172 7 7 0 0\n191 6 1 0 0\n121 8 6 200 0\n"))
        let dd = try Self.run(["-dd"], input: "{ 0x28, 0, 0, 0x0000000c },\n{ 0x6, 0, 0, 0x00040000 },\n")
        #expect(dd.status == 0)
        #expect(dd.out == """
            { 0xb4, 0, 0, 0, 0x00000000 },
            { 0xb4, 7, 0, 0, 0x00000000 },
            { 0xbf, 6, 1, 0, 0x00000000 },
            { 0x28, 0, 0, 0, 0x0000000c },
            { 0xb4, 0, 0, 0, 0x00040000 },
            { 0x95, 0, 0, 0, 0x00000000 },

            """)
        let d = try Self.run(["--flavor", "kernel", "--layout", "builtin", "-d"], input: Self.tcpDDD)
        #expect(d.out.contains("  17: (85) call bpf_skb_load_helper_16#10549680\n"))
    }

    @Test func refusesWithAMessageNamingTheInstruction() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable.path) else {
            print("skipping: \(Self.executable.path) is not built")
            return
        }
        let hatype = try Self.run(["-d"], input: "2\n40 0 0 4294963228\n22 0 0 0\n")
        #expect(hatype.status != 0)
        #expect(hatype.err.contains("instruction 0 (ld #hatype)"))
        let invalid = try Self.run(["-d"], input: "1\n40 0 0 12\n")
        #expect(invalid.status != 0)
        #expect(invalid.err.contains("last instruction"))
        let garbage = try Self.run([], input: "hello\n")
        #expect(garbage.status != 0)
    }

    @Test func checkLoadsIntoTheKernel() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable.path) else {
            print("skipping: \(Self.executable.path) is not built")
            return
        }
        let r = try Self.run(["--check", "-"], input: Self.tcpDDD)
        if r.out.contains("Operation not permitted") {
            print("skipping --check: bpf(2) is not permitted here")
            return
        }
        #expect(r.status == 0)
        #expect(r.out.contains("SOCKET_FILTER: accepted by the verifier (18 insns)"))
        #expect(r.out.contains("SCHED_CLS: accepted by the verifier (18 insns)"))
    }
}
