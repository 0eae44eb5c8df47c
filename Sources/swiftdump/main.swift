#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import FoundationEssentials

// swiftdump: tcpdump's command line over FilterLang, cbpf2ebpf and Capture. All logic lives in those modules;
// this target only reads the command line, picks the mode and wires the pieces together.
Console.ignoreBrokenPipes()
let status = Driver.run(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
exit(status)
