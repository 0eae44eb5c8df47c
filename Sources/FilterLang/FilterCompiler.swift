import BPFCore

/// Compiles pcap-filter(7) expressions to classic BPF exactly as libpcap 1.10.3 does.
///
/// ```swift
/// let compiler = FilterCompiler(linkType: .en10mb)
/// let program = try compiler.compile("tcp port 80", optimize: false)
/// ```
///
/// Without optimization the program is instruction-for-instruction the one `tcpdump -O -d` prints.
/// With `optimize: true` the graph first goes through ``Optimizer`` (the `tcpdump -d` program), unless
/// libpcap would skip optimization for the expression; ``FilterCompiler/flowGraph(for:)`` gives its input.
public struct FilterCompiler: Sendable {
    /// The link-layer type packets start with.
    public var linkType: LinkType
    /// The value `ret` returns for accepted packets (tcpdump's default snaplen is 262144).
    public var snaplen: UInt32
    /// The IPv4 netmask `ip broadcast` uses; `0xffffffff` means unknown (then `ip broadcast` fails).
    public var netmask: UInt32
    /// Name databases (hosts, ethers, networks, services, protocols).
    public var names: any NameResolver
    /// Compile as for a savefile (`-r`): affects `ip6` on NULL/LOOP/ENC and rejects `inbound`/`ifindex`
    /// on link types that have no direction field.
    public var forSavefile: Bool
    /// The savefile's byte order differs from this host's (DLT_NULL/ENC address-family constants).
    public var swappedSavefile: Bool
    /// Compile for a live Linux capture, where libpcap tests `vlan` through the kernel's VLAN metadata
    /// (`vlanp`, `vlan_tci`) as well as in the packet. `tcpdump -d` without `-i` never does.
    public var linuxVLANExtensions: Bool

    /// Creates a compiler.
    public init(linkType: LinkType, snaplen: UInt32 = 262_144, netmask: UInt32 = 0,
                names: any NameResolver = SystemNames(), forSavefile: Bool = false, swappedSavefile: Bool = false,
                linuxVLANExtensions: Bool = false) {
        self.linuxVLANExtensions = linuxVLANExtensions
        self.linkType = linkType
        self.snaplen = snaplen
        self.netmask = netmask
        self.names = names
        self.forSavefile = forSavefile
        self.swappedSavefile = swappedSavefile
    }

    /// The flow graph libpcap builds for `expression` (nil = the empty expression), before optimization,
    /// and whether libpcap would skip optimization for it (protochain, geneve, Prism/PPI headers).
    public func flowGraph(for expression: FilterExpression?) throws(FilterError) -> (graph: FlowGraph, optimizable: Bool) {
        var g = try makeGenerator()
        guard let expression else { return (g.acceptAll(), true) }
        let fragment = try g.generate(expression)
        do {
            let graph = try g.finish(fragment)
            return (graph, !g.noOptimize)
        } catch {
            throw FilterError.semantic(error.message, at: expression.range)
        }
    }

    /// A code generator for this configuration, failing as libpcap does before it parses (snaplen 0, an
    /// unsupported link type).
    private func makeGenerator() throws(FilterError) -> CodeGenerator {
        if snaplen == 0 { throw FilterError.semantic("snaplen of 0 rejects all packets", at: nil) }
        do {
            return try CodeGenerator(linkType: linkType, snaplen: snaplen, netmask: netmask, names: names,
                                     forSavefile: forSavefile, swappedSavefile: swappedSavefile,
                                     linuxVLANExtensions: linuxVLANExtensions)
        } catch {
            throw FilterError.semantic(error.message, at: nil)
        }
    }

    /// Parses and compiles filter text (an empty or blank text accepts everything).
    ///
    /// Errors carry libpcap 1.10.3's message and, where known, the range of the offending text. When the text
    /// does not parse, the error is the one libpcap reports: libpcap generates code while it parses, so a
    /// code-generation error in a primitive completed before the parse error comes first.
    public func compile(_ expression: String, optimize: Bool = true) throws(FilterError) -> Program {
        let parsed: FilterExpression?
        do throws(Parser.Failure) {
            parsed = try Parser.parseForCompilation(expression)
        } catch {
            throw firstError(of: error)
        }
        return try compile(parsed, optimize: optimize)
    }

    /// The error libpcap reports for a text that does not parse: the first code-generation error among the
    /// primitives and the arithmetic it had already compiled (in its order), else the parse error itself.
    private func firstError(of failure: Parser.Failure) -> FilterError {
        var g: CodeGenerator
        do { g = try makeGenerator() } catch { return error }
        for primitive in failure.completedPrimitives {
            do { _ = try g.generate(primitive) } catch { return error }
        }
        for node in failure.pendingArithmetic {
            // Each node on its own copy of the state, so re-generating shared operands cannot run out of
            // scratch registers that libpcap still had.
            var scratch = g
            do { _ = try scratch.arith(node) } catch { return FilterError.semantic(error.message, at: error.range ?? node.range) }
        }
        return failure.error
    }

    /// Compiles a parsed expression (nil = the empty expression, which accepts everything).
    public func compile(_ expression: FilterExpression?, optimize: Bool = true) throws(FilterError) -> Program {
        var (graph, optimizable) = try flowGraph(for: expression)
        if optimize && optimizable {
            do throws(OptimizerError) { try Optimizer.optimize(&graph) } catch { throw error.filterError }
        }
        do {
            return try Linearizer.linearize(graph)
        } catch {
            throw FilterError.semantic(error.description, at: nil)
        }
    }
}
