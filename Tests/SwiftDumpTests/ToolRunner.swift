import Foundation
import TestSupport

/// Runs the built `swiftdump` binary and the local `tcpdump`, capturing stdout, stderr and the exit status.
enum ToolRunner {
    /// What a run produced.
    typealias Output = ProcessRunner.Output

    /// The `swiftdump` executable SwiftPM built next to the test bundle, or nil (with the reason printed).
    static let swiftdump: URL? = {
        var candidates: [URL] = []
        if let first = CommandLine.arguments.first {
            var url = URL(fileURLWithPath: first).deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(url.appendingPathComponent("swiftdump"))
                url.deleteLastPathComponent()
            }
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("swiftdump"))
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        if found == nil {
            print("SKIP: the swiftdump binary was not found next to the test bundle (looked at "
                + candidates.map(\.path).joined(separator: ", ") + ")")
        }
        return found
    }()

    /// The local tcpdump, or nil (with the reason printed).
    static let tcpdump: URL? = {
        if let reason = Tcpdump.unavailableReason { print("SKIP: \(reason)") }
        return Tcpdump.url
    }()

    /// Runs `executable` with `arguments`, `stdin` as standard input, and TZ=UTC; kills it after `timeout` seconds.
    static func run(_ executable: URL, _ arguments: [String], stdin: Data? = nil, timeout: TimeInterval = 60)
        throws -> Output
    {
        try ProcessRunner.run(executable, arguments, environment: ["TZ": "UTC"], stdin: stdin, timeout: timeout)
    }

    /// Runs swiftdump (the caller has checked it exists).
    static func swiftdump(_ arguments: [String], stdin: Data? = nil, timeout: TimeInterval = 60) throws -> Output {
        guard let binary = swiftdump else { throw RunnerError.missing("swiftdump") }
        return try run(binary, arguments, stdin: stdin, timeout: timeout)
    }

    /// Runs tcpdump (the caller has checked it exists).
    static func tcpdump(_ arguments: [String], stdin: Data? = nil, timeout: TimeInterval = 60) throws -> Output {
        guard let binary = tcpdump else { throw RunnerError.missing("tcpdump") }
        return try run(binary, arguments, stdin: stdin, timeout: timeout)
    }

    /// True when swiftdump reports that the filter compiler has not landed in this build (tests that need it
    /// print the reason and stop).
    static func compilerPending(_ output: Output) -> Bool {
        output.stderrText.contains("filter compiler") && output.stderrText.contains("not available yet")
    }

    /// tcpdump's stderr with its program name (as getopt prints argv[0], possibly a path) replaced by swiftdump's.
    static func renamed(_ text: String) -> String {
        var result = text
        if let path = tcpdump?.path { result = result.replacingOccurrences(of: path + ":", with: "swiftdump:") }
        return result.replacingOccurrences(of: "tcpdump:", with: "swiftdump:")
    }

    enum RunnerError: Error { case missing(String) }
}
