import BPFCore
import Foundation
import PcapOracle
import TestSupport
import Testing

/// ``CompiledFilter`` against libpcap's `bpf_filter` over the corpus captures, with every corpus expression
/// compiled (by libpcap, optimised and not) for each capture's link type.
@Suite struct SavefileGoldenTests {
    /// (expression, DLT name) from exprs.tsv, without those naming `*.libpcap.test` hosts (libpcap would look
    /// them up in the DNS, which only times out here).
    static func expressions() -> [(expr: String, dlt: String)] {
        guard let text = Corpus.text("libpcap/exprs.tsv") else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, !fields[0].lowercased().contains("libpcap.test") else { return nil }
            return (String(fields[0]), String(fields[1]))
        }
    }

    static func captureFiles() -> [URL] {
        var files: [URL] = []
        for folder in [Corpus.url("libpcap/savefiles"), Corpus.repositoryRoot.appendingPathComponent("pcaps")] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            files += names.sorted().filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }
                .map { folder.appendingPathComponent($0) }
        }
        return files
    }

    @Test func interpreterAgreesWithLibpcapOverCaptures() throws {
        let expressions = Self.expressions()
        let files = Self.captureFiles()
        guard !expressions.isEmpty, !files.isEmpty else {
            print("skipping: corpus expressions or captures missing")
            return
        }
        var programs = 0
        var runs = 0
        var accepted = 0
        var unreadable: [String] = []
        var mismatches: [String] = []
        for file in files {
            guard case .success(let savefile) = PcapOracle.savefile(file.path), !savefile.packets.isEmpty else {
                unreadable.append(file.lastPathComponent)
                continue
            }
            guard let dlt = savefile.linkType.name else { continue }
            for entry in expressions where entry.dlt == dlt {
                for optimize in [true, false] {
                    guard case .success(let program) = PcapOracle.compile(
                        entry.expr, linkType: savefile.linkType, optimize: optimize, snaplen: savefile.snaplen)
                    else { continue }
                    let filter = try CompiledFilter(program)
                    programs += 1
                    for packet in savefile.packets {
                        let ours = filter.run(packet.bytes, wireLength: packet.wireLength)
                        let theirs = PcapOracle.filter(program, packet: packet.bytes, wireLength: packet.wireLength)
                        runs += 1
                        if theirs != 0 { accepted += 1 }
                        if ours != theirs && mismatches.count < 10 {
                            mismatches.append("\(file.lastPathComponent) \"\(entry.expr)\" optimize=\(optimize): ours \(ours), libpcap \(theirs)")
                        }
                    }
                }
            }
        }
        print("savefile golden: \(files.count) captures (\(unreadable.count) unreadable by libpcap too), \(programs) programs, \(runs) runs, \(accepted) accepted, \(mismatches.count) mismatches")
        #expect(programs > 500)
        #expect(accepted > 1000)
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }
}
