import Foundation
import TestSupport

/// The local tcpdump as CaptureTests use it: `TZ=GMT0`, stderr as text (runs through TestSupport's runner).
enum TcpdumpRunner {
    /// The tcpdump executable, or nil when it is not installed.
    static var path: String? { Tcpdump.url?.path }

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
        let output = try Tcpdump.run(arguments, environment: ["TZ": "GMT0"], timeout: 600)
        return Result(status: output.status, stdout: output.stdout, stderr: output.stderrText)
    }
}

/// A fresh temporary directory for one test.
func makeScratchDirectory(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("swiftdump-capture-\(name)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
