import Foundation

/// Runs the local tcpdump binary as an oracle.
enum TcpdumpRunner {
    /// The tcpdump executable, or nil when it is not installed.
    static let path: String? = ["/usr/bin/tcpdump", "/usr/sbin/tcpdump", "/usr/local/bin/tcpdump", "/usr/local/sbin/tcpdump"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: String
        /// stderr's last non-empty line without the `tcpdump: ` prefix.
        var lastError: String? {
            let lines = stderr.split(separator: "\n", omittingEmptySubsequences: true)
            guard let last = lines.last, last.hasPrefix("tcpdump: ") else { return nil }
            return String(last.dropFirst("tcpdump: ".count))
        }
    }

    /// Runs tcpdump with `arguments` and `TZ=GMT0`, collecting its output.
    static func run(_ arguments: [String]) throws -> Result {
        guard let path else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "GMT0"
        process.environment = environment
        let out = Pipe()
        // stderr goes to a file so that reading stdout to its end cannot deadlock on a full stderr pipe.
        let errorFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("swiftdump-tcpdump-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let errorHandle = try FileHandle(forWritingTo: errorFile)
        defer { try? errorHandle.close() }
        process.standardOutput = out
        process.standardError = errorHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderrData = (try? Data(contentsOf: errorFile)) ?? Data()
        return Result(status: process.terminationStatus, stdout: stdoutData,
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }
}

/// A fresh temporary directory for one test.
func makeScratchDirectory(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("swiftdump-capture-\(name)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
