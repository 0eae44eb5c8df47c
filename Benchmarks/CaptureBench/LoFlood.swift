// `capture-bench flood`: swiftdump and tcpdump capturing the same loopback flood, one after the other, at
// increasing rates; what each captured, what the kernel dropped, and what reached the output.
import Capture
import Foundation
import Glibc

enum LoFlood {
    /// The command line of `capture-bench flood`.
    struct Configuration {
        var count = 200_000
        var rates = [50_000, 100_000, 200_000, 400_000, 0]
        var runs = 3
        var port: UInt16 = 40_999
        var bufferKiB = 2048
        var snaplen = 262_144
        var payload = 64
        var settleSeconds = 2.0
        var modes: [Mode] = [.write, .print]
        var extra: [String] = []
        var swiftdump = ""
        var tcpdump = "/usr/bin/tcpdump"

        static let usage = """
            usage: capture-bench flood [--count N] [--rates R1,R2,…] (0 = unpaced) [--runs N] [--port P]
                                       [-B KiB] [-s snaplen] [--payload BYTES] [--settle SECONDS]
                                       [--modes write,print] [--extra 'OPTIONS …'] [--swiftdump PATH] [--tcpdump PATH]
            """

        init(arguments: [String]) throws {
            swiftdump = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
                .appendingPathComponent("swiftdump").path
            var rest = arguments[...]
            func value(_ name: String) throws -> String {
                guard let next = rest.popFirst() else { throw Failure.usage("\(name) needs a value") }
                return next
            }
            func number(_ name: String) throws -> Int {
                let text = try value(name)
                guard let parsed = Int(text), parsed >= 0 else { throw Failure.usage("\(name): bad number \(text)") }
                return parsed
            }
            while let argument = rest.popFirst() {
                switch argument {
                case "--count": count = try number(argument)
                case "--rates":
                    let text = try value(argument)
                    rates = try text.split(separator: ",").map {
                        guard let rate = Int($0), rate >= 0 else { throw Failure.usage("--rates: bad rate \($0)") }
                        return rate
                    }
                case "--runs": runs = max(1, try number(argument))
                case "--port": port = UInt16(clamping: try number(argument))
                case "-B": bufferKiB = try number(argument)
                case "-s": snaplen = try number(argument)
                case "--payload": payload = try number(argument)
                case "--settle":
                    let text = try value(argument)
                    guard let seconds = Double(text) else { throw Failure.usage("--settle: bad number \(text)") }
                    settleSeconds = seconds
                case "--modes":
                    modes = try (try value(argument)).split(separator: ",").map {
                        guard let mode = Mode(rawValue: String($0)) else { throw Failure.usage("--modes: \($0)?") }
                        return mode
                    }
                case "--extra": extra = (try value(argument)).split(separator: " ").map(String.init)
                case "--swiftdump": swiftdump = try value(argument)
                case "--tcpdump": tcpdump = try value(argument)
                default: throw Failure.usage("unknown argument \(argument)")
                }
            }
        }
    }

    /// `-w FILE` or printing `-nn` to a file.
    enum Mode: String {
        case write, print
    }

    /// A capture program under test.
    struct Tool {
        var name: String
        var path: String
        /// Options only this tool gets: tcpdump's `-Z root`, so that both keep root (Debian's tcpdump would
        /// otherwise switch to the user `tcpdump`, which cannot write into the root-owned scratch directory).
        var own: [String]
    }

    /// One capture of one flood.
    struct Run {
        var tool: String
        var mode: Mode
        var rate: Int
        var sent: Int
        var achieved: Double
        var captured: Int
        var received: Int
        var dropped: Int
        /// Records in the `-w` file, or packet lines in the printed output.
        var inOutput: Int
        /// CPU time (user + system) the tool used from its start until SIGINT, in milliseconds.
        var cpuMilliseconds: Int
        /// A problem with the output (a damaged record), empty when none.
        var note: String
    }

    enum Failure: Error, CustomStringConvertible {
        case usage(String)
        case tool(String)
        var description: String {
            switch self {
            case .usage(let text): return "\(text)\n\(Configuration.usage)"
            case .tool(let text): return text
            }
        }
    }

