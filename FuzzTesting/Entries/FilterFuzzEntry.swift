import BPFCore
import FilterLang

/// FuzzFilter's entry: the filter-expression parser and compiler.
///
/// Input layout: byte 0 picks the link type (and the netmask/snaplen variant), the rest is the expression text
/// (any bytes; invalid UTF-8 is repaired by `String(decoding:)`). The expression is compiled unoptimized and
/// optimized; the optimized program, when one comes out, is run over the input bytes. Names come from a fixed
/// in-memory database so no DNS lookup can stall a run.
public struct FilterFuzzEntry: Sendable {
    /// DLT values; keep the order in step with LINKS in FuzzTesting/make-seeds.py (seed byte 0 = 2 × index + variant).
    public static let linkTypes: [Int32] = [
        1, 12, 0, 108, 113, 276, 105, 127, 9, 228, 229, 6, 10, 119, 192, 143, 140, 117, 123, 122, 281, 284, 7, 129,
        163, 104, 165,
    ]

    /// The fixed name database.
    public static let names = InMemoryNames(
        hosts: ["localhost": [.ipv4(0x7f00_0001), .ipv6([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])],
                "gw": [.ipv4(0x0a00_0001)]],
        ethers: ["gw": [0, 1, 2, 3, 4, 5]],
        networks: ["loopback": 127],
        services: ["http/tcp": 80, "http/udp": 80, "domain/udp": 53, "domain/tcp": 53, "ssh/tcp": 22],
        protocols: ["icmp": 1, "tcp": 6, "udp": 17, "ipv6": 41, "gre": 47])

    private let compilers: [FilterCompiler]

    /// Creates the compilers (two per link type).
    public init() {
        compilers = Self.linkTypes.flatMap { raw in
            [FilterCompiler(linkType: LinkType(rawValue: raw), names: Self.names),
             FilterCompiler(linkType: LinkType(rawValue: raw), snaplen: 96, netmask: 0xffff_ff00, names: Self.names,
                            linuxVLANExtensions: true)]
        }
    }

    /// Runs one input; returns whether the optimized compile produced a program the checker accepts.
    @discardableResult
    public func run(_ input: UnsafeRawBufferPointer) -> Bool {
        guard let first = input.first else { return false }
        let compiler = compilers[Int(first) % compilers.count]
        let text = String(decoding: input.dropFirst(), as: UTF8.self)
        _ = try? compiler.compile(text, optimize: false)
        guard let program = try? compiler.compile(text, optimize: true), let filter = try? CompiledFilter(program)
        else { return false }
        _ = filter.run(packet: input, wireLength: UInt32(truncatingIfNeeded: input.count))
        return true
    }
}
