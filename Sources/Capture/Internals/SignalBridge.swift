// Signal handling for live captures: a handler that records the signal and calls pcap_breakloop on the live
// capture registered as the target. Only async-signal-safe work happens in the handler (atomics and
// pcap_breakloop, which sets a flag and writes to an eventfd on Linux).
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The address of the `pcap_t` a signal should interrupt (0 for none).
private let breakTargetAddress = Atomic<UInt>(0)
/// One bit per signal number (1 ..< 64) that arrived and was not yet taken.
private let pendingSignalBits = Atomic<UInt64>(0)

private func handleSignal(_ signal: Int32) {
    if signal > 0 && signal < 64 {
        pendingSignalBits.bitwiseOr(UInt64(1) &<< UInt64(signal), ordering: .sequentiallyConsistent)
    }
    let address = breakTargetAddress.load(ordering: .sequentiallyConsistent)
    if let raw = OpaquePointer(bitPattern: address) { pcapBreakLoop(raw) }
}

enum BreakTarget {
    /// Makes `raw` the handle that signals interrupt.
    static func register(_ raw: OpaquePointer) {
        breakTargetAddress.store(UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(raw))), ordering: .sequentiallyConsistent)
    }

    /// Stops signals from touching `raw` (called before the handle is closed).
    static func forget(_ raw: OpaquePointer) {
        let address = UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(raw)))
        _ = breakTargetAddress.compareExchange(expected: address, desired: 0, ordering: .sequentiallyConsistent)
    }

    static func install(_ signals: [Int32]) {
        // Touch both globals now so their lazy initialisation never runs inside the handler.
        _ = breakTargetAddress.load(ordering: .sequentiallyConsistent)
        _ = pendingSignalBits.load(ordering: .sequentiallyConsistent)
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { handleSignal($0) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(signal, &action, nil)
        }
    }

    static func takePending() -> [Int32] {
        let bits = pendingSignalBits.exchange(0, ordering: .sequentiallyConsistent)
        return (1..<64).filter { bits & (UInt64(1) &<< UInt64($0)) != 0 }.map { Int32($0) }
    }
}

/// Signals that interrupt a live capture.
///
/// After ``install(_:)``, each listed signal is recorded and interrupts the live capture that called
/// ``LiveCapture/interruptOnSignals()``: its ``LiveCapture/nextEvent()`` returns ``LiveCapture/Event/interrupted``
/// and ``takePending()`` tells which signals arrived, so a caller can stop (SIGINT, SIGTERM, SIGHUP), print
/// statistics and go on (SIGUSR1), or flush its output file (SIGUSR2), as tcpdump does.
public enum CaptureSignals {
    /// Installs the recording handler for each signal number in `signals` (for example `SIGINT`).
    public static func install(_ signals: [Int32]) { BreakTarget.install(signals) }

    /// The signals that arrived since the last call, in ascending order; clears the record.
    public static func takePending() -> [Int32] { BreakTarget.takePending() }
}
