// A file descriptor opened for writing (or standard output), used by the pcapng writer. The only raw file I/O
// of Capture outside libpcap.
#if canImport(Glibc)
import Glibc
#endif

/// Owns a file descriptor opened for writing and closes it once (standard output is left open).
struct FileOutput: ~Copyable {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    let path: String

    /// Creates or truncates `path` (mode 0666 less the umask, as `fopen` creates files), or uses standard output
    /// for `-`.
    init(path: String) throws(CaptureError) {
        self.path = path
        if path == "-" {
            descriptor = STDOUT_FILENO
            ownsDescriptor = false
            return
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw CaptureError(.writeFile, "\(path): \(String(cString: strerror(errno)))") }
        descriptor = fd
        ownsDescriptor = true
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// Gives the file to `user` and `group` (`fchown`), before root is given up (`-Z`); standard output is left
    /// alone. Failure is ignored, as tcpdump ignores it.
    func changeOwner(user: UInt32, group: UInt32) {
        if ownsDescriptor { _ = fchown(descriptor, user, group) }
    }

    /// Writes all of `bytes`, retrying short writes and EINTR.
    func write(_ bytes: UnsafeRawBufferPointer) throws(CaptureError) {
        guard var cursor = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = Glibc.write(descriptor, cursor, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw CaptureError(.writeFile, "\(path): \(String(cString: strerror(errno)))")
            }
            remaining -= written
            cursor += written
        }
    }
}
