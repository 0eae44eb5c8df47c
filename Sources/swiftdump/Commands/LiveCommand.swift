#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import BPFCore
import Capture
import cbpf2ebpf

/// `-i IFACE` (or the first device): open the device, install our compiled program as the kernel filter,
/// print or write what arrives, and report statistics at the end, as tcpdump does.
enum LiveCommand {
    static func run(_ options: Options) throws(Termination) -> Int32 {
        let device = try chooseDevice(options)
        if options.listTimestampTypes { return try listTimestampTypes(device: device) }
        var linkTypeOverride = options.linkType
        if linkTypeOverride == nil, device.hasPrefix("any") {
            linkTypeOverride = (.linuxSLL2, "LINUX_SLL2")
        }
        let printing = options.writeFile == nil || options.printAlso
        let timeout = printing && (Console.isTerminal(Console.standardOutput) || options.lineBuffered) ? 100 : 1000
        let captureOptions = LiveCapture.Options(
            snapshotLength: options.snaplen == 0 ? nil : options.snaplen,
            promiscuous: !options.noPromiscuous, monitorMode: options.monitorMode,
            timeoutMilliseconds: timeout, immediateMode: options.immediateMode, bufferSize: options.bufferSize,
            precision: options.nanoseconds ? .nanoseconds : .microseconds, timestampType: options.timestampType)
        var name = device
        var capture = try open(&name, options: captureOptions)
        for warning in capture.warnings { Console.err("\(Usage.programName): WARNING: \(warning)\n") }
        if options.listLinkTypes { return try listLinkTypes(capture, device: name) }
        if let requested = linkTypeOverride {
            do {
                try capture.setLinkType(requested.type)
            } catch {
                throw .failure(error.message)
            }
            Console.err("\(Usage.programName): data link type \(requested.type.name ?? requested.name)\n")
        }
        var snaplen = options.snaplen
        let actual = capture.snapshotLength
        if snaplen < actual {
            if snaplen != 0 { Console.err("\(Usage.programName): snaplen raised from \(snaplen) to \(actual)\n") }
            snaplen = actual
        } else if snaplen > actual {
            Console.err("\(Usage.programName): snaplen lowered from \(snaplen) to \(actual)\n")
            snaplen = actual
        }

        let expression = try Driver.expression(options)
        var ebpf: (filter: LiveEBPFFilter, loaded: LoadedProgram)?
        if options.dumpLevel > 0 || expression != nil {
            let context = CompileContext(
                linkType: capture.linkType, snaplen: snaplen, optimize: options.optimize, liveDevice: true)
            let program = try FilterFrontEnd.compile(expression, context: context)
            if options.dumpLevel > 0 {
                try Driver.dump(program, options: options)
                return 0
            }
            if options.ebpf {
                // bpf(2) may need the privileges -Z gives up, so attach first.
                ebpf = try LiveEBPFFilter.attach(program, to: capture, options: options)
            } else {
                do {
                    try capture.setFilter(program)
                } catch {
                    throw .failure(error.message)
                }
            }
        }
        if let direction = options.direction {
            do {
                try capture.setDirection(direction)
            } catch {
                throw .failure(error.message)
            }
        }
        // As Debian's tcpdump: the -w file is created while still root and given to the -Z user, then root is
        // given up (so a file in a directory only root may write to works, and belongs to the user).
        var writer: CaptureOutput?
        if let output = options.writeFile {
            do {
                writer = try CaptureOutput(path: output, matching: capture, options: options)
            } catch {
                throw .failure(error.message)
            }
        }
        if let user = options.user, let account = try Privileges.account(user) {
            writer?.changeOwner(to: account)
            try Privileges.drop(to: account)
        }
        let status = try loop(&capture, device: name, snaplen: snaplen, options: options, ebpf: ebpf?.filter,
                              writer: writer)
        withExtendedLifetime(ebpf?.loaded) {}
        return status
    }

    /// `-i` as given, or the first device libpcap lists.
    private static func chooseDevice(_ options: Options) throws(Termination) -> String {
        if let device = options.interface { return device }
        do {
            guard let first = try Interfaces.all().first else {
                throw Termination.failure("no interfaces available for capture")
            }
            return first.name
        } catch let error as CaptureError {
            throw .failure(error.message)
        } catch {
            throw error as? Termination ?? .failure("\(error)")
        }
    }

    /// Opens `device`; when that fails and the name is a number, opens the device with that `-D` number (and
    /// sets `device` to its name).
    private static func open(
        _ device: inout String, options: LiveCapture.Options
    ) throws(Termination) -> LiveCapture {
        do {
            return try LiveCapture(device: device, options: options)
        } catch {
            guard let number = Int(device), number > 0 else { throw .failure(error.message) }
            let list: [Interface]
            do {
                list = try Interfaces.all()
            } catch let listError {
                throw .failure(listError.message)
            }
            guard number <= list.count else { throw .failure("Invalid adapter index") }
            device = list[number - 1].name
            do {
                return try LiveCapture(device: device, options: options)
            } catch let second {
                throw .failure(second.message)
            }
        }
    }

    /// `-J`: the time stamp types the device offers, on stderr as tcpdump 4.99.3 prints them.
    private static func listTimestampTypes(device: String) throws(Termination) -> Int32 {
        let types: [LiveCapture.TimestampType]
        do {
            types = try LiveCapture.timestampTypes(device: device)
        } catch {
            throw .failure(error.message)
        }
        if types.isEmpty {
            Console.err("Time stamp type cannot be set for \(device)\n")
            return 0
        }
        var text = "Time stamp types for \(device) (use option -j to set):\n"
        for type in types { text += "  \(type.name) (\(type.summary))\n" }
        Console.err(text)
        return 0
    }

