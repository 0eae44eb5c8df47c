import BPFCore
import Capture

/// `-r FILE` or `-V LIST`: read savefiles, filter them with our interpreter, and print, count or write (`-w`)
/// the packets, as tcpdump does.
///
/// With `-V`, the files are read one after the other; `-c` applies to each file (tcpdump runs its loop once per
/// file), the filter is recompiled when the link type changes, and `-w` refuses a change of link type.
enum ReadCommand {
    static func run(_ options: Options) throws(Termination) -> Int32 {
        let paths = try savefilePaths(options)
        let precision: TimestampPrecision = options.nanoseconds ? .nanoseconds : .microseconds
        var reader = try open(paths[0], precision: precision)
        let expression = try Driver.expression(options)
        var filter = try makeFilter(expression, for: reader, options: options)
        if let program = filter?.program, options.dumpLevel > 0 {
            try Driver.dump(program, options: options)
            return 0
        }
        // As Debian's tcpdump: the -w file is created while still root and given to the -Z user, then root is
        // given up.
        var output = try Output(options: options, matching: reader)
        if let user = options.user, let account = try Privileges.account(user) {
            output.changeOwner(to: account)
            try Privileges.drop(to: account)
        }
        var failed = false
        var index = 0
        while true {
            failed = !output.replay(&reader, filter: filter, options: options)
            if output.stopped { break }
            index += 1
            guard index < paths.count else { break }
            let next = try open(paths[index], precision: precision, announce: false)
            if next.linkType != reader.linkType {
                if options.writeFile != nil {
                    output.finish(options: options)
                    throw .failure("\(paths[index]): new dlt does not match original")
                }
                filter = try makeFilter(expression, for: next, options: options)
            }
            reader = next
            Console.err(Driver.readingLine(path: paths[index], linkType: reader.linkType,
                                           snaplen: reader.snapshotLength))
        }
        return try output.close(options: options, failed: failed)
    }

