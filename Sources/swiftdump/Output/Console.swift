#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Writes to the process's standard output and standard error file descriptors.
///
/// Writes go straight to the descriptors (no C stdio), retrying short writes and `EINTR`, so that text printed
/// by swiftdump and raw savefile bytes written to `-w -` never interleave in the wrong order.
enum Console {
    /// Standard output's descriptor.
    static let standardOutput: Int32 = 1
    /// Standard error's descriptor.
    static let standardError: Int32 = 2

    /// Writes `text` to standard output.
    static func out(_ text: String) { write(Array(text.utf8), to: standardOutput) }

    /// Writes `text` to standard error.
    static func err(_ text: String) { write(Array(text.utf8), to: standardError) }

    /// Writes `bytes` to `descriptor`; returns false when the descriptor refused them (closed pipe, full disk).
    @discardableResult
    static func write(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        writeReportingError(bytes, to: descriptor) == nil
    }

    /// Writes `bytes` to `descriptor`; returns `strerror`'s text when the descriptor refused them.
    static func writeReportingError(_ bytes: [UInt8], to descriptor: Int32) -> String? {
        bytes.withUnsafeBytes { buffer -> String? in
            guard let base = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += written
            }
            return nil
        }
    }

    /// Makes writes to a closed pipe fail with `EPIPE` instead of killing the process, so that swiftdump can
    /// report `Unable to write output: Broken pipe` as tcpdump does.
    static func ignoreBrokenPipes() { signal(SIGPIPE, SIG_IGN) }

    /// tcpdump's exit status when printed output cannot be written (`S_ERR_ND_WRITE_FILE`).
    static let writeFailureStatus: Int32 = 14

    /// True when `descriptor` is a terminal.
    static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }
}
