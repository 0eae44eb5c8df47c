// libFuzzer entry point for BPFCore on arbitrary classic BPF programs; the work (and the input layout) is
// CBPFFuzzEntry's in FuzzTesting/Entries, which FuzzRegressionTests replays too. A trap, a sanitizer report or a
// hang (-timeout) is a bug.
import FuzzEntries

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCBPF(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    CBPFFuzzEntry.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
