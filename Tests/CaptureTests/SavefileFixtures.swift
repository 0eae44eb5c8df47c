import Foundation
import TestSupport

/// The savefiles the capture tests run over: libpcap's filter-test captures, tcpdump's printer-test captures and
/// the project's own `pcaps/`.
enum SavefileFixtures {
    static func files(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }.sorted()
            .map { directory.appendingPathComponent($0) }
    }

    static var libpcap: [URL] { files(in: Corpus.url("libpcap/savefiles")) }
    static var tcpdump: [URL] { files(in: Corpus.url("tcpdump/pcaps")) }
    static var project: [URL] { files(in: Corpus.repositoryRoot.appendingPathComponent("pcaps")) }
    static var all: [URL] { libpcap + tcpdump + project }
}
