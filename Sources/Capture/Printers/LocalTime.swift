#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Broken-down calendar time for one second, as `localtime`/`gmtime` give it.
struct CivilTime: Equatable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
}

/// Converts epoch seconds to calendar time with the C library (so the `TZ` rules match tcpdump's), caching the
/// last minute converted so consecutive packets cost no library call.
struct LocalTimeConverter {
    private var cachedMinuteStart: Int64 = .min
    private var cachedLocal = true
    private var cached = CivilTime(year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0)
    private static let tzInitialised: Bool = {
        tzset()
        return true
    }()

    /// The calendar time of `seconds`, in local time or UTC; nil when the C library cannot convert it.
    mutating func convert(_ seconds: Int64, local: Bool) -> CivilTime? {
        if local == cachedLocal, seconds >= cachedMinuteStart, seconds &- cachedMinuteStart < 60,
            cachedMinuteStart != .min
        {
            var t = cached
            t.second = Int(seconds &- cachedMinuteStart)
            return t
        }
        _ = LocalTimeConverter.tzInitialised
        var time = time_t(truncatingIfNeeded: seconds)
        var parts = tm()
        let ok: Bool
        if local {
            ok = localtime_r(&time, &parts) != nil
        } else {
            ok = gmtime_r(&time, &parts) != nil
        }
        guard ok else { return nil }
        let civil = CivilTime(
            year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday),
            hour: Int(parts.tm_hour), minute: Int(parts.tm_min), second: Int(parts.tm_sec))
        if civil.second < 60 {
            cachedMinuteStart = seconds &- Int64(civil.second)
            cachedLocal = local
            cached = civil
        }
        return civil
    }
}