    static func main(_ arguments: [String]) throws {
        let configuration = try Configuration(arguments: arguments)
        guard FileManager.default.isExecutableFile(atPath: configuration.swiftdump) else {
            throw Failure.tool("no swiftdump at \(configuration.swiftdump): swift build -c release --product swiftdump")
        }
        guard FileManager.default.isExecutableFile(atPath: configuration.tcpdump) else {
            throw Failure.tool("no tcpdump at \(configuration.tcpdump)")
        }
        guard getuid() == 0 else { throw Failure.tool("capturing on lo needs root") }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lo-flood-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let tools = [
            Tool(name: "swiftdump", path: configuration.swiftdump, own: []),
            Tool(name: "tcpdump", path: configuration.tcpdump, own: ["-Z", "root"]),
        ]
        let sender = try FloodSender(port: configuration.port, payloadSize: configuration.payload)
        let options = "-i lo -B \(configuration.bufferKiB) -s \(configuration.snaplen)"
            + (configuration.extra.isEmpty ? "" : " " + configuration.extra.joined(separator: " "))
            + " udp port \(configuration.port)"
        print("lo flood: \(configuration.count) UDP datagrams of \(configuration.payload) bytes per run, "
              + "\(configuration.runs) runs per rate, tools alternating; options \(options)")
        var runs: [Run] = []
        for rate in configuration.rates {
            for mode in configuration.modes {
                for repetition in 0..<configuration.runs {
                    let order = repetition % 2 == 0 ? tools : tools.reversed()
                    for tool in order {
                        let run = try capture(
                            tool, mode: mode, rate: rate, sender: sender, configuration: configuration,
                            scratch: scratch)
                        runs.append(run)
                        print(String(
                            format: "%-9@ %-5@ rate %7@: sent %d (%.0f pps), captured %d, received %d, dropped %d, "
                                + "in output %d, CPU %d ms%@",
                            run.tool, run.mode.rawValue, rateLabel(rate), run.sent, run.achieved, run.captured,
                            run.received, run.dropped, run.inOutput, run.cpuMilliseconds,
                            run.note.isEmpty ? "" : " (\(run.note))"))
                    }
                }
            }
        }
        print()
        print(table(runs, configuration: configuration))
    }

    /// Starts `tool`, floods, stops it with SIGINT, and collects its statistics and output count.
    static func capture(
        _ tool: Tool, mode: Mode, rate: Int, sender: FloodSender, configuration: Configuration, scratch: URL
    ) throws -> Run {
        let output = scratch.appendingPathComponent("\(tool.name).\(mode.rawValue)")
        let errors = scratch.appendingPathComponent("\(tool.name).\(mode.rawValue).stderr")
        try? FileManager.default.removeItem(at: output)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool.path)
        var outputHandle: FileHandle?
        var arguments = tool.own + ["-i", "lo", "-B", "\(configuration.bufferKiB)", "-s", "\(configuration.snaplen)"]
        arguments += configuration.extra
        switch mode {
        case .write:
            arguments += ["-w", output.path]
            process.standardOutput = FileHandle.nullDevice
        case .print:
            arguments += ["-nn"]
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            outputHandle = try FileHandle(forWritingTo: output)
            process.standardOutput = outputHandle
        }
        arguments += ["udp", "port", "\(configuration.port)"]
        process.arguments = arguments
        let errorHandle = try FileHandle(forWritingTo: errors)
        process.standardError = errorHandle
        try process.run()
        defer {
            try? errorHandle.close()
            try? outputHandle?.close()
        }

