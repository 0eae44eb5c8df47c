#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// `-z command`: runs `command FILE` on each savefile a rotation closed, in the background, as tcpdump does
/// (without waiting for it; finished children are reaped automatically).
enum PostRotateCommand {
    static func start(_ command: String, file: String) {
        signal(SIGCHLD, SIG_IGN)
        var child: pid_t = 0
        let commandC = strdup(command)
        let fileC = strdup(file)
        defer {
            free(commandC)
            free(fileC)
        }
        var arguments: [UnsafeMutablePointer<CChar>?] = [commandC, fileC, nil]
        let status = posix_spawnp(&child, command, nil, nil, &arguments, environ)
        if status != 0 {
            Console.err("compress_savefile: execlp(\(command), \(file)) failed: \(String(cString: strerror(status)))\n")
        }
    }
}
