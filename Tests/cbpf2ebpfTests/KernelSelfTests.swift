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
        var conversionRefusals = 0
        var loadableUntranslatable: [String] = []
        var verifierAccepted = 0, verifierTotal = 0
        var testRunAgree = 0, testRunTotal = 0, testRunRefused = 0, contextFreeAgree = 0, contextFreeTotal = 0
        for test in cases {
            var ok = true
            let program = test.program
            if test.flags.expected_fail {
                let checkerRefuses = (try? KernelValidator.check(program, conversionLimits: false)) == nil
                do {
                    _ = try EBPFTranslator(flavor: .kernel).translate(program)
                    Issue.record("\(test): expected EINVAL, the kernel flavour translated it")
                    ok = false
                } catch {
                    // What the classic checker accepts, the conversion itself must refuse (jump offsets).
                    if !checkerRefuses, case .jumpOffsetOverflow = error {
                        conversionRefusals += 1
                    } else if !checkerRefuses {
                        Issue.record("\(test): refused for the wrong reason: \(error)")
                        ok = false
                    }
                }
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
                    let classifier = try KernelBridge.load(loadable, as: .schedClassifier)
                    let socketFilter = try KernelBridge.load(loadable, as: .socketFilter)
                    verifierAccepted += 1
                    let runnable = !test.flags.skb_frag && !test.flags.no_data && !randomOrCPU
                    let vm = EBPFInterpreter(program: loadable)
                    for run in test.runs where runnable && run.size >= 14 {
                        let frame = Array(test.data.prefix(run.size))
                        // SCHED_CLS sees lib/test_bpf.c's layout (data at the MAC header, network header at 14);
                        // only the metadata differs, so programs reading none must give the expected value.
                        let l2 = SocketBuffer.schedClassifierTestRun(frame: frame)
                        let l3 = SocketBuffer.socketFilterTestRun(frame: frame)
                        let runs: [(String, LoadedProgram, UInt32?)] = [
                            ("SCHED_CLS", classifier, classic.run(frame, context: l2.context)),
                            ("SOCKET_FILTER", socketFilter, try? vm.run(l3)),
                        ]
                        for (kind, loaded, want) in runs {
                            guard let got = try? loaded.testRun(packet: frame) else {
                                testRunRefused += 1
                                continue
                            }
                            testRunTotal += 1
                            var agrees = got == want
                            if kind == "SCHED_CLS" && !Self.usesContext(program) {
                                contextFreeTotal += 1
                                if got == run.result { contextFreeAgree += 1 } else { agrees = false }
                            }
                            if agrees {
                                testRunAgree += 1
                            } else {
                                Issue.record("\(test) size \(run.size): \(kind) BPF_PROG_TEST_RUN returned \(got), model \(String(describing: want)), test_bpf expects \(run.result)")
                                ok = false
                            }
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
            print("test_bpf: verifier accepted \(verifierAccepted)/\(verifierTotal) loadable programs as SCHED_CLS and SOCKET_FILTER")
            print("test_bpf: BPF_PROG_TEST_RUN (SCHED_CLS and SOCKET_FILTER) agreed with the modelled run on \(testRunAgree)/\(testRunTotal) subtest runs; \(testRunRefused) refused by test_run's frame rules")
            print("test_bpf: of these, \(contextFreeAgree)/\(contextFreeTotal) SCHED_CLS runs of programs that read no metadata returned test_bpf's expected value")
        }
        print("test_bpf: \(conversionRefusals) accepted by the classic checker but refused by the conversion's jump-offset rule")
        #expect(conversionRefusals == 1)  // "BPF_MAXINSNS: jump over MSH"
        #expect(passing == 134)
    }
}
