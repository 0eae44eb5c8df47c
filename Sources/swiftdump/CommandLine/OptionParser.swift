import BPFCore
import Capture

/// How a command line ends before any capture work: text for stdout and stderr and an exit status.
struct Termination: Error, Hashable, Sendable {
    /// Text for standard output.
    var stdout: String = ""
    /// Text for standard error.
    var stderr: String = ""
    /// The exit status.
    var status: Int32

    /// A fatal error: `swiftdump: MESSAGE` on stderr, optionally followed by the version and usage, exit 1.
    static func failure(_ message: String, usage: Bool = false) -> Termination {
        Termination(stderr: "\(Usage.programName): \(message)\n" + (usage ? Usage.versionAndUsage : ""), status: 1)
    }
}

/// What parsing the command line decided.
enum ParseOutcome {
    /// Go on with these options.
    case run(Options)
    /// Stop now (help, version, or an error).
    case finish(Termination)
}

/// Turns argv into ``Options`` the way tcpdump 4.99.3 does: options are validated in command-line order, each
/// with tcpdump's message, and the first failure ends the run with exit status 1.
enum OptionParser {
    /// Parses `arguments` (without the program name). `environment` decides `POSIXLY_CORRECT`.
    static func parse(_ arguments: [String], environment: [String: String] = [:]) -> ParseOutcome {
        var scanner = GetoptScanner(options: OptionTable.tcpdump)
        scanner.stopAtFirstOperand = environment["POSIXLY_CORRECT"] != nil
        let scan = scanner.scan(arguments)
        var options = Options()
        for item in scan.items {
            if let stop = apply(item, to: &options) { return .finish(stop) }
        }
        if let error = scan.error {
            return .finish(.failure(error.message, usage: true))
        }
        options.operands = scan.operands
        if options.timestampCount > 5 {
            // tcpdump lists interfaces (-D) before this check.
            if !options.listInterfaces {
                return .finish(.failure("only -t, -tt, -ttt, -tttt and -ttttt are supported"))
            }
        } else if let style = TimestampStyle(rawValue: options.timestampCount) {
            options.print.timestamps = style
        }
        if !options.listInterfaces {
            if options.foreign && (options.fileList != nil || options.readFile != nil) {
                return .finish(.failure("-f can not be used with -V or -r"))
            }
            if options.fileList != nil && options.readFile != nil {
                return .finish(.failure("-V and -r are mutually exclusive."))
            }
        }
        return .run(options)
    }

