import Capture
import Foundation
import Testing

/// Copies every fixture savefile with SavefileReader → SavefileWriter and compares the bytes and the error with
/// what `tcpdump -r X -w out` writes and prints.
@Suite("Savefile copy matches tcpdump -r X -w out")
struct SavefileCopyTests {
    /// Copies `input` to `output`; returns the packet count and the error message, if any.
    static func copy(_ input: String, to output: String, precision: TimestampPrecision) -> (Int, String?) {
        do {
            var reader = try SavefileReader(path: input, precision: precision)
            let writer = try SavefileWriter(path: output, matching: reader)
            var count = 0
            do {
                while let packet = try reader.next() {
                    writer.write(packet)
                    count += 1
                }
            } catch {
                try? writer.close()
                return (count, error.message)
            }
            try writer.close()
            return (count, nil)
        } catch {
            return (0, error.message)
        }
    }

    @Test(.enabled(if: TcpdumpRunner.path != nil, "tcpdump is not installed"))
    func damagedFilesFailLikeTcpdump() throws {
        let scratch = try makeScratchDirectory("damaged")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var compared = 0
        for (name, bytes) in DamagedSavefiles.all() {
            let input = scratch.appendingPathComponent(name)
            try bytes.write(to: input)
            let theirs = scratch.appendingPathComponent("theirs.pcap")
            let ours = scratch.appendingPathComponent("ours.pcap")
            try? FileManager.default.removeItem(at: theirs)
            try? FileManager.default.removeItem(at: ours)
            let tcpdump = try TcpdumpRunner.run(["-r", input.path, "-w", theirs.path, "-Z", "root"])
            let (count, error) = Self.copy(input.path, to: ours.path, precision: .microseconds)
            #expect(tcpdump.status != 0, "\(name): tcpdump accepted the damaged file")
            #expect(error != nil && error == tcpdump.lastError,
                    "\(name): we said \(error ?? "nothing") after \(count) packets; tcpdump said \(tcpdump.stderr)")
            #expect((try? Data(contentsOf: theirs)) == (try? Data(contentsOf: ours)), "\(name): output differs")
            compared += 1
        }
        print("damaged savefiles: \(compared) compared with tcpdump (message, exit and packets kept)")
    }

    @Test(.enabled(if: TcpdumpRunner.path != nil, "tcpdump is not installed"))
    func everyFixtureCopiesLikeTcpdump() throws {
        let fixtures = SavefileFixtures.all
        #expect(fixtures.count >= 80, "expected the corpus savefiles; found \(fixtures.count)")
        let scratch = try makeScratchDirectory("copy")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var compared = 0
        var failedOpen = 0
        var failedMidway = 0
        var skippedCompile = 0
        for file in fixtures {
            for precision in [TimestampPrecision.microseconds, .nanoseconds] {
                let theirs = scratch.appendingPathComponent("theirs.pcap")
                let ours = scratch.appendingPathComponent("ours.pcap")
                try? FileManager.default.removeItem(at: theirs)
                try? FileManager.default.removeItem(at: ours)
                var arguments = ["-r", file.path, "-w", theirs.path, "-Z", "root"]
                if precision == .nanoseconds { arguments.insert("--nano", at: 0) }
                let tcpdump = try TcpdumpRunner.run(arguments)
                let (_, error) = Self.copy(file.path, to: ours.path, precision: precision)
                let name = "\(file.lastPathComponent) \(precision)"
                if let message = tcpdump.lastError, message.hasPrefix("unknown data link type") {
                    // tcpdump fails while compiling the (empty) filter for a link type libpcap's compiler does
                    // not know; that check belongs to the filter compiler, not to copying.
                    skippedCompile += 1
                    continue
                }
                if tcpdump.status == 0 {
                    #expect(error == nil, "\(name): we failed with \(error ?? "")")
                } else {
                    #expect(error == tcpdump.lastError, "\(name): tcpdump said \(tcpdump.stderr)")
                    if FileManager.default.fileExists(atPath: theirs.path) { failedMidway += 1 } else { failedOpen += 1 }
                }
                let theirBytes = try? Data(contentsOf: theirs)
                let ourBytes = try? Data(contentsOf: ours)
                #expect(theirBytes == ourBytes, "\(name): output differs (\(theirBytes?.count ?? -1) vs \(ourBytes?.count ?? -1) bytes)")
                compared += 1
            }
        }
        print("savefile copy: \(compared) file/precision pairs compared with tcpdump; \(failedOpen) open errors and \(failedMidway) mid-file errors matched; \(skippedCompile) rejected by tcpdump's filter compiler")
    }
}
