import ArgumentParser
import BPFCore
import cbpf2ebpf
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// `cbpf2ebpf`: reads a classic program (tcpdump -ddd or -dd text), checks it with the kernel's rules,
/// translates it to eBPF and prints it; `--check` loads it into the running kernel.
struct CBPF2EBPFCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cbpf2ebpf",
        abstract: "Translate classic BPF (tcpdump -ddd or -dd output) to eBPF as Linux does, or to a loadable twin.")

    @Option(name: .customLong("flavor"), help: "kernel (what Linux 6.18 emits) or loadable (accepted by bpf(2)).")
    var flavor: String = "loadable"

    @Flag(name: .customShort("d"), help: "-d disassembly, -dd C array of slots, -ddd decimal slots.")
    var dumpLevel: Int

    @Option(name: .customLong("layout"), help: "Kernel layout for the kernel flavour: running (BTF, kallsyms) or builtin (Linux 6.18 x86-64).")
    var layout: String = "running"

    @Flag(name: .customLong("check"), help: "Load the translation into the running kernel (SOCKET_FILTER and SCHED_CLS) and print the verifier's verdict.")
    var check = false

    @Argument(help: "File holding the classic program; '-' or nothing reads standard input.")
    var file: String?

    func run() throws {
        guard let flavor = TranslationFlavor(rawValue: flavor) else {
            throw ValidationError("--flavor must be 'kernel' or 'loadable', not '\(self.flavor)'")
        }
        let kernelLayout: KernelLayout
        switch layout {
        case "running": kernelLayout = flavor == .kernel ? .running() : .linux618x86_64
        case "builtin": kernelLayout = .linux618x86_64
        default: throw ValidationError("--layout must be 'running' or 'builtin', not '\(layout)'")
        }
        let text = try readInput()
        let classic: Program
        do {
            classic = try Program(parsing: text)
        } catch {
            throw fail("\(file ?? "standard input"): \(error)")
        }
        let program: EBPFProgram
        do {
            program = try EBPFTranslator(flavor: flavor, layout: kernelLayout).translate(classic)
        } catch {
            throw fail("cannot translate: \(error)")
        }
        if dumpLevel > 0 || !check {
            print(EBPFListing.render(program, dumpLevel: dumpLevel), terminator: "")
        }
        if check { try runCheck(program, classic: classic) }
    }

    private func readInput() throws -> String {
        var bytes: [UInt8] = []
        let handle: UnsafeMutablePointer<FILE>?
        if let file, file != "-" {
            handle = fopen(file, "r")
            guard handle != nil else { throw fail("cannot open \(file): \(String(cString: strerror(errno)))") }
        } else {
            handle = stdin
        }
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&chunk, 1, chunk.count, handle)
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        if let file, file != "-" { fclose(handle) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Loads the translation as SOCKET_FILTER and SCHED_CLS and prints the verifier's verdicts. For the kernel
    /// flavour (which bpf(2) refuses by design) it also compares the length with what the running kernel's
    /// SO_ATTACH_FILTER conversion produces. Exits 1 when a loadable program is refused or a length differs.
    private func runCheck(_ program: EBPFProgram, classic: Program) throws {
        var failed = false
        if program.flavor == .kernel {
            do {
                let length = try KernelBridge.kernelConvertedLength(of: classic)
                let verdict = length == program.slotCount ? "matches" : "DIFFERS FROM"
                print("kernel: SO_ATTACH_FILTER converts it to \(length) eBPF instructions; this translation (\(program.slotCount)) \(verdict) it")
                failed = length != program.slotCount
            } catch {
                print("kernel: could not measure the kernel's conversion: \(error)")
            }
        }
        for type in [KernelProgramType.socketFilter, .schedClassifier] {
            do {
                let loaded = try KernelBridge.load(program, as: type)
                let stats = loaded.verifierLog.split(separator: "\n").last(where: { $0.hasPrefix("processed") }) ?? ""
                print("\(type): accepted by the verifier (\(program.slotCount) insns) \(stats)")
            } catch {
                if program.flavor == .loadable { failed = true }
                print("\(type): refused: \(error)")
            }
        }
        if program.flavor == .kernel {
            print("note: the kernel flavour uses internal sk_buff offsets and helpers, so bpf(2) refuses it; only the loadable flavour is meant for bpf(2)")
        }
        if failed { throw ExitCode(1) }
    }

    private func fail(_ message: String) -> Error {
        fputs("cbpf2ebpf: \(message)\n", stderr)
        return ExitCode(1)
    }
}

CBPF2EBPFCommand.main()
