import Foundation
import FuzzEntries
import TestSupport
import Testing

/// Replays the reproducers kept in `FuzzTesting/FailCases/<target>/` through the entry functions the libFuzzer
/// targets wrap (`FuzzEntries`, in FuzzTesting/Entries), so a crash found once stays fixed.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
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

    static let filter = FilterFuzzEntry()

    @discardableResult
    static func filterEntry(_ input: [UInt8]) -> Bool { input.withUnsafeBytes { filter.run($0) } }

    @discardableResult
    static func savefileEntry(_ input: [UInt8]) -> Int? {
        var entry = SavefileFuzzEntry()
        return input.withUnsafeBytes { entry.run($0) }
    }

    @discardableResult
    static func printersEntry(_ input: [UInt8]) -> Int {
        var entry = PrintersFuzzEntry()
        return input.withUnsafeBytes { entry.run($0) }
    }

    @discardableResult
    static func cbpfEntry(_ input: [UInt8]) -> Bool { input.withUnsafeBytes { CBPFFuzzEntry.run($0) } }

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

    /// The entries really reach the code under test: known-good inputs get through, so a replay that silently
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