    /// The files to read: `-r`'s, or the lines of `-V`'s list (`-` = standard input).
    private static func savefilePaths(_ options: Options) throws(Termination) -> [String] {
        guard let list = options.fileList else { return [options.readFile ?? "-"] }
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(list == "-" ? "/dev/stdin" : list)
        } catch {
            throw .failure("Unable to open file: \(error.message)")
        }
        var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard !lines.isEmpty else { throw .failure("Nothing in \(list)") }
        return lines
    }

    /// Opens a savefile and (unless told not to) prints tcpdump's `reading from file` line.
    private static func open(
        _ path: String, precision: TimestampPrecision, announce: Bool = true
    ) throws(Termination) -> SavefileReader {
        let reader: SavefileReader
        do {
            reader = try SavefileReader(path: path, precision: precision)
        } catch {
            throw .failure(error.message)
        }
        if announce {
            Console.err(Driver.readingLine(path: path, linkType: reader.linkType, snaplen: reader.snapshotLength))
        }
        if reader.linkType == .linuxSLL2 { Console.err("Warning: interface names might be incorrect\n") }
        return reader
    }

    /// Compiles the expression for `reader`'s link type (nil when there is no expression and no `-d`).
    private static func makeFilter(
        _ expression: String?, for reader: borrowing SavefileReader, options: Options
    ) throws(Termination) -> CompiledFilter? {
        guard options.dumpLevel > 0 || expression != nil else { return nil }
        let context = CompileContext(
            linkType: reader.linkType, snaplen: reader.snapshotLength, optimize: options.optimize,
            forSavefile: true, swappedSavefile: reader.isByteSwapped)
        let program = try FilterFrontEnd.compile(expression, context: context)
        do {
            return try CompiledFilter(program)
        } catch {
            throw .failure("invalid filter program: \(error)")
        }
    }

    /// Where the packets go: the `-w` output (and `--print`), a counter (`--count`), or the printer.
    private struct Output: ~Copyable {
        private var writing: WritingSink?
        private var printing: PrintingSink?
        private var counting: CountingSink?
        /// Packets kept so far, over all files.
        private(set) var kept = 0
        /// True when the output asked to stop (the `-G`/`-W` file limit, or stdout refused output).
        private(set) var stopped = false
        /// True when printed output could not be written (exit status 14, as tcpdump).
        private(set) var outputFailed = false

        init(options: Options, matching reader: borrowing SavefileReader) throws(Termination) {
            let flushEach = options.packetBuffered || options.lineBuffered
                || Console.isTerminal(Console.standardOutput)
            if let path = options.writeFile {
                let file: CaptureOutput
                do {
                    file = try CaptureOutput(path: path, matching: reader, options: options)
                } catch {
                    throw .failure(error.message)
                }
                let printer = options.printAlso && !options.countOnly
                    ? PrintingSink(options: options.print, linkType: reader.linkType, flushEachPacket: flushEach)
                    : nil
                writing = WritingSink(output: file, printer: printer, flushEachPacket: options.packetBuffered)
            } else if options.countOnly {
                counting = CountingSink()
            } else {
                printing = PrintingSink(options: options.print, linkType: reader.linkType, flushEachPacket: flushEach)
            }
        }

        /// Gives the `-w` file to `account` (`-Z`).
        mutating func changeOwner(to account: Privileges.Account) { writing?.output.changeOwner(to: account) }

        /// Replays one file; returns false when it stopped on an error (already reported) or on the file limit.
        mutating func replay(_ reader: inout SavefileReader, filter: CompiledFilter?, options: Options) -> Bool {
            let result: Result<OfflineReplay.Summary, ReplayFailure>
            printing?.linkType = reader.linkType
            writing?.printer?.linkType = reader.linkType
            if let filter {
                result = run(&reader, filter: ProgramFilter(filter: filter), limit: options.count)
            } else {
                result = run(&reader, filter: AcceptAllPackets(), limit: options.count)
            }
            switch result {
            case .success(let summary):
                kept += summary.kept
                // tcpdump flushes printed output after each file (not with -w), so that it does not mix with the
                // next file's "reading from file" line.
                printing?.flush()
                return true
            case .failure(let failure):
                kept += failure.summary.kept
                if writing?.limitReached == true {
                    stopped = true
                    return true
                }
                if printing?.writeError != nil || writing?.printer?.writeError != nil {
                    // stdout is gone (closed pipe, full disk): report it once and stop, as tcpdump does.
                    Console.err("\(Usage.programName): \(failure.error.message)\n")
                    stopped = true
                    outputFailed = true
                    return false
                }
                printing?.flush()
                writing?.printer?.flush()
                Console.err("\(Usage.programName): \(failure.error.message)\n")
                return false
            }
        }

        private mutating func run<F: PacketFilter>(
            _ reader: inout SavefileReader, filter: F, limit: Int?
        ) -> Result<OfflineReplay.Summary, ReplayFailure> {
            if var sink = writing.take() {
                let result = Self.replay(&reader, filter: filter, limit: limit, into: &sink)
                writing = consume sink
                return result
            }
            if var sink = counting.take() {
                let result = Self.replay(&reader, filter: filter, limit: limit, into: &sink)
                counting = sink
                return result
            }
            guard var sink = printing.take() else { return .success(OfflineReplay.Summary(read: 0, kept: 0)) }
            let result = Self.replay(&reader, filter: filter, limit: limit, into: &sink)
            printing = sink
            return result
        }

        private static func replay<F: PacketFilter, S: PacketSink & ~Copyable>(
            _ reader: inout SavefileReader, filter: F, limit: Int?, into sink: inout S
        ) -> Result<OfflineReplay.Summary, ReplayFailure> {
            do {
                return .success(try OfflineReplay.run(&reader, filter: filter, limit: limit, into: &sink))
            } catch {
                return .failure(error)
            }
        }

        /// Flushes printed output and closes the `-w` file without reporting (before an error exit).
        consuming func finish(options: Options) {
            printing?.flush()
            writing?.printer?.flush()
            if let sink = writing.take() { try? sink.output.close() }
        }

        /// Flushes everything, closes the `-w` file, prints `--count`'s total; returns the exit status.
        consuming func close(options: Options, failed: Bool) throws(Termination) -> Int32 {
            printing?.flush()
            writing?.printer?.flush()
            if !outputFailed, let error = printing?.writeError ?? writing?.printer?.writeError {
                Console.err("\(Usage.programName): Unable to write output: \(error)\n")
                outputFailed = true
            }
            if let sink = writing.take() {
                do {
                    try sink.output.close()
                } catch {
                    throw .failure(error.message)
                }
            }
            if outputFailed { return Console.writeFailureStatus }
            if options.countOnly { Console.out(plural(UInt64(kept), "packet") + "\n") }
            return failed ? 1 : 0
        }
    }
}
