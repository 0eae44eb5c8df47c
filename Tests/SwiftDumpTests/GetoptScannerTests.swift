import Testing
@testable import swiftdump

/// The getopt_long-compatible scanner: tcpdump's spellings produce the same options and operands.
@Suite("GetoptScanner")
struct GetoptScannerTests {
    private func scan(_ words: [String], posix: Bool = false) -> GetoptScanner.Result {
        var scanner = GetoptScanner(options: OptionTable.tcpdump)
        scanner.stopAtFirstOperand = posix
        return scanner.scan(words)
    }

    private func ids(_ result: GetoptScanner.Result) -> [OptionID] { result.items.map(\.id) }

    @Test func groupedFlags() {
        let r = scan(["-nnvvX"])
        #expect(ids(r) == [.numeric, .numeric, .verbose, .verbose, .hexAndASCII])
        #expect(r.error == nil && r.operands.isEmpty)
    }

    @Test func groupEndingInValueOption() {
        #expect(scan(["-nnc5"]).items == [.init(id: .numeric), .init(id: .numeric), .init(id: .count, value: "5")])
        #expect(scan(["-nnc", "5"]).items.last == .init(id: .count, value: "5"))
        // The rest of the word is the value, even if it looks like flags.
        #expect(scan(["-cnn"]).items == [.init(id: .count, value: "nn")])
    }

    @Test func attachedAndSeparateValues() {
        #expect(scan(["-c5"]).items == [.init(id: .count, value: "5")])
        #expect(scan(["-c", "5"]).items == [.init(id: .count, value: "5")])
        #expect(scan(["-ilo"]).items == [.init(id: .interface, value: "lo")])
        #expect(scan(["-i", "lo"]).items == [.init(id: .interface, value: "lo")])
        // A separate value may start with a dash.
        #expect(scan(["-c", "-5"]).items == [.init(id: .count, value: "-5")])
    }

    @Test func longOptions() {
        #expect(scan(["--interface=lo"]).items == [.init(id: .interface, value: "lo")])
        #expect(scan(["--interface", "lo"]).items == [.init(id: .interface, value: "lo")])
        #expect(scan(["--interface="]).items == [.init(id: .interface, value: "")])
        #expect(ids(scan(["--vers"])) == [.version])
        #expect(ids(scan(["--nu"])) == [.number])
        #expect(ids(scan(["--count"])) == [.countOnly])
        #expect(scan(["--ebpf-flavor=loadable", "--ebpf"]).items
            == [.init(id: .ebpfFlavor, value: "loadable"), .init(id: .ebpf)])
    }

    @Test func longOptionErrors() {
        #expect(scan(["--foo"]).error == .unrecognizedOption("--foo"))
        #expect(scan(["--foo=bar"]).error?.message == "unrecognized option '--foo=bar'")
        #expect(scan(["--n"]).error?.message
            == "option '--n' is ambiguous; possibilities: '--nano' '--no-optimize' '--no-promiscuous-mode' '--number'")
        #expect(scan(["--list"]).error?.message == "option '--list' is ambiguous; possibilities:"
            + " '--list-interfaces' '--list-time-stamp-types' '--list-data-link-types'")
        #expect(scan(["--num=3"]).error?.message == "option '--number' doesn't allow an argument")
        #expect(scan(["--interface"]).error?.message == "option '--interface' requires an argument")
        #expect(scan(["--inter"]).error?.message == "option '--interface' requires an argument")
    }

    @Test func shortOptionErrors() {
        #expect(scan(["-k"]).error?.message == "invalid option -- 'k'")
        #expect(scan(["-nk"]).error == .invalidOption("k"))
        #expect(scan(["-nk"]).items == [.init(id: .numeric)])
        #expect(scan(["-c"]).error?.message == "option requires an argument -- 'c'")
        // Options before the error are kept, so that their own checks run first (as tcpdump's do).
        #expect(scan(["-c", "0", "-k"]).items == [.init(id: .count, value: "0")])
    }

    @Test func permutationAndDoubleDash() {
        let r = scan(["tcp", "port", "-n", "80", "-c", "3"])
        #expect(r.operands == ["tcp", "port", "80"])
        #expect(r.items == [.init(id: .numeric), .init(id: .count, value: "3")])
        #expect(scan(["-d", "--", "-c"]).operands == ["-c"])
        #expect(scan(["-d", "ip", "--", "tcp"]).operands == ["ip", "tcp"])
        #expect(scan(["-"]).operands == ["-"])
        let posix = scan(["ip", "-n"], posix: true)
        #expect(posix.operands == ["ip", "-n"] && posix.items.isEmpty)
    }

    @Test func everyTcpdumpShortOptionIsKnown() {
        // tcpdump 4.99.3's getopt string as Debian builds it.
        let letters = "aAbB:c:C:dDeE:fF:G:hHi:Ij:JKlLm:M:nNOpqQ:r:s:StT:uUvV:w:W:xXy:Yz:Z:#"
        var chars = Array(letters)
        var index = 0
        while index < chars.count {
            let letter = chars[index]
            let takesValue = index + 1 < chars.count && chars[index + 1] == ":"
            let spec = OptionTable.tcpdump.first { $0.short == letter }
            #expect(spec != nil, "missing -\(letter)")
            #expect(spec?.argument == (takesValue ? .required : ArgumentRequirement.none), "-\(letter)")
            index += takesValue ? 2 : 1
        }
        chars.removeAll()
    }
}

