// libFuzzer entry point for the filter-expression parser and compiler.
//
// Input layout: byte 0 picks the link type (and the netmask/snaplen variant), the rest is the expression text
// (any bytes; invalid UTF-8 is repaired by String(decoding:)). The expression is compiled unoptimized and
// optimized; the optimized program, when one comes out, is run over the input bytes. A trap, a sanitizer report
// or a hang (-timeout) is a bug. Names come from a fixed in-memory database so no DNS lookup can stall a run.
import BPFCore
import FilterLang

// DLT values; keep the order in step with LINKS in make-seeds.py (seed byte 0 = 2 × index + variant).
let linkTypes: [Int32] = [
    1, 12, 0, 108, 113, 276, 105, 127, 9, 228, 229, 6, 10, 119, 192, 143, 140, 117, 123, 122, 281, 284, 7, 129, 163,
    104, 165,
]
let names = InMemoryNames(
    hosts: ["localhost": [.ipv4(0x7f00_0001), .ipv6([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])],
            "gw": [.ipv4(0x0a00_0001)]],
    ethers: ["gw": [0, 1, 2, 3, 4, 5]],
    networks: ["loopback": 127],
    services: ["http/tcp": 80, "http/udp": 80, "domain/udp": 53, "domain/tcp": 53, "ssh/tcp": 22],
    protocols: ["icmp": 1, "tcp": 6, "udp": 17, "ipv6": 41, "gre": 47])
let compilers: [FilterCompiler] = linkTypes.flatMap { raw in
    [FilterCompiler(linkType: LinkType(rawValue: raw), names: names),
     FilterCompiler(linkType: LinkType(rawValue: raw), snaplen: 96, netmask: 0xffff_ff00, names: names,
                    linuxVLANExtensions: true)]
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFilter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let compiler = compilers[Int(data[0]) % compilers.count]
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    _ = try? compiler.compile(text, optimize: false)
    if let program = try? compiler.compile(text, optimize: true), let filter = try? CompiledFilter(program) {
        _ = filter.run(packet: UnsafeRawBufferPointer(start: data, count: size), wireLength: UInt32(size))
    }
    return 0
}
