// libFuzzer entry point for the savefile path; the work is SavefileFuzzEntry's in FuzzTesting/Entries, which
// FuzzRegressionTests replays too. A trap, a sanitizer report or a hang (-timeout) is a bug.
import FuzzEntries

nonisolated(unsafe) var entry = SavefileFuzzEntry()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSavefile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    entry.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