    /// `-L`: the link types the device offers, on stderr as tcpdump 4.99.3 prints them.
    private static func listLinkTypes(_ capture: borrowing LiveCapture, device: String) throws(Termination) -> Int32 {
        let types: [LinkType]
        do {
            types = try capture.supportedLinkTypes()
        } catch {
            throw .failure(error.message)
        }
        var text = "Data link types for \(device) (use option -y to set):\n"
        for type in types {
            if let name = type.name {
                text += "  \(name) (\(type.summary ?? name))"
                if !PacketPrinter.supports(type) { text += " (printing not supported)" }
                text += "\n"
            } else {
                text += "  DLT \(type.rawValue) (printing not supported)\n"
            }
        }
        Console.err(text)
        return 0
    }

    /// Reads packets until `-c` is reached, the device fails, or a stop signal arrives; prints statistics.
    private static func loop(
        _ capture: inout LiveCapture, device: String, snaplen: Int, options: Options, ebpf: LiveEBPFFilter?,
        writer: consuming CaptureOutput?
    ) throws(Termination) -> Int32 {
        let quietBanner = options.print.verbose == 0 && options.writeFile == nil
        var banner = quietBanner
            ? "\(Usage.programName): verbose output suppressed, use -v[v]... for full protocol decode\n"
            : "\(Usage.programName): "
        let type = capture.linkType
        banner += "listening on \(device)"
        if let name = type.name, let summary = type.summary {
            banner += ", link-type \(name) (\(summary))"
        } else {
            banner += ", link-type \(UInt32(bitPattern: type.rawValue))"
        }
        banner += ", snapshot length \(snaplen) bytes\n"

        var writer = writer
        Console.err(banner)
        let signals = [SIGINT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2]
        CaptureSignals.install(signals)
        capture.interruptOnSignals()
        SignalMask.unblock(signals)

        let flushEach = options.lineBuffered || options.packetBuffered
            || Console.isTerminal(Console.standardOutput)
        var printer: PrintingSink? = (options.writeFile == nil || options.printAlso) && !options.countOnly
            ? PrintingSink(options: options.print, linkType: type, flushEachPacket: flushEach) : nil
        var captured: UInt64 = 0
        var interruptedBySignal = false
        var outputFailed = false
        var failure: CaptureError?
        // tcpdump -v -w FILE (no --print): "Got N" and a carriage return on stderr about once a second.
        let progress = options.print.verbose > 0 && options.writeFile != nil && !options.printAlso
            ? ProgressReporter() : nil
        defer { progress?.stop() }
        capturing: while true {
            let event: LiveCapture.Event
            do {
                event = try capture.nextEvent()
            } catch {
                failure = error
                break
            }
            switch event {
            case .packet(let packet):
                if let ebpf, !ebpf.accepts(packet) { continue capturing }
                captured += 1
                progress?.update(captured)
                if writer != nil {
                    do {
                        if try writer?.write(packet) == false { break capturing }
                    } catch {
                        failure = error
                        break capturing
                    }
                }
                if options.packetBuffered { try? writer?.flush() }
                if printer != nil {
                    do {
                        try printer?.consume(packet)
                    } catch {
                        failure = error
                        outputFailed = true
                        break capturing
                    }
                }
                if let count = options.count, captured >= UInt64(count) { break capturing }
            case .timeout:
                printer?.flush()
            case .interrupted:
                let signals = CaptureSignals.takePending()
                if signals.contains(SIGUSR1) {
                    Console.err("\(Usage.programName): " + statisticsText(capture, captured: captured, oneLine: true))
                }
                if signals.contains(SIGUSR2) { try? writer?.flush() }
                if signals.contains(where: { [SIGINT, SIGTERM, SIGHUP].contains($0) }) || signals.isEmpty {
                    interruptedBySignal = true
                    break capturing
                }
            }
        }
        progress?.stop()
        if printer != nil {
            printer?.flush()
            // tcpdump ends an interrupted print loop with an extra newline, in case a line was cut short.
            if interruptedBySignal { Console.out("\n") }
        }
        var closeError: CaptureError?
        if let open = writer.take() {
            do { try open.close() } catch { closeError = error }
        }
        if let failure { Console.err("\(Usage.programName): \(failure.message)\n") }
        Console.err(statisticsText(capture, captured: captured, oneLine: false))
        if let closeError { throw .failure(closeError.message) }
        if outputFailed { return Console.writeFailureStatus }
        return failure == nil ? 0 : 1
    }

    /// tcpdump's statistics: three (or four) lines at exit, one line for SIGUSR1.
    private static func statisticsText(_ capture: borrowing LiveCapture, captured: UInt64, oneLine: Bool) -> String {
        let separator = oneLine ? ", " : "\n"
        guard let stats = try? capture.statistics() else {
            return "pcap_stats: failed\n"
        }
        var parts = [
            plural(captured, "packet") + " captured",
            plural(stats.received, "packet") + " received by filter",
            plural(stats.dropped, "packet") + " dropped by kernel",
        ]
        if stats.interfaceDropped != 0 { parts.append(plural(stats.interfaceDropped, "packet") + " dropped by interface") }
        return parts.joined(separator: separator) + "\n"
    }
}
