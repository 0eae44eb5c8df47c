import BPFCore

/// One straight-line instruction of a basic block, before linearization.
///
/// `code`/`k` are the final classic BPF opcode and operand. Nearly every statement is a non-branching
/// instruction; a few link-layer header-length snippets (PPI, Prism/AVS, protochain) contain conditional
/// jumps *inside* a statement list. Such a jump names its targets as indices into the same block's
/// statement list (`localTrue`/`localFalse`); the linearizer turns them into relative offsets.
///
/// Optimizer note: a statement the optimizer deletes should become ``Statement/nop`` (the linearizer skips
/// NOPs), so that local jump indices of the other statements stay valid.
public struct Statement: Hashable, Sendable {
    /// The opcode, or ``Statement/nopCode`` for a deleted statement.
    public var code: UInt16
    /// The operand.
    public var k: UInt32
    /// For an in-list conditional jump: index (in the owning block's `statements`) of the true target.
    public var localTrue: Int?
    /// For an in-list conditional jump: index (in the owning block's `statements`) of the false target.
    public var localFalse: Int?

    /// Opcode value used for "no operation" (never a valid BPF opcode).
    public static let nopCode: UInt16 = 0xffff

    /// Creates a statement.
    public init(_ code: UInt16, _ k: UInt32 = 0, localTrue: Int? = nil, localFalse: Int? = nil) {
        self.code = code
        self.k = k
        self.localTrue = localTrue
        self.localFalse = localFalse
    }

    /// A deleted statement.
    public static let nop = Statement(nopCode)

    /// True for a deleted statement.
    public var isNop: Bool { code == Statement.nopCode }

    /// The instruction class (`code & 7`).
    public var instructionClass: UInt16 { code & 0x07 }
}