    /// Applies one option; returns a termination when the option ends the run (`-h`, `--version`, a bad value).
    static func apply(_ item: GetoptScanner.Item, to o: inout Options) -> Termination? {
        let value = item.value ?? ""
        switch item.id {
        case .compatA: break
        case .ascii: o.print.ascii += 1
        case .asdot: o.pending.append("-b")
        case .bufferSize:
            let kib = CNumber.atoi(value)
            let bytes = kib.multipliedReportingOverflow(by: 1024).partialValue
            if bytes <= 0 { return .failure("invalid packet buffer size \(value)") }
            o.bufferSize = Int(bytes)
        case .count:
            let n = CNumber.atoi(value)
            if n <= 0 { return .failure("invalid packet count \(value)") }
            o.count = Int(n)
        case .fileSize:
            let n = CNumber.strtol(value, base: 10)
            if !n.consumedAll || n.overflow || n.value <= 0 { return .failure("invalid file size \(value)") }
            if n.value > Int64.max / 1_000_000 { return .failure("file size \(value) is too large") }
            o.fileSize = n.value * 1_000_000
        case .dumpProgram: o.dumpLevel += 1
        case .listInterfaces: o.listInterfaces = true
        case .linkHeader: o.print.linkHeader = true
        case .espSecret: o.pending.append("-E")
        case .foreign: o.foreign = true
        case .filterFile: o.filterFile = value
        case .rotateSeconds:
            let seconds = CNumber.atoi(value)
            if seconds < 0 { return .failure("invalid number of seconds \(value)") }
            o.rotateSeconds = Int64(seconds)
        case .help:
            return Termination(stdout: Usage.versionAndUsage + Usage.status, status: 0)
        case .hdlc80211: o.pending.append("-H")
        case .interface: o.interface = value
        case .monitorMode: o.monitorMode = true
        case .timestampType:
            guard Usage.timestampTypeNames.contains(value.lowercased()) else {
                return .failure("invalid time stamp type \(value)")
            }
            o.timestampType = value.lowercased()
        case .listTimestampTypes:
            o.listTimestampTypes = true
        case .noChecksums: o.print.noChecksums = true
        case .lineBuffered: o.lineBuffered = true
        case .listLinkTypes: o.listLinkTypes = true
        case .mibModule: o.notes.append("ignoring option `-m \(value)' (no libsmi support)")
        case .tcpSecret: o.pending.append("-M")
        case .numeric: o.print.numeric += 1
        case .stripDomains: o.pending.append("-N")
        case .noOptimize: o.optimize = false
        case .noPromiscuous: o.noPromiscuous = true
        case .quiet: o.print.quiet += 1
        case .direction:
            guard let direction = Direction(rawValue: value.lowercased()) else {
                return .failure("unknown capture direction `\(value)'")
            }
            o.direction = direction
        case .readFile: o.readFile = value
        case .snaplen:
            let n = CNumber.strtol(value, base: 0)
            let truncated = Int32(truncatingIfNeeded: n.value)
            if !n.consumedAll || truncated < 0 || Int(truncated) > Options.maximumSnaplen {
                return .failure("invalid snaplen \(value) (must be >= 0 and <= \(Options.maximumSnaplen))")
            }
            o.snaplen = Int(truncated)
        case .absoluteSequence: o.print.absoluteSequence = true
        case .timestamp: o.timestampCount += 1
        case .packetType:
            guard Usage.packetTypeNames.contains(value.lowercased()) else {
                return .failure("unknown packet type `\(value)'")
            }
            o.pending.append("-T")
        case .unicodeNFS: o.pending.append("-u")
        case .packetBuffered: o.packetBuffered = true
        case .verbose: o.print.verbose += 1
        case .fileList:
            o.fileList = value
        case .writeFile: o.writeFile = value
        case .fileCount:
            let count = CNumber.atoi(value)
            if count <= 0 { return .failure("invalid number of output files \(value)") }
            o.fileCount = Int(count)
        case .hex: o.print.hex += 1
        case .hexAndASCII: o.print.hexAndASCII += 1
        case .linkType:
            guard let type = LinkType(name: value) else { return .failure("invalid data link type \(value)") }
            o.linkType = (type, value)
        case .parserDebug:
            // In tcpdump's option string but not built into Debian's tcpdump: usage, exit 1, no message.
            return Termination(stderr: Usage.versionAndUsage, status: 1)
        case .postRotate: o.postRotate = value
        case .user: o.user = value
        case .number: o.print.numbered = true
        case .version: return Termination(stdout: Usage.version, status: 0)
        case .precision:
            if value.hasPrefix("nano") {
                o.nanoseconds = true
            } else if value.hasPrefix("micro") {
                o.nanoseconds = false
            } else {
                return .failure("unsupported time stamp precision")
            }
        case .immediateMode: o.immediateMode = true
        case .printAlso: o.printAlso = true
        case .micro: o.nanoseconds = false
        case .nano: o.nanoseconds = true
        case .floatingPointType:
            return .failure("--fp-type is not available in swiftdump (it reports the C library's floating-point"
                + " rounding, which swiftdump does not use)")
        case .countOnly: o.countOnly = true
        case .ebpf: o.ebpf = true
        case .pcapng: o.pcapng = true
        case .ebpfFlavor:
            guard let flavor = EBPFFlavor(rawValue: value) else {
                return .failure("invalid eBPF flavor \(value) (must be kernel or loadable)")
            }
            o.ebpfFlavor = flavor
        }
        o.print.nanosecondPrecision = o.nanoseconds
        return nil
    }
}
