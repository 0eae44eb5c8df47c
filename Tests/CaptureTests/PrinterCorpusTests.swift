import Capture
import Foundation
import Testing
import TestSupport

/// tcpdump's own printer tests (the corpus subset), compared with the local tcpdump 4.99.3 line by line.
@Suite("Printer: tcpdump corpus")
struct PrinterCorpusTests {
    struct Case {
        var name: String
        var pcap: String
        var options: [String]
    }

    static func cases() -> [Case] {
        guard let text = Corpus.text("tcpdump/index.tsv") else { return [] }
        var result: [Case] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 4 else { continue }
            let opts = f[2] == "(none)" ? [] : f[2].split(separator: " ").map(String.init).filter { $0 != "SPECIAL_t" }
            result.append(Case(name: f[1], pcap: f[3], options: opts))
        }
        return result
    }

    /// Cases that print exactly like tcpdump today; any regression fails the test.
    static let identical: Set<String> = [
        "802.1ad_QinQ", "802.1ad_QinQv", "LINKTYPE_IPV6-e", "LINKTYPE_RAW_ipv4", "LINKTYPE_RAW_ipv4-e", "arp-oobr",
        "arp-too-long-tha", "dns-badlabel", "dns_tcp", "dns_tcp-v", "dns_udp", "dns_udp-v", "dns_udp-vv",
        "dns_udp-vvv", "e1000g", "edns-opts", "edns-opts-v", "empty-pcap", "empty-pcapng", "icmp-cksum-oobr-1",
        "icmp-icmp_print-oobr-1", "icmp-length-zero", "icmpv6", "icmpv6-length-zero", "icmpv6-ns-nonce-v0",
        "icmpv6-ns-nonce-v1", "icmpv6-ra-pref64-v1", "ip6_frag_asan", "ip6_frag_asan-v", "ip_printroute_asan",
        "ip_ts_opts_asan", "ipv4_invalid_hdr_length", "ipv4_invalid_length", "ipv4_invalid_total_length",
        "ipv4_tcp_http_xml", "ipv6-bad-version", "ipv6-routing-header", "ipv6-too-long-jumbo", "print-A",
        "print-AA", "print-X", "print-XX", "print-x", "print-xx", "qinq", "qinqv", "tcp-handshake-micro", "tcp-handshake-micro-t",
        "tcp-handshake-micro-tt", "tcp-handshake-micro-ttt", "tcp-handshake-micro-tttt",
        "tcp-handshake-micro-ttttt", "tcp-handshake-nano", "tcp-handshake-nano-tttt",
        "tcp_eight_lowest_weight_flags_set", "tcp_header_heapoverflow", "tcp_rst_data", "tcp_rst_data-trunc",
        "tcp_rst_data-trunc-v", "tcp_rst_data-v", "udp-length-heapoverflow",
    ]

    @Test func corpusMatchesLocalTcpdump() throws {
        guard GoldenRun.tcpdumpPath != nil else {
            print("SKIP corpusMatchesLocalTcpdump: no tcpdump binary on this machine")
            return
        }
        let all = Self.cases()
        guard !all.isEmpty else {
            print("SKIP corpusMatchesLocalTcpdump: ../shared/corpus/tcpdump/index.tsv not found")
            return
        }
        var totalSame = 0
        var totalLines = 0
        var fullyIdentical: [String] = []
        for c in all {
            let url = Corpus.url("tcpdump/" + c.pcap)
            guard let want = GoldenRun.tcpdump(url, c.options), let got = GoldenRun.ours(url, c.options) else {
                print("printer corpus \(c.name): could not read \(c.pcap)")
                continue
            }
            let r = GoldenRun.compare(want, got)
            totalSame += r.same
            totalLines += r.total
            print("printer corpus \(c.name) [\(c.options.joined(separator: " "))]: \(r.same)/\(r.total) lines identical")
            if let d = r.firstDiff, ProcessInfo.processInfo.environment["PRINTER_DIFFS"] != nil { print(d) }
            if r.same == r.total { fullyIdentical.append(c.name) }
            if Self.identical.contains(c.name) {
                #expect(r.same == r.total, "\(c.name) regressed: \(r.firstDiff ?? "")")
            }
        }
        print("printer corpus: \(totalSame)/\(totalLines) lines identical; fully identical cases: \(fullyIdentical.count)/\(all.count)")
        print("printer corpus identical set: \(fullyIdentical.sorted())")
    }
}
