import BPFCore
import FilterLang

/// What the filter compiler needs to know besides the expression.
struct CompileContext: Sendable {
    /// The link type the packets start with.
    var linkType: LinkType
    /// The value `ret` returns for accepted packets.
    var snaplen: Int
    /// Run libpcap's optimizer (false with `-O`).
    var optimize: Bool
    /// Compiling for a savefile (`-r`) rather than a device.
    var forSavefile = false
    /// The savefile's byte order is not this machine's.
    var swappedSavefile = false
    /// Compiling for a live Linux device (libpcap then also tests `vlan` through the kernel's VLAN metadata).
    var liveDevice = false
}

/// Compiles the filter expression with FilterLang and turns its errors into tcpdump's messages.
enum FilterFrontEnd {
    /// Compiles `expression` (nil or blank = the empty expression, which accepts every packet).
    ///
    /// - Throws: a ``Termination`` with libpcap's message; when standard error is a terminal, also the
    ///   expression with a caret line under the offending text.
    static func compile(_ expression: String?, context: CompileContext) throws(Termination) -> Program {
        let compiler = FilterCompiler(
            linkType: context.linkType, snaplen: UInt32(clamping: context.snaplen), netmask: 0,
            forSavefile: context.forSavefile, swappedSavefile: context.swappedSavefile,
            linuxVLANExtensions: context.liveDevice)
        let text = expression ?? ""
        do {
            return try compiler.compile(text, optimize: context.optimize)
        } catch {
            if Console.isTerminal(Console.standardError), error.range != nil {
                throw .failure(error.render(expression: text))
            }
            throw .failure(error.message)
        }
    }
}
