import BPFCore
import Capture
import FilterLang
import Foundation
import TestSupport
import Testing

/// Replays the reproducers kept in `FuzzTesting/FailCases/<target>/` through the same calls the libFuzzer
/// targets in `FuzzTesting/Sources/<target>/main.swift` make, so a crash found once stays fixed. Each entry point
/// below mirrors its fuzz target (same input layout); keep them in step.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    // MARK: Entry points (mirrors of the fuzz targets)

    /// FuzzFilter: byte 0 picks the compiler, the rest is the expression. Returns whether the optimized compile
    /// produced a program the checker accepts.
    @discardableResult
    static func filterEntry(_ input: [UInt8]) -> Bool {
        guard let first = input.first else { return false }
        let compiler = filterCompilers[Int(first) % filterCompilers.count]
        let text = String(decoding: input.dropFirst(), as: UTF8.self)
        _ = try? compiler.compile(text, optimize: false)
        guard let program = try? compiler.compile(text, optimize: true), let filter = try? CompiledFilter(program)
        else { return false }
        _ = filter.run(input, wireLength: UInt32(input.count))
        return true
    }

    static let filterLinkTypes: [Int32] = [
        1, 12, 0, 108, 113, 276, 105, 127, 9, 228, 229, 6, 10, 119, 192, 143, 140, 117, 123, 122, 281, 284, 7, 129,
        163, 104, 165,
    ]
    static let filterNames = InMemoryNames(
        hosts: ["localhost": [.ipv4(0x7f00_0001), .ipv6([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])],
                "gw": [.ipv4(0x0a00_0001)]],
        ethers: ["gw": [0, 1, 2, 3, 4, 5]],
        networks: ["loopback": 127],
        services: ["http/tcp": 80, "http/udp": 80, "domain/udp": 53, "domain/tcp": 53, "ssh/tcp": 22],
        protocols: ["icmp": 1, "tcp": 6, "udp": 17, "ipv6": 41, "gre": 47])
    static let filterCompilers: [FilterCompiler] = filterLinkTypes.flatMap { raw in
        [FilterCompiler(linkType: LinkType(rawValue: raw), names: filterNames),
         FilterCompiler(linkType: LinkType(rawValue: raw), snaplen: 96, netmask: 0xffff_ff00, names: filterNames,
                        linuxVLANExtensions: true)]
    }

    /// FuzzSavefile: the input is a savefile; every packet is read and printed. Returns the packets read with
    /// microsecond precision, or nil when the file does not open.
    @discardableResult
    static func savefileEntry(_ input: [UInt8]) -> Int? {
        var firstCount: Int?
        var output = OutputBuffer()
        var printers = savefilePrinters
        for precision in [TimestampPrecision.microseconds, .nanoseconds] {
            let opened: Int? = input.withUnsafeBytes { bytes in
                guard var reader = try? SavefileReader(bytes: bytes, precision: precision) else { return nil }
                let linkType = reader.linkType
                var index = 0
                while let packet = try? reader.next() {
                    printers[index % printers.count].print(packet, linkType: linkType, into: &output)
                    index += 1
                    output.removeAll()
                }
                return index
            }
            guard let opened else { return nil }
            if firstCount == nil { firstCount = opened }
        }
        return firstCount
    }

    static var savefilePrinters: [PacketPrinter] {
        [0, 1, 2].map { verbose in
            var options = PrintOptions()
            options.numeric = 1  // -n: no resolver lookups (they can block on DNS)
            options.numeric = 1  // -n: no resolver lookups (they can block on DNS)
    options.verbose = verbose
            options.linkHeader = verbose != 1
            options.hexAndASCII = verbose == 2 ? 1 : 0
            return PacketPrinter(options: options)
        }
    }

    /// FuzzPrinters (the decoders/printers target): byte 0 link type, byte 1 option set, bytes 2-3 extra wire
    /// length, the rest is the packet. Returns the number of output bytes.
    @discardableResult
    static func printersEntry(_ input: [UInt8]) -> Int {
        guard input.count >= 4 else { return 0 }
        let linkTypes: [LinkType] = [.en10mb, .raw, .null, .loop, .linuxSLL, .linuxSLL2, .ipv4, .ipv6]
        var sets: [PrintOptions] = []
        for v in 0...3 {
            for e in [false, true] {
                var o = PrintOptions()
                o.numeric = 1  // -n: no resolver lookups (they can block on DNS)
            o.verbose = v
                o.linkHeader = e
                o.hex = v == 1 ? 1 : 0
                o.hexAndASCII = v == 2 ? 2 : 0
                o.quiet = v == 3 && e ? 1 : 0
                sets.append(o)
            }
        }
        var printer = PacketPrinter(options: sets[Int(input[1]) % sets.count])
        let linkType = linkTypes[Int(input[0]) % linkTypes.count]
        let extra = UInt32(input[2]) << 8 | UInt32(input[3])
        var output = OutputBuffer()
        input.withUnsafeBytes { raw in
            let packet = UnsafeRawBufferPointer(rebasing: raw[4...])
            let header = PacketHeader(
                timestamp: Timestamp(seconds: 1_700_000_000, nanoseconds: 0),
                captureLength: UInt32(packet.count), wireLength: UInt32(packet.count) + extra)
            printer.print(header, packet, linkType: linkType, into: &output)
        }
        return output.count
    }

    /// FuzzCBPF: byte 0 = instruction count (0...63), then 8-byte sock_filter records, the rest is the packet.
    /// Returns whether the checker accepted the program.
    @discardableResult
    static func cbpfEntry(_ input: [UInt8]) -> Bool {
        guard let first = input.first else { return false }
        let count = min(Int(first) & 63, (input.count - 1) / 8)
        var instructions: [Instruction] = []
        for i in 0..<count {
            let p = 1 + i * 8
            let code = UInt16(input[p]) | UInt16(input[p + 1]) << 8
            let k = UInt32(input[p + 4]) | UInt32(input[p + 5]) << 8 | UInt32(input[p + 6]) << 16
                | UInt32(input[p + 7]) << 24
            instructions.append(Instruction(code: code, jt: input[p + 2], jf: input[p + 3], k: k))
        }
        let program = Program(instructions)
        let packet = Array(input[(1 + count * 8)...])
        _ = try? KernelValidator.check(program)
        _ = try? KernelValidator.check(program, conversionLimits: false)
        var accepted = false
        if let filter = try? CompiledFilter(program) {
            accepted = true
            _ = filter.run(packet, wireLength: UInt32(packet.count))
            _ = filter.run(packet, wireLength: UInt32(packet.count) &+ 1000)
        }
        for format in DumpFormat.allCases { _ = try? Program(parsing: program.dump(format)) }
        _ = try? Program(parsing: String(decoding: packet, as: UTF8.self))
        return accepted
    }

    // MARK: Replays

    static let targets = ["FuzzFilter", "FuzzSavefile", "FuzzPrinters", "FuzzCBPF"]
    static let failCases = Corpus.repositoryRoot.appendingPathComponent("FuzzTesting/FailCases")

    static func run(_ target: String, _ input: [UInt8]) {
        switch target {
        case "FuzzFilter": filterEntry(input)
        case "FuzzSavefile": savefileEntry(input)
        case "FuzzPrinters": printersEntry(input)
        default: cbpfEntry(input)
        }
    }

    @Test("every FailCases reproducer runs through its entry point without trapping", arguments: targets)
    func replayFailCases(target: String) throws {
        let folder = Self.failCases.appendingPathComponent(target)
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) && isDirectory.boolValue,
                "missing \(folder.path)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0 != ".keep" }.sorted()
        if files.isEmpty { print("FuzzRegressionTests: no reproducers for \(target) yet (no crash found)") }
        for name in files {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
            Self.run(target, bytes)
        }
    }

    /// The mirrors really reach the code under test: known-good inputs get through, so a replay that silently
    /// bails out early would be noticed.
    @Test("entry points exercise the compiler, reader, printers and checker")
    func entryPointsReachTheirCode() throws {
        #expect(Self.filterEntry([0] + Array("tcp port 80 and host 10.0.0.1".utf8)))
        #expect(!Self.filterEntry([0] + Array("tcp port".utf8)))
        #expect(Self.filterEntry([2] + Array("ip".utf8)))  // RAW
        let pcap = try [UInt8](Data(contentsOf: Corpus.pcap("eth-ipv4-tcp.pcap")))
        let packets = Self.savefileEntry(pcap)
        #expect((packets ?? 0) > 0)
        // Every prefix of a savefile opens or is refused, and never delivers more packets than the whole file.
        for length in stride(from: 0, to: min(pcap.count, 600), by: 7) {
            if let n = Self.savefileEntry(Array(pcap[..<length])) { #expect(n <= packets ?? 0) }
        }
        #expect(Self.printersEntry([0, 0, 0, 0] + [UInt8](repeating: 0xff, count: 6) + [UInt8](repeating: 0, count: 40)) > 0)
        // ret #262144: one instruction, accepted.
        #expect(Self.cbpfEntry([1, 0x06, 0, 0, 0, 0x00, 0x00, 0x04, 0x00]))
        // An unknown opcode is refused.
        #expect(!Self.cbpfEntry([1, 0xff, 0xff, 0, 0, 0, 0, 0, 0]))
    }
}
