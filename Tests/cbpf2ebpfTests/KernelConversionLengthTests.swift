import BPFCore
import Testing
import cbpf2ebpf
#if canImport(Glibc)
import Glibc
#endif

/// The kernel flavour's length equals what the running kernel's `bpf_convert_filter()` produces (measured
/// through the socket memory charge of SO_ATTACH_FILTER), and both refuse the same programs.
struct KernelConversionLengthTests {
    static func compare(_ programs: [(String, Program)], label: String) {
        var equal = 0, measured = 0, tooBig = 0, bothRefused = 0
        for (name, program) in programs {
            let ours: Result<EBPFProgram, TranslationError> = Result { () throws(TranslationError) in
                try EBPFTranslator(flavor: .kernel).translate(program)
            }
            do {
                let kernel = try KernelBridge.kernelConvertedLength(of: program)
                measured += 1
                switch ours {
                case .success(let p):
                    if p.slotCount == kernel { equal += 1 } else {
                        Issue.record("\(label) \(name): kernel converts to \(kernel) instructions, the kernel flavour has \(p.slotCount)")
                    }
                case .failure(let e):
                    Issue.record("\(label) \(name): the kernel converts it (\(kernel) instructions) but the translator refuses: \(e)")
                }
            } catch {
                if error.errno == ENOMEM {
                    tooBig += 1
                } else if error.errno == EINVAL, case .failure = ours {
                    bothRefused += 1
                } else {
                    Issue.record("\(label) \(name): the kernel refuses it (\(error)) but the translator does not")
                }
            }
        }
        print("\(label): kernel flavour length equals the running kernel's on \(equal)/\(measured) programs; both refuse \(bothRefused); \(tooBig) exceed optmem_max")
    }

    @Test func testBPFProgramsConvertToTheKernelsLength() throws {
        if let reason = KernelBridge.unavailabilityReason() {
            print("skipping: \(reason)")
            return
        }
        let cases = try KernelTestCase.load()
        Self.compare(cases.map { ($0.description, $0.program) }, label: "test_bpf")
    }

    @Test func corpusProgramsConvertToTheKernelsLength() throws {
        if let reason = KernelBridge.unavailabilityReason() {
            print("skipping: \(reason)")
            return
        }
        let programs = CaptureEquivalenceTests.corpusPrograms.map { ($0.expr, $0.program) }
        Self.compare(programs, label: "EN10MB corpus")
    }
}
