import Foundation

/// Runs an executable from a test and collects what it did.
public enum ProcessRunner {
    /// What a run produced.
    public struct Output: Sendable {
        /// Standard output.
        public var stdout: Data
        /// Standard error.
        public var stderr: Data
        /// The exit status (or the signal number when it was killed).
        public var status: Int32
        /// True when the run hit its time limit and was terminated.
        public var timedOut: Bool
        /// Standard output as UTF-8 text.
        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        /// Standard error as UTF-8 text.
        public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// Runs `executable` with `arguments`; `environment` entries are added to this process's environment,
    /// `stdin` (if any) is its standard input (else /dev/null). Both output streams are read concurrently, so
    /// neither can fill up and stall the child; after `timeout` seconds the child is terminated.
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
                           stdin: Data? = nil, timeout: TimeInterval = 60) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let outPipe = Pipe()
        let errPipe = Pipe()
        let inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = stdin == nil ? FileHandle.nullDevice : inPipe
        try process.run()
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
        if let stdin {
            try? inPipe.fileHandleForWriting.write(contentsOf: stdin)
            try? inPipe.fileHandleForWriting.close()
        }
        var timedOut = false
        if group.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            _ = group.wait(timeout: .now() + 5)
        }
        process.waitUntilExit()
        return Output(stdout: out, stderr: err, status: process.terminationStatus, timedOut: timedOut)
    }
}

/// The local tcpdump binary, the oracle for output and error messages.
public enum Tcpdump {
    /// The tcpdump executable, or nil when it is not installed (see ``unavailableReason``).
    public static let url: URL? = ["/usr/bin/tcpdump", "/usr/sbin/tcpdump", "/usr/local/bin/tcpdump",
                                   "/usr/local/sbin/tcpdump", "/bin/tcpdump"]
        .map { URL(fileURLWithPath: $0) }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }

    /// The reason golden comparisons cannot run here, or nil when tcpdump is available.
    public static var unavailableReason: String? {
        url == nil ? "tcpdump is not installed; golden comparisons cannot run" : nil
    }

    /// True when tcpdump is available; otherwise prints why (prefixed with `context`) so the caller can skip.
    public static func isAvailable(for context: String) -> Bool {
        guard let reason = unavailableReason else { return true }
        print("SKIP \(context): \(reason)")
        return false
    }

    /// Runs tcpdump with `arguments` (see ``ProcessRunner/run(_:_:environment:stdin:timeout:)``).
    public static func run(_ arguments: [String], environment: [String: String] = [:], stdin: Data? = nil,
                           timeout: TimeInterval = 60) throws -> ProcessRunner.Output {
        guard let url else { throw Missing() }
        return try ProcessRunner.run(url, arguments, environment: environment, stdin: stdin, timeout: timeout)
    }

    /// Thrown by ``run(_:environment:stdin:timeout:)`` when tcpdump is not installed.
    public struct Missing: Error, CustomStringConvertible {
        public var description: String { "tcpdump is not installed" }
    }
}
