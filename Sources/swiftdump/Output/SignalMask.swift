#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The process's signal mask.
enum SignalMask {
    /// Unblocks `signals` in the calling thread. A process inherits its parent's mask, and some launchers
    /// (thread pools, test runners) start children with nearly every signal blocked; SIGINT and friends would then
    /// stay pending forever instead of stopping a live capture.
    static func unblock(_ signals: [Int32]) {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        sigprocmask(SIG_UNBLOCK, &set, nil)
    }
}