/// Option values are checked as tcpdump 4.99.3 checks them, with its messages.
@Suite("OptionParser")
struct OptionParserTests {
    private func failure(_ words: [String]) -> String? {
        if case .finish(let t) = OptionParser.parse(words), t.status == 1 {
            return t.stderr.split(separator: "\n").first.map(String.init)
        }
        return nil
    }

    private func options(_ words: [String]) -> Options? {
        if case .run(let o) = OptionParser.parse(words) { return o }
        return nil
    }

    @Test func countAndSnaplen() {
        #expect(failure(["-c", "0"]) == "swiftdump: invalid packet count 0")
        #expect(failure(["-c", "abc"]) == "swiftdump: invalid packet count abc")
        #expect(failure(["-c", "-5"]) == "swiftdump: invalid packet count -5")
        #expect(options(["-c", "5x"])?.count == 5)  // atoi, as tcpdump
        #expect(options(["-c", "99999999999"])?.count == 1_215_752_191)  // atoi truncation, as tcpdump
        #expect(failure(["-s", "999999"]) == "swiftdump: invalid snaplen 999999 (must be >= 0 and <= 262144)")
        #expect(failure(["-s", "-1"]) == "swiftdump: invalid snaplen -1 (must be >= 0 and <= 262144)")
        #expect(failure(["-s", "12x"]) == "swiftdump: invalid snaplen 12x (must be >= 0 and <= 262144)")
        #expect(options(["-s", "0x100"])?.snaplen == 256)
        #expect(options(["-s", "0"])?.effectiveSnaplen == 262_144)
    }

    @Test func otherValues() {
        #expect(failure(["-y", "FOO"]) == "swiftdump: invalid data link type FOO")
        #expect(options(["-y", "en10mb"])?.linkType?.type.rawValue == 1)
        #expect(failure(["-B", "0"]) == "swiftdump: invalid packet buffer size 0")
        #expect(failure(["-Q", "foo"]) == "swiftdump: unknown capture direction `foo'")
        #expect(failure(["--time-stamp-precision=foo"]) == "swiftdump: unsupported time stamp precision")
        #expect(failure(["-tttttt"]) == "swiftdump: only -t, -tt, -ttt, -tttt and -ttttt are supported")
        #expect(failure(["-C", "0"]) == "swiftdump: invalid file size 0")
        #expect(failure(["-W", "0"]) == "swiftdump: invalid number of output files 0")
        #expect(failure(["-G", "-1"]) == "swiftdump: invalid number of seconds -1")
        #expect(failure(["-T", "foo"]) == "swiftdump: unknown packet type `foo'")
        #expect(failure(["-j", "foo"]) == "swiftdump: invalid time stamp type foo")
        #expect(failure(["-f", "-r", "x"]) == "swiftdump: -f can not be used with -V or -r")
        #expect(failure(["--ebpf-flavor", "x"]) == "swiftdump: invalid eBPF flavor x (must be kernel or loadable)")
    }

    @Test func firstErrorWins() {
        #expect(failure(["-c", "0", "-k"]) == "swiftdump: invalid packet count 0")
        #expect(failure(["-k", "-c", "0"]) == "swiftdump: invalid option -- 'k'")
    }

    @Test func expressionAndPrintOptions() {
        let o = options(["-nnvvX", "-ttt", "tcp", "port", "80", "-e", "--nano", "-#"])
        #expect(o?.commandLineExpression == "tcp port 80")
        #expect(o?.print.numeric == 2 && o?.print.verbose == 2 && o?.print.hexAndASCII == 1)
        #expect(o?.print.linkHeader == true && o?.print.nanosecondPrecision == true && o?.print.numbered == true)
        #expect(o?.print.timestamps == .deltaPrevious)
        #expect(options(["-dddd", "-O"])?.dumpLevel == 4)
        #expect(options(["-dddd", "-O"])?.optimize == false)
    }

    @Test func helpAndVersionGoToStdout() {
        guard case .finish(let help) = OptionParser.parse(["-h", "-k"]) else {
            Issue.record("-h did not finish")
            return
        }
        #expect(help.status == 0 && help.stdout.contains("Usage: swiftdump") && help.stderr.isEmpty)
        #expect(help.stdout.contains("pending"))
        guard case .finish(let version) = OptionParser.parse(["--version"]) else {
            Issue.record("--version did not finish")
            return
        }
        #expect(version.status == 0 && version.stdout.hasPrefix("swiftdump version "))
    }

    @Test func unknownOptionPrintsUsage() {
        guard case .finish(let t) = OptionParser.parse(["-k"]) else {
            Issue.record("-k did not finish")
            return
        }
        #expect(t.status == 1 && t.stdout.isEmpty && t.stderr.contains("Usage: swiftdump"))
    }
}

@Suite("CNumber")
struct CNumberTests {
    @Test func strtolLikeC() {
        #expect(CNumber.strtol("  42", base: 10).value == 42)
        #expect(CNumber.strtol("010", base: 0).value == 8)
        #expect(CNumber.strtol("0x1f", base: 0).value == 31)
        #expect(CNumber.strtol("0x", base: 0).consumedAll == false)
        #expect(CNumber.strtol("99999999999999999999", base: 10).overflow)
        #expect(CNumber.strtol("-9223372036854775808", base: 10).value == Int64.min)
        #expect(CNumber.atoi("abc") == 0)
        #expect(CNumber.atoi("99999999999999999999") == -1)
    }
}
