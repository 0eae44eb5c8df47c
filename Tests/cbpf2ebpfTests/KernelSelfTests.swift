import BPFCore
import Testing
import cbpf2ebpf

/// All 134 classic programs of Linux's lib/test_bpf.c: the verdicts, then the results of the classic
/// interpreter, the eBPF interpreter over both flavours and, where the kernel allows, BPF_PROG_TEST_RUN.
struct KernelSelfTests {
    /// Ancillary loads whose values in a SCHED_CLS test run differ from lib/test_bpf.c's socket buffer.
    static let contextDependent: Set<UInt32> = Set(Ancillary.allCases.filter { $0 != .aluXorX }.map(\.k))

    static func usesContext(_ program: Program) -> Bool {
        program.instructions.contains { insn in
            insn.instructionClass == BPF.ld && insn.mode == BPF.abs && contextDependent.contains(insn.k)
        }
    }

    static func socketBuffer(_ test: KernelTestCase, size: Int) -> SocketBuffer {
        if test.flags.no_data { return SocketBuffer(head: [], context: KernelContext()) }
        return .kernelSelfTest(data: test.data, size: size, fragment: test.flags.skb_frag ? (test.frag_data ?? []) : [])
    }

    @Test func allCasesThroughBothFlavoursAndTheKernel() throws {
        let cases = try KernelTestCase.load()
        #expect(cases.count == 134)
        let kernelReason = KernelBridge.unavailabilityReason()
        if let kernelReason { print("test_bpf: skipping BPF_PROG_TEST_RUN: \(kernelReason)") }

        var passing = 0
        var loadableUntranslatable: [String] = []
        var verifierAccepted = 0, verifierTotal = 0
        var testRunAgree = 0, testRunTotal = 0, testRunRefused = 0
        for test in cases {
            var ok = true
            let program = test.program
            if test.flags.expected_fail {
                do {
                    _ = try EBPFTranslator(flavor: .kernel).translate(program)
                    Issue.record("\(test): expected EINVAL, the kernel flavour translated it")
                    ok = false
                } catch {}
                if ok { passing += 1 }
                continue
            }
            let kernel: EBPFProgram
            do {
                kernel = try EBPFTranslator(flavor: .kernel).translate(program)
            } catch {
                Issue.record("\(test): kernel flavour refused: \(error)")
                continue
            }
            var loadable: EBPFProgram?
            do {
                loadable = try EBPFTranslator(flavor: .loadable).translate(program)
            } catch {
                if case .unsupportedAncillary = error {
                    loadableUntranslatable.append(test.name)
                } else {
                    Issue.record("\(test): loadable flavour refused: \(error)")
                    ok = false
                }
            }
            let classic = try KernelFilter(program)
            let kernelVM = EBPFInterpreter(program: kernel)
            let loadableVM = loadable.map(EBPFInterpreter.init(program:))
            let randomOrCPU = program.instructions.contains {
                $0.k == Ancillary.random.k || $0.k == Ancillary.cpu.k
            }
            for run in test.runs {
                let skb = Self.socketBuffer(test, size: run.size)
                let classicResult = test.flags.no_data
                    ? classic.runWithoutData(context: skb.context)
                    : classic.run(skb.linear, fragment: skb.fragment, context: skb.context)
                if classicResult != run.result && !randomOrCPU {
                    Issue.record("\(test) size \(run.size): classic interpreter \(classicResult), expected \(run.result)")
                    ok = false
                }
                do {
                    let r = try kernelVM.run(skb)
                    if r != run.result {
                        Issue.record("\(test) size \(run.size): kernel flavour \(r), expected \(run.result)")
                        ok = false
                    }
                    if let loadableVM {
                        let l = try loadableVM.run(skb)
                        if l != run.result {
                            Issue.record("\(test) size \(run.size): loadable flavour \(l), expected \(run.result)")
                            ok = false
                        }
                    }
                } catch {
                    Issue.record("\(test) size \(run.size): \(error)")
                    ok = false
                }
            }
            if let loadable, kernelReason == nil {
                verifierTotal += 1
                do {
                    let loaded = try KernelBridge.load(loadable, as: .schedClassifier)
                    verifierAccepted += 1
                    let runnable = !test.flags.skb_frag && !test.flags.no_data && !Self.usesContext(program)
                    for run in test.runs where runnable && run.size >= 14 {
                        let frame = Array(test.data.prefix(run.size))
                        do {
                            let r = try loaded.testRun(packet: frame)
                            testRunTotal += 1
                            if r == run.result {
                                testRunAgree += 1
                            } else {
                                Issue.record("\(test) size \(run.size): BPF_PROG_TEST_RUN returned \(r), expected \(run.result)")
                                ok = false
                            }
                        } catch {
                            testRunRefused += 1
                        }
                    }
                } catch {
                    Issue.record("\(test): the verifier refused the loadable flavour: \(error)")
                    ok = false
                }
            }
            if ok { passing += 1 }
        }
        print("test_bpf: \(passing)/134 cases pass (validator verdicts, classic interpreter, eBPF interpreter over both flavours)")
        print("test_bpf: loadable flavour not expressible for \(loadableUntranslatable.count): \(loadableUntranslatable.joined(separator: ", "))")
        if kernelReason == nil {
            print("test_bpf: verifier accepted \(verifierAccepted)/\(verifierTotal) loadable programs as SCHED_CLS")
            print("test_bpf: BPF_PROG_TEST_RUN (SCHED_CLS) agreed on \(testRunAgree)/\(testRunTotal) subtests; \(testRunRefused) frames refused by test_run")
        }
        #expect(passing == 134)
    }
}
