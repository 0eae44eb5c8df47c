// libFuzzer entry point for the filter-expression parser and compiler; the work (and the input layout) is
// FilterFuzzEntry's in FuzzTesting/Entries, which FuzzRegressionTests replays too. A trap, a sanitizer report or a
// hang (-timeout) is a bug.
import FuzzEntries

let entry = FilterFuzzEntry()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFilter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    entry.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
