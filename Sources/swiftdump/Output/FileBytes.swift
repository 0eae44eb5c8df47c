#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Reads a whole small file (the `-F` filter file) with the C library, so that failures carry `strerror`'s text
/// exactly as tcpdump prints it (`No such file or directory`).
enum FileBytes {
    /// A failed read: `strerror(errno)`.
    struct Failure: Error {
        /// The system's message for the error.
        var message: String
    }

    /// The file's bytes; at most 64 MiB are accepted.
    static func read(_ path: String) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        if descriptor < 0 { throw Failure(message: systemMessage()) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(message: systemMessage())
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > 64 << 20 { throw Failure(message: "file too large for a filter expression") }
        }
    }

    private static func systemMessage() -> String {
        guard let text = strerror(errno) else { return "error \(errno)" }
        return String(cString: text)
    }
}
