// ebpf-bench: how fast each way of running a filter is, on one Ethernet frame. Not a test: run it by hand,
// in release mode:
//
//     swift run -c release ebpf-bench [RUNS]        (default 2,000,000)
//
// For each expression it prints ns per run for BPFCore's classic interpreter (kernel semantics), the eBPF
// interpreter over the loadable and kernel flavours, and — when bpf(2) is permitted — the kernel running the
// loadable translation (JIT) through BPF_PROG_TEST_RUN (SCHED_CLS, the kernel's own timing).
import Foundation
import BPFCore
import FilterLang
import cbpf2ebpf

let runs = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 2_000_000
// Ethernet / IPv4 / TCP 1234 -> 80, SYN.
var frame = [UInt8](repeating: 0, count: 54)
frame.replaceSubrange(0..<14, with: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x08, 0x00])
frame.replaceSubrange(14..<34, with: [0x45, 0, 0, 40, 0, 0, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2])
frame.replaceSubrange(34..<54, with: [0x04, 0xd2, 0, 80, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0xff, 0xff, 0, 0, 0, 0])

func nanoseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds) / 1e9
}

func time(_ body: () throws -> UInt32) rethrows -> (Double, UInt32) {
    var last: UInt32 = 0
    let start = ContinuousClock.now
    for _ in 0..<runs { last = try body() }
    return (nanoseconds(ContinuousClock.now - start) / Double(runs), last)
}

let kernelUsable = KernelBridge.unavailabilityReason() == nil
let compiler = FilterCompiler(linkType: .en10mb)
print("expression                         classic  loadable  kernel-flavour  kernel-JIT   (ns per run, \(runs) runs)")
for expression in ["tcp", "tcp dst port 80", "ip6 or (ip and udp port 53)", "tcp[tcpflags] & tcp-syn != 0"] {
    let classic = try compiler.compile(expression)
    let filter = try KernelFilter(classic)
    let skb = SocketBuffer.schedClassifierTestRun(frame: frame)
    let loadable = try EBPFTranslator(flavor: .loadable).translate(classic)
    let kernel = try EBPFTranslator(flavor: .kernel).translate(classic)
    let (c, cr) = time { filter.run(frame, context: skb.context) }
    let loadableVM = EBPFInterpreter(program: loadable), kernelVM = EBPFInterpreter(program: kernel)
    let (l, lr) = try time { try loadableVM.run(skb) }
    let (k, kr) = try time { try kernelVM.run(skb) }
    var jit = "-"
    if kernelUsable {
        let loaded = try KernelBridge.load(loadable, as: .schedClassifier)
        let (jr, ns) = try loaded.testRun(packet: frame, repetitions: Int32(clamping: runs))
        jit = "\(ns)" + (jr == cr ? "" : " (result \(jr)!)")
    }
    let agree = cr == lr && cr == kr ? "" : "  results differ: \(cr) \(lr) \(kr)"
    let name = expression.padding(toLength: 34, withPad: " ", startingAt: 0)
    print("\(name) \(Int(c))  \(Int(l))  \(Int(k))  \(jit)\(agree)")
}
