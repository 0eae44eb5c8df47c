// bpfcore-bench: ns/packet of CompiledFilter and KernelFilter against libpcap's bpf_filter. Not a test: run by
// hand in release mode:
//
//     swift run -c release bpfcore-bench [RUNS]        (default 2,000,000 per round, best of 15 rounds)
//
// The program is `tcpdump -ddd 'ip and tcp dst portrange 80-90'` (12 instructions: ldh, jeq, ldb, jeq, ldh,
// jset, ldxb, ldh [x+16], jge, jgt, ret, ret); the input is 256 synthetic 74-byte Ethernet frames (40 % TCP
// to ports 80-90, the rest TCP/443, UDP and IPv6), cycled. Times are thread CPU time, so other processes on a
// busy machine distort them less; all three must report the same checksum.
import BPFCore
import Glibc
import PcapOracle

let runs = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 2_000_000
let listing = "12,40 0 0 12,21 0 9 2048,48 0 0 23,21 0 7 6,40 0 0 20,69 5 0 8191,177 0 0 14,72 0 0 16,53 0 2 80,37 1 0 90,6 0 0 262144,6 0 0 0"

func cpuNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

let frameLength = 74
var frameBytes: [UInt8] = []
var state: UInt64 = 42
for index in 0..<256 {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    var frame = [UInt8](repeating: 0, count: frameLength)
    frame[12] = 0x08
    frame[14] = 0x45
    frame[23] = 6
    switch index % 5 {
    case 0, 1: frame[37] = UInt8(80 + (state >> 33) % 11)
    case 2: (frame[36], frame[37]) = (1, 0xbb)
    case 3: frame[23] = 17
    default: (frame[12], frame[13]) = (0x86, 0xdd)
    }
    frameBytes += frame
}

/// Best ns/packet over 15 rounds of `runs` packets, and the checksum of one round.
func measure(_ frames: [UInt8], _ body: (UnsafeRawBufferPointer) -> UInt32) -> (nanoseconds: Double, checksum: UInt64) {
    var best = Double.infinity
    var checksum: UInt64 = 0
    frames.withUnsafeBytes { all in
        for _ in 0..<15 {
            var sum: UInt64 = 0
            let start = cpuNanoseconds()
            for run in 0..<runs {
                let offset = (run & 255) * frameLength
                sum &+= UInt64(body(UnsafeRawBufferPointer(rebasing: all[offset..<(offset + frameLength)])))
            }
            best = min(best, Double(cpuNanoseconds() - start) / Double(runs))
            checksum = sum
        }
    }
    return (best, checksum)
}

func report(_ name: String, _ result: (nanoseconds: Double, checksum: UInt64)) {
    let tenths = Int((result.nanoseconds * 10).rounded())
    print("\(name): \(tenths / 10).\(tenths % 10) ns/packet (checksum \(result.checksum))")
}

let frames = frameBytes
do {
    let program = try Program(parsing: listing)
    let filter = try CompiledFilter(program)
    let kernel = try KernelFilter(program)
    let libpcap = PcapPreparedFilter(program)
    let context = KernelContext.testBPF(dataSize: frameLength)
    report("CompiledFilter (libpcap semantics)", measure(frames) { filter.run(packet: $0, wireLength: UInt32(frameLength)) })
    report("libpcap bpf_filter", measure(frames) { libpcap.run(packet: $0, wireLength: UInt32(frameLength)) })
    report("KernelFilter (Linux semantics)", measure(frames) { kernel.run(linear: $0, context: context) })
} catch {
    print("bpfcore-bench: \(error)")
    exit(1)
}
