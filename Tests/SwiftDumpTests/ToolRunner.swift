import Foundation

/// Runs the built `swiftdump` binary and the local `tcpdump`, capturing stdout, stderr and the exit status.
enum ToolRunner {
    /// What a run produced.
    struct Output: Sendable {
        var stdout: Data
        var stderr: Data
        var status: Int32
        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

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
        let found = ["/usr/bin/tcpdump", "/usr/sbin/tcpdump", "/usr/local/bin/tcpdump", "/usr/local/sbin/tcpdump"]
            .map { URL(fileURLWithPath: $0) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        if found == nil { print("SKIP: tcpdump is not installed; golden comparisons cannot run") }
        return found
    }()

    /// Runs `executable` with `arguments`, `stdin` as standard input, and TZ=UTC; kills it after `timeout` seconds.
    static func run(_ executable: URL, _ arguments: [String], stdin: Data? = nil, timeout: TimeInterval = 60)
        throws -> Output
    {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        process.environment = environment
        let outPipe = Pipe()
        let errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        let inPipe = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : inPipe
        try process.run()
        if let stdin {
            try inPipe.fileHandleForWriting.write(contentsOf: stdin)
            try inPipe.fileHandleForWriting.close()
        }
        let deadline = DispatchTime.now() + timeout
        let group = DispatchGroup()
        nonisolated(unsafe) var out = Data()
        nonisolated(unsafe) var err = Data()
        group.enter()
        DispatchQueue.global().async {
            out = outPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            err = errPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if group.wait(timeout: deadline) == .timedOut {
            process.terminate()
            _ = group.wait(timeout: .now() + 5)
        }
        process.waitUntilExit()
        return Output(stdout: out, stderr: err, status: process.terminationStatus)
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
