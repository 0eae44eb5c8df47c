// libFuzzer entry point for the packet decoders and printers; the work (and the input layout) is
// PrintersFuzzEntry's in FuzzTesting/Entries, which FuzzRegressionTests replays too. A trap or a sanitizer report
// is a bug.
import FuzzEntries

nonisolated(unsafe) var entry = PrintersFuzzEntry()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPrinters(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    entry.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
