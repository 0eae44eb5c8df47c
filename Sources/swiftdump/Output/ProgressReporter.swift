import Dispatch
import Glibc
import Synchronization

/// `-v -w FILE` on a live capture (without `--print`): once a second, `Got N` and a carriage return on stderr,
/// as tcpdump prints them from its interval timer, so that the final statistics land on the same line.
final class ProgressReporter: Sendable {
    private let captured = Atomic<UInt64>(0)
    private let running = Atomic<Bool>(true)

    /// Starts the once-a-second report on a background thread.
    init() {
        DispatchQueue.global(qos: .utility).async { [self] in self.report() }
    }

    /// Records the number of packets captured so far.
    func update(_ count: UInt64) { captured.store(count, ordering: .relaxed) }

    /// Stops reporting.
    func stop() { running.store(false, ordering: .sequentiallyConsistent) }

    private func report() {
        var last: UInt64?
        while running.load(ordering: .sequentiallyConsistent) {
            sleep(1)
            guard running.load(ordering: .sequentiallyConsistent) else { return }
            let count = captured.load(ordering: .relaxed)
            if last != count {
                Console.err("Got \(count)\r")
                last = count
            }
        }
    }
}
