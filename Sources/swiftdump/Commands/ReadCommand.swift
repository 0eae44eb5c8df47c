import BPFCore
import Capture

/// `-r FILE`: read a savefile, filter it with our interpreter, and print, count or write (`-w`) the packets.
enum ReadCommand {
    static func run(_ options: Options) throws(Termination) -> Int32 {
        let path = options.readFile ?? "-"
        var reader: SavefileReader
        do {
            reader = try SavefileReader(path: path, precision: options.nanoseconds ? .nanoseconds : .microseconds)
        } catch {
            throw .failure(error.message)
        }
        Console.err(Driver.readingLine(path: path, linkType: reader.linkType, snaplen: reader.snapshotLength))
        if reader.linkType == .linuxSLL2 { Console.err("Warning: interface names might be incorrect\n") }

        let expression = try Driver.expression(options)
        var program: Program?
        if options.dumpLevel > 0 || expression != nil {
            let context = CompileContext(
                linkType: reader.linkType, snaplen: reader.snapshotLength, optimize: options.optimize,
                forSavefile: true, swappedSavefile: reader.isByteSwapped)
            program = try FilterFrontEnd.compile(expression, context: context)
        }
        if let program, options.dumpLevel > 0 {
            try Driver.dump(program, options: options)
            return 0
        }
        if let user = options.user { try Privileges.drop(to: user) }
        guard let program else { return try replay(&reader, filter: AcceptAllPackets(), options: options) }
        let compiled: CompiledFilter
        do {
            compiled = try CompiledFilter(program)
        } catch {
            throw .failure("invalid filter program: \(error)")
        }
        return try replay(&reader, filter: ProgramFilter(filter: compiled), options: options)
    }

    /// Runs the replay into the sink the options ask for; returns the exit status.
    private static func replay<F: PacketFilter>(
        _ reader: inout SavefileReader, filter: F, options: Options
    ) throws(Termination) -> Int32 {
        let linkType = reader.linkType
        let flushEach = options.packetBuffered || options.lineBuffered
            || Console.isTerminal(Console.standardOutput)
        var failure: ReplayFailure?
        var kept = 0
        if let output = options.writeFile {
            let file: CaptureOutput
            do {
                file = try CaptureOutput(path: output, matching: reader, options: options)
            } catch {
                throw .failure(error.message)
            }
            let printer = options.printAlso && !options.countOnly
                ? PrintingSink(options: options.print, linkType: linkType, flushEachPacket: flushEach) : nil
            var sink = WritingSink(output: file, printer: printer, flushEachPacket: options.packetBuffered)
            do {
                kept = try OfflineReplay.run(&reader, filter: filter, limit: options.count, into: &sink).kept
            } catch {
                kept = error.summary.kept
                if !sink.limitReached { failure = error }
            }
            sink.printer?.flush()
            do {
                try sink.output.close()
            } catch {
                throw .failure(error.message)
            }
        } else if options.countOnly {
            var sink = CountingSink()
            do {
                kept = try OfflineReplay.run(&reader, filter: filter, limit: options.count, into: &sink).kept
            } catch {
                failure = error
                kept = error.summary.kept
            }
        } else {
            var sink = PrintingSink(options: options.print, linkType: linkType, flushEachPacket: flushEach)
            do {
                kept = try OfflineReplay.run(&reader, filter: filter, limit: options.count, into: &sink).kept
            } catch {
                failure = error
                kept = error.summary.kept
            }
            sink.flush()
        }
        if let failure { Console.err("\(Usage.programName): \(failure.error.message)\n") }
        if options.countOnly { Console.out(plural(UInt64(kept), "packet") + "\n") }
        return failure == nil ? 0 : 1
    }
}
