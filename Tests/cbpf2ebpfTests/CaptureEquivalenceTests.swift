import BPFCore
import Foundation
import PcapOracle
import Testing
import TestSupport
import cbpf2ebpf

/// For the public corpus's EN10MB expressions: the loadable translation of libpcap's program is accepted by
/// the verifier (SOCKET_FILTER and SCHED_CLS) and returns what the classic program returns on every frame of
/// the project's Ethernet captures, through BPF_PROG_TEST_RUN (SCHED_CLS, data at L2) and the eBPF
/// interpreter (both flavours).
struct CaptureEquivalenceTests {
    static func expressions() -> [String] {
        guard let text = Corpus.text("libpcap/exprs.tsv") else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            return fields.count == 2 && fields[1] == "EN10MB" ? String(fields[0]) : nil
        }
    }

    /// Every EN10MB program of the corpus's libpcap 1.10.3 goldens (`tcpdump -y EN10MB -d` and `-O -d`),
    /// optimised and unoptimised (the latter keeps dead code).
    static let corpusPrograms: [(expr: String, optimized: Bool, program: Program)] =
        (try? GoldenPrograms.programs(dlt: "EN10MB")) ?? []

    /// Runs `tcpdump -y EN10MB -ddd EXPR` and reads its program (nil if tcpdump is missing or refuses).
    static func tcpdumpProgram(_ expr: String) -> Program? {
        guard let output = try? Tcpdump.run(["-y", "EN10MB", "-ddd", expr]), output.status == 0 else { return nil }
        return try? Program(parsing: output.stdoutText)
    }

    /// The goldens read back equal what the local tcpdump and libpcap compile (for expressions that need
    /// no host names).
    @Test func goldenProgramsEqualTcpdumpAndLibpcap() throws {
        let golden = Dictionary(Self.corpusPrograms.filter(\.optimized).map { ($0.expr, $0.program) }, uniquingKeysWith: { a, _ in a })
        var compared = 0
        for (expr, program) in golden.sorted(by: { $0.key < $1.key }) {
            guard case .success(let viaLibpcap) = PcapOracle.compile(expr, linkType: .en10mb, optimize: true),
                  !expr.contains("libpcap.test") else { continue }
            #expect(viaLibpcap == program, "\(expr)")
            compared += 1
            if compared == 150 { break }
        }
        #expect(compared == 150)
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tcpdump") else {
            print("skipping the tcpdump comparison: /usr/bin/tcpdump is not installed")
            return
        }
        for expr in ["tcp", "udp port 53", "ip6 and tcp", "vlan and arp", "ether host 1:2:3:4:5:6"] {
            let viaTcpdump = try #require(Self.tcpdumpProgram(expr), "tcpdump -ddd \(expr)")
            let viaLibpcap = try PcapOracle.compile(expr, linkType: .en10mb, optimize: true).get()
            #expect(viaTcpdump == viaLibpcap, "\(expr)")
            #expect(golden[expr] == nil || golden[expr] == viaTcpdump, "\(expr)")
        }
    }

    @Test func loadableTranslationsAgreeWithClassicOnCaptures() throws {
        let expressions = Self.expressions()
        let frames = EthernetCaptures.load()
        #expect(expressions.count > 500)
        #expect(frames.count > 300)
        let kernelReason = KernelBridge.unavailabilityReason()
        if let kernelReason { print("captures: skipping verifier and BPF_PROG_TEST_RUN checks: \(kernelReason)") }

        var compiled = 0, refusedByKernelChecker = 0, translated = 0, withAncillary = 0
        var accepted = [KernelProgramType: Int](), loadAttempts = 0
        var kernelAgree = 0, kernelRuns = 0, testRunRefused = 0
        var interpreterAgree = 0, interpreterRuns = 0
        for (expr, _, program) in Self.corpusPrograms {
            compiled += 1
            do {
                try KernelValidator.check(program)
            } catch {
                refusedByKernelChecker += 1  // libpcap would filter these in user space (e.g. protochain)
                continue
            }
            let loadable: EBPFProgram, kernel: EBPFProgram
            do {
                loadable = try EBPFTranslator(flavor: .loadable).translate(program)
                kernel = try EBPFTranslator(flavor: .kernel).translate(program)
            } catch {
                Issue.record("\(expr): \(error)")
                continue
            }
            translated += 1
            // The classic program run as Linux runs it (BPFCore's interpreter with the kernel context a
            // SCHED_CLS test run has); libpcap's bpf_filter must agree unless the program reads ancillary
            // data, which only the kernel has (e.g. `inbound` reads pkt_type).
            let classic = try KernelFilter(program)
            let readsAncillary = program.instructions.contains {
                $0.instructionClass == BPF.ld && $0.mode == BPF.abs && $0.k >= Ancillary.base
            }
            let classicResults = frames.map {
                classic.run($0, context: SocketBuffer.schedClassifierTestRun(frame: $0).context)
            }
            if !readsAncillary {
                let libpcap = frames.map { PcapOracle.filter(program, packet: $0, wireLength: UInt32($0.count)) }
                #expect(libpcap == classicResults, "\(expr): libpcap's bpf_filter and the kernel-semantics interpreter differ")
            } else {
                withAncillary += 1
            }
            let loadableVM = EBPFInterpreter(program: loadable), kernelVM = EBPFInterpreter(program: kernel)
            var mismatches = 0
            for (frame, expected) in zip(frames, classicResults) {
                let skb = SocketBuffer.schedClassifierTestRun(frame: frame)
                interpreterRuns += 1
                do {
                    let l = try loadableVM.run(skb), k = try kernelVM.run(skb)
                    if l == expected && k == expected {
                        interpreterAgree += 1
                    } else if mismatches < 3 {
                        mismatches += 1
                        Issue.record("\(expr): interpreter loadable \(l) kernel \(k), classic \(expected) on a \(frame.count)-byte frame")
                    }
                } catch {
                    Issue.record("\(expr): \(error)")
                }
            }
            guard kernelReason == nil else { continue }
            loadAttempts += 1
            var classifier: LoadedProgram?
            for type in [KernelProgramType.socketFilter, .schedClassifier] {
                do {
                    let loaded = try KernelBridge.load(loadable, as: type)
                    accepted[type, default: 0] += 1
                    if type == .schedClassifier { classifier = loaded }
                } catch {
                    Issue.record("\(expr): verifier refused the loadable translation as \(type): \(error)")
                }
            }
            guard let classifier else { continue }
            mismatches = 0
            for (frame, expected) in zip(frames, classicResults) {
                do {
                    let r = try classifier.testRun(packet: frame)
                    kernelRuns += 1
                    if r == expected {
                        kernelAgree += 1
                    } else if mismatches < 3 {
                        mismatches += 1
                        Issue.record("\(expr): BPF_PROG_TEST_RUN \(r), classic \(expected) on a \(frame.count)-byte frame")
                    }
                } catch {
                    testRunRefused += 1
                }
            }
        }
        print("captures: \(expressions.count) EN10MB expressions x (optimised, unoptimised), \(compiled) programs in libpcap's goldens, \(refusedByKernelChecker) refused by the kernel's classic checker, \(translated) translated (\(withAncillary) read ancillary data); \(frames.count) frames")
        print("captures: eBPF interpreter (both flavours) agreed with classic on \(interpreterAgree)/\(interpreterRuns) runs")
        if kernelReason == nil {
            print("captures: verifier accepted \(accepted[.socketFilter] ?? 0)/\(loadAttempts) as SOCKET_FILTER, \(accepted[.schedClassifier] ?? 0)/\(loadAttempts) as SCHED_CLS")
            print("captures: BPF_PROG_TEST_RUN (SCHED_CLS) agreed with classic on \(kernelAgree)/\(kernelRuns) runs; \(testRunRefused) runs refused by test_run (frame rules)")
            #expect(accepted[.socketFilter] == loadAttempts && accepted[.schedClassifier] == loadAttempts)
            #expect(kernelAgree == kernelRuns)
        }
        #expect(interpreterAgree == interpreterRuns)
    }
}