        // Wait for the "listening on" line: the capture socket and its filter are in place.
        let ready = Date().addingTimeInterval(15)
        while !(text(of: errors).contains("listening on")) {
            guard process.isRunning, Date() < ready else {
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                process.waitUntilExit()
                throw Failure.tool("\(tool.name) \(arguments.joined(separator: " ")) did not start: \(text(of: errors))")
            }
            usleep(20_000)
        }
        usleep(200_000)
        let flood = sender.flood(count: configuration.count, rate: rate)
        // Let the tool drain its ring (a block is handed over after at most the 1 s buffer timeout).
        usleep(UInt32(configuration.settleSeconds * 1e6))
        let cpu = cpuMilliseconds(of: process.processIdentifier)
        kill(process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw Failure.tool("\(tool.name) did not stop on SIGINT")
        }
        process.waitUntilExit()
        let statistics = text(of: errors)
        var note = process.terminationStatus == 0 ? "" : "exit \(process.terminationStatus)"
        let inOutput: Int
        switch mode {
        case .write:
            let counted = records(in: output.path)
            inOutput = counted.count
            if let problem = counted.problem { note += (note.isEmpty ? "" : "; ") + problem }
        case .print:
            inOutput = text(of: output).split(separator: "\n").count
        }
        return Run(
            tool: tool.name, mode: mode, rate: rate, sent: flood.sent, achieved: flood.packetsPerSecond,
            captured: counter("captured", in: statistics), received: counter("received by filter", in: statistics),
            dropped: counter("dropped by kernel", in: statistics), inOutput: inOutput, cpuMilliseconds: cpu,
            note: note)
    }

    /// The records of a savefile, read with our SavefileReader, and the error that stopped the reading if any.
    static func records(in path: String) -> (count: Int, problem: String?) {
        var count = 0
        do {
            var reader = try SavefileReader(path: path)
            while try reader.next() != nil { count += 1 }
            return (count, nil)
        } catch {
            return (count, error.message)
        }
    }

    /// User + system CPU time of a running process, from /proc/PID/stat (fields 14 and 15, in clock ticks).
    static func cpuMilliseconds(of pid: Int32) -> Int {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let end = stat.lastIndex(of: ")")
        else { return -1 }
        // Fields after the command name (which may hold spaces) start at field 3.
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else { return -1 }
        return (user + system) * 1000 / max(1, sysconf(Int32(_SC_CLK_TCK)))
    }

    static func text(of url: URL) -> String {
        (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }

    /// The number before `N packet(s) <what>` in a statistics block, or -1 when it is missing.
    static func counter(_ what: String, in statistics: String) -> Int {
        for line in statistics.split(separator: "\n") {
            let words = line.split(separator: " ", maxSplits: 2)
            guard words.count == 3, words[1] == "packets" || words[1] == "packet", words[2] == what else { continue }
            return Int(words[0]) ?? -1
        }
        return -1
    }

    static func rateLabel(_ rate: Int) -> String { rate == 0 ? "max" : "\(rate / 1000)k" }

    /// The Markdown table of medians per rate, mode and tool, with the worst run in parentheses.
    static func table(_ runs: [Run], configuration: Configuration) -> String {
        var lines = [
            "| rate asked | output | tool | achieved pps | captured | dropped by kernel | in output "
                + "| lost (sent − in output) | CPU ms |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for rate in configuration.rates {
            for mode in configuration.modes {
                for tool in ["swiftdump", "tcpdump"] {
                    let group = runs.filter { $0.rate == rate && $0.mode == mode && $0.tool == tool }
                    guard !group.isEmpty else { continue }
                    /// The median, and the worst run when it differs.
                    func cell(_ key: (Run) -> Int, worstIsHigh: Bool) -> String {
                        let values = group.map(key)
                        let middle = String(format: "%.0f", median(values.map(Double.init)))
                        let worst = (worstIsHigh ? values.max() : values.min()) ?? 0
                        return "\(worst)" == middle ? middle : "\(middle) (\(worst))"
                    }
                    let output = mode == .write ? "-w file" : "-nn > file"
                    lines.append(
                        "| \(rateLabel(rate)) | \(output) | \(tool) | "
                            + String(format: "%.0f", median(group.map(\.achieved)))
                            + " | \(cell({ $0.captured }, worstIsHigh: false))"
                            + " | \(cell({ $0.dropped }, worstIsHigh: true))"
                            + " | \(cell({ $0.inOutput }, worstIsHigh: false))"
                            + " | \(cell({ $0.sent - $0.inOutput }, worstIsHigh: true))"
                            + " | \(cell({ $0.cpuMilliseconds }, worstIsHigh: true)) |")
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}
