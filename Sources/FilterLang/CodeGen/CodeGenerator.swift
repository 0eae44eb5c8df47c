import BPFCore

/// A compile-time failure with libpcap's wording.
struct CodeGenError: Error, Sendable {
    var message: String
    /// The part of the expression at fault when narrower than the whole primitive (an arithmetic operand).
    var range: SourceRange?
    init(_ message: String, range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }
}

/// Where a load's offset is measured from (libpcap's `e_offrel`).
enum OffsetBase: Sendable {
    /// Start of the packet.
    case packet
    /// Start of the (current) link-layer header.
    case linkHeader
    /// Start of the previous link-layer header (for encapsulations such as LANE).
    case previousLinkHeader
    /// Start of the 802.2 LLC header (link-layer payload, before any SNAP offset).
    case llc
    /// The MPLS header just before the network layer.
    case previousMPLSHeader
    /// The link-layer type field.
    case linkType
    /// The network-layer header (link payload plus any SNAP).
    case linkPayload
    /// The network-layer header when there is no SNAP header.
    case linkPayloadNoSNAP
    /// The transport header after a variable-length IPv4 header.
    case transportIPv4
    /// The transport header after a fixed 40-byte IPv6 header.
    case transportIPv6
}

/// An offset with a constant part and, for variable-length headers, a part kept in a scratch register at
/// run time (libpcap's `bpf_abs_offset`).
struct AbsoluteOffset: Sendable {
    var constantPart: UInt32 = 0
    var isVariable = false
    var register: Int? = nil
}

/// Sizes of loads.
enum LoadSize: UInt16, Sendable {
    case word = 0x00
    case half = 0x08
    case byte = 0x10
}

/// Value of an unset offset (libpcap's `OFFSET_NOT_SET`; arithmetic on it wraps as in C).
let offsetNotSet: UInt32 = 0xffff_ffff

/// An arithmetic value under construction: statements that leave it in scratch register `register`, plus
/// any protocol checks the value needs (libpcap's `struct arth`).
struct Arith: Sendable {
    var checks: Fragment?
    var statements: [Statement]
    var register: Int
}

/// The compiler's whole state, passed along as one value: the graph being built, the link-layer layout
/// (which `vlan`, `mpls`, `pppoes`, `geneve` change as the expression is read left to right), scratch
/// register use, and the environment.
struct CodeGenerator {
    var graph = FlowGraph()

    // Environment.
    let outermostLinkType: LinkType
    let snaplen: UInt32
    let netmask: UInt32
    let names: any NameResolver
    /// Compiling for a savefile whose byte order differs from this host (affects DLT_NULL/ENC constants).
    let swappedSavefile: Bool
    /// Compiling for a savefile (`-r`), which makes `ip6` on NULL/LOOP/ENC accept every BSD AF_INET6 value.
    let forSavefile: Bool
    /// A live Linux capture whose kernel reports VLAN tags out of band (libpcap's BPF_SPECIAL_VLAN_HANDLING).
    let linuxVLANExtensions: Bool

    // Link-layer layout (libpcap's off_* fields).
    var linkType: LinkType
    var previousLinkType: LinkType
    var offOutermostLinkHeader = AbsoluteOffset()
    var offPreviousLinkHeader = AbsoluteOffset()
    var offLinkHeader = AbsoluteOffset()
    var offLinkPayload = AbsoluteOffset()
    var offLinkType = AbsoluteOffset()
    var offNetwork: UInt32 = 0
    var offNetworkNoSNAP: UInt32 = 0
    var isATM = false
    var offVPI = offsetNotSet
    var offVCI = offsetNotSet
    var offProto = offsetNotSet
    var offPayload = offsetNotSet
    var isGeneve = false
    var isVLANVariableOffset = false
    var offLI = offsetNotSet
    var offLIHSL = offsetNotSet
    var offSIO = offsetNotSet
    var offOPC = offsetNotSet
    var offDPC = offsetNotSet
    var offSLS = offsetNotSet
    var labelStackDepth = 0
    var vlanStackDepth = 0
    /// Extra bytes after the FDDI header on some platforms (0 on Linux).
    var fddiPad: UInt32 = 0

