import BPFCore
import Capture

/// Runs one swiftdump invocation: parse the command line, pick the mode (list, dump program, read a file,
/// capture live) in tcpdump's order, and return the exit status.
enum Driver {
    /// Runs swiftdump with `arguments` (without the program name) and returns the exit status.
    static func run(_ arguments: [String], environment: [String: String]) -> Int32 {
        switch OptionParser.parse(arguments, environment: environment) {
        case .finish(let termination):
            return emit(termination)
        case .run(let options):
            do throws(Termination) {
                return try run(options)
            } catch {
                return emit(error)
            }
        }
    }

    /// Writes a termination's texts and returns its status.
    static func emit(_ termination: Termination) -> Int32 {
        if !termination.stdout.isEmpty { Console.out(termination.stdout) }
        if !termination.stderr.isEmpty { Console.err(termination.stderr) }
        return termination.status
    }

    private static func run(_ options: Options) throws(Termination) -> Int32 {
        for note in options.notes { Console.err("\(Usage.programName): \(note)\n") }
        if options.listInterfaces { return try ListInterfacesCommand.run() }
        if !options.pending.isEmpty { throw Pending.options(options.pending) }
        if options.pcapng && options.rotation != nil {
            throw .failure("--pcapng cannot be combined with -C or -G (rotation writes pcap files)")
        }
        if options.ebpf && options.dumpLevel == 0 {
            if options.readFile != nil || options.fileList != nil {
                throw .failure("--ebpf applies to -d/-dd/-ddd and to live capture (-i), not to -r")
            }
            if options.ebpfFlavor == .kernel {
                throw .failure("--ebpf-flavor kernel cannot be attached to a capture socket (its program reads the"
                    + " kernel's internal sk_buff and bpf(2) refuses it); use --ebpf-flavor loadable, the default")
            }
        }
        if options.readFile != nil || options.fileList != nil {
            return try ReadCommand.run(options)
        }
        if options.dumpLevel > 0 && options.interface == nil {
            return try DumpCommand.runWithoutDevice(options)
        }
        return try LiveCommand.run(options)
    }

    /// The filter expression: the contents of the `-F` file (with `#` comments blanked, as tcpdump does), or the
    /// command-line words joined with spaces; nil when there is none.
    static func expression(_ options: Options) throws(Termination) -> String? {
        guard let path = options.filterFile else {
            return options.operands.isEmpty ? nil : options.commandLineExpression
        }
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path)
        } catch {
            throw .failure("can't open \(path): \(error.message)")
        }
        var text = bytes
        var index = 0
        while index < text.count {
            if text[index] == UInt8(ascii: "#") {
                while index < text.count && text[index] != UInt8(ascii: "\n") {
                    text[index] = UInt8(ascii: " ")
                    index += 1
                }
            }
            index += 1
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Prints a compiled program to stdout in the `-d`/`-dd`/`-ddd` format the options select, translated to
    /// eBPF first with `--ebpf`.
    static func dump(_ program: Program, options: Options) throws(Termination) {
        let level = options.dumpLevel
        if options.ebpf {
            Console.out(try EBPFFrontEnd.listing(program, flavor: options.ebpfFlavor, level: min(level, 3)))
            return
        }
        let format: DumpFormat = level == 1 ? .assembly : (level == 2 ? .cArray : .decimal)
        Console.out(program.dump(format))
    }

    /// `reading from file F, link-type EN10MB (Ethernet), snapshot length N`, as tcpdump prints it to stderr.
    static func readingLine(path: String, linkType: LinkType, snaplen: Int) -> String {
        var line = "reading from file \(path)"
        if let name = linkType.name, let summary = linkType.summary {
            line += ", link-type \(name) (\(summary))"
        } else {
            line += ", link-type \(UInt32(bitPattern: linkType.rawValue))"
        }
        return line + ", snapshot length \(snaplen)\n"
    }
}
