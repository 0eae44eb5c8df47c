// strftime over the local time zone, for `-G` file names. The only libc time formatting in Capture.
#if canImport(Glibc)
import Glibc
#endif

/// The current time in whole seconds since the epoch (`time(NULL)`).
func currentEpochSeconds() -> Int64 { Int64(time(nil)) }

/// `strftime(pattern, localtime(seconds))`, or nil when the result does not fit `PATH_MAX` bytes.
func formatLocalTime(_ pattern: String, seconds: Int64) -> String? {
    var t = time_t(truncatingIfNeeded: seconds)
    var parts = tm()
    guard localtime_r(&t, &parts) != nil else { return nil }
    let capacity = Int(PATH_MAX) + 1
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer -> String? in
        guard let base = buffer.baseAddress else { return nil }
        let written = strftime(base, capacity - 1, pattern, &parts)
        if written == 0 && !pattern.isEmpty {
            // strftime reports 0 both for an empty result and for overflow; an empty result is only
            // possible when every conversion printed nothing, which tcpdump would also accept.
            base[0] = 0
        }
        return String(cString: base)
    }
}