    // Scratch registers M[0]..M[15].
    var registerUsed = [Bool](repeating: false, count: 16)
    var currentRegister = 0

    /// Set by generators whose code the optimizer must not touch (protochain, geneve, PPI/Prism headers).
    var noOptimize = false

    init(linkType: LinkType, snaplen: UInt32, netmask: UInt32, names: any NameResolver,
         forSavefile: Bool = false, swappedSavefile: Bool = false, linuxVLANExtensions: Bool = false) throws(CodeGenError) {
        self.linuxVLANExtensions = linuxVLANExtensions
        self.outermostLinkType = linkType
        self.linkType = linkType
        self.previousLinkType = linkType
        self.snaplen = snaplen
        self.netmask = netmask
        self.names = names
        self.forSavefile = forSavefile
        self.swappedSavefile = swappedSavefile
        try setUpLinkLayer()
    }

    // MARK: Blocks and statements

    /// A new block testing `branch`, running `statements` first.
    mutating func newBlock(_ branchCode: UInt16, k: UInt32 = 0, statements: [Statement] = []) -> Fragment {
        Fragment(block: graph.addBlock(branch: Statement(branchCode, k), statements: statements))
    }

    /// `a and b`.
    /// `a` is consumed so that its exit list, usually the long accumulated one, grows in place: the order of
    /// exits does not matter to `resolve`, and copying the list for every term made long lists quadratic.
    mutating func and(_ a: consuming Fragment, _ b: Fragment) -> Fragment {
        graph.resolve(a.trueExits, to: b.entry)
        a.falseExits.append(contentsOf: b.falseExits)
        a.trueExits = b.trueExits
        a.last = b.last
        return a
    }

    /// `a or b`.
    /// `a` is consumed for the same reason as in `and`.
    mutating func or(_ a: consuming Fragment, _ b: Fragment) -> Fragment {
        graph.resolve(a.falseExits, to: b.entry)
        a.trueExits.append(contentsOf: b.trueExits)
        a.falseExits = b.falseExits
        a.last = b.last
        return a
    }

    /// `and` of an optional left side.
    mutating func and(_ a: Fragment?, _ b: Fragment) -> Fragment {
        guard let a else { return b }
        return and(a, b)
    }

    /// `or` of an optional left side.
    mutating func or(_ a: Fragment?, _ b: Fragment) -> Fragment {
        guard let a else { return b }
        return or(a, b)
    }

    // MARK: Scratch registers

    /// Allocates a scratch register, searching round-robin from the last one handed out.
    mutating func allocateRegister() throws(CodeGenError) -> Int {
        for _ in 0..<16 {
            if registerUsed[currentRegister] {
                currentRegister = (currentRegister + 1) % 16
            } else {
                registerUsed[currentRegister] = true
                return currentRegister
            }
        }
        throw CodeGenError("too many registers needed to evaluate expression")
    }

    /// Releases a scratch register.
    mutating func freeRegister(_ n: Int) {
        if n >= 0 && n < 16 { registerUsed[n] = false }
    }

    // MARK: Finishing

    /// Adds the header-length prologue, the PPI DLT check and the two return blocks (libpcap's finish_parse).
    mutating func finish(_ expression: Fragment) throws(CodeGenError) -> FlowGraph {
        try insertVariableOffsetPrologue(into: expression.entry)
        var p = expression
        if let check = ppiDLTCheck() {
            p = and(check, p)
        }
        let accept = graph.addBlock(branch: Statement(BPF.ret | BPF.k, snaplen))
        graph.resolve(p.trueExits, to: accept)
        let reject = graph.addBlock(branch: Statement(BPF.ret | BPF.k, 0))
        graph.resolve(p.falseExits, to: reject)
        graph.root = p.entry
        return graph
    }

    /// The graph of the empty expression: accept everything.
    mutating func acceptAll() -> FlowGraph {
        graph.root = graph.addBlock(branch: Statement(BPF.ret | BPF.k, snaplen))
        return graph
    }
}
