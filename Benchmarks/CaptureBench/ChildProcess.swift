// Runs a program with posix_spawn and measures it with wait4: wall-clock time and the CPU time (user + system)
// the kernel charged to it, which other processes on a busy machine distort much less than wall time.
import Glibc

enum ChildProcess {
    struct Measurement {
        var wallSeconds: Double
        var cpuSeconds: Double
        var status: Int32
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `path` with `arguments`; standard output goes to `standardOutput` (created or truncated), standard
    /// error to `standardError`.
    static func run(_ path: String, _ arguments: [String], standardOutput: String = "/dev/null",
                    standardError: String = "/dev/null") throws -> Measurement {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let start = monotonicNanoseconds()
        let spawned = argv.withUnsafeBufferPointer { posix_spawn(&pid, path, &actions, nil, $0.baseAddress!, environ) }
        guard spawned == 0 else { throw Failure(description: "\(path): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw Failure(description: "wait4: \(String(cString: strerror(errno)))") }
        }
        let wall = Double(monotonicNanoseconds() - start) / 1e9
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Measurement(
            wallSeconds: wall, cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime), status: exitStatus)
    }
}
