/// The classic BPF opcode vocabulary: the bit fields that `Instruction.code` combines.
///
/// The values are those of `<linux/filter.h>` and libpcap's `<pcap/bpf.h>`; an opcode is built by OR-ing one
/// value from each field, e.g. `BPF.ld | BPF.h | BPF.abs` for `ldh [k]`.
public enum BPF {
    // MARK: Instruction classes
    public static let ld: UInt16 = 0x00
    public static let ldx: UInt16 = 0x01
    public static let st: UInt16 = 0x02
    public static let stx: UInt16 = 0x03
    public static let alu: UInt16 = 0x04
    public static let jmp: UInt16 = 0x05
    public static let ret: UInt16 = 0x06
    public static let misc: UInt16 = 0x07

    // MARK: Load and store sizes
    public static let w: UInt16 = 0x00
    public static let h: UInt16 = 0x08
    public static let b: UInt16 = 0x10

    // MARK: Addressing modes
    public static let imm: UInt16 = 0x00
    public static let abs: UInt16 = 0x20
    public static let ind: UInt16 = 0x40
    public static let mem: UInt16 = 0x60
    public static let len: UInt16 = 0x80
    public static let msh: UInt16 = 0xa0

    // MARK: ALU operations
    public static let add: UInt16 = 0x00
    public static let sub: UInt16 = 0x10
    public static let mul: UInt16 = 0x20
    public static let div: UInt16 = 0x30
    public static let or: UInt16 = 0x40
    public static let and: UInt16 = 0x50
    public static let lsh: UInt16 = 0x60
    public static let rsh: UInt16 = 0x70
    public static let neg: UInt16 = 0x80
    public static let mod: UInt16 = 0x90
    public static let xor: UInt16 = 0xa0

    // MARK: Jump operations
    public static let ja: UInt16 = 0x00
    public static let jeq: UInt16 = 0x10
    public static let jgt: UInt16 = 0x20
    public static let jge: UInt16 = 0x30
    public static let jset: UInt16 = 0x40

    // MARK: Operand sources
    public static let k: UInt16 = 0x00
    public static let x: UInt16 = 0x08
    /// Return-value source "accumulator" for `ret a`.
    public static let a: UInt16 = 0x10

    // MARK: Miscellaneous operations
    public static let tax: UInt16 = 0x00
    public static let txa: UInt16 = 0x80

    /// Number of scratch memory words `M[0]`…`M[15]`.
    public static let memoryWords = 16
    /// Longest program Linux accepts (`BPF_MAXINSNS`).
    public static let maxInstructions = 4096
}

/// Linux's ancillary-data load offsets: absolute loads at `SKF_AD_OFF + n` read socket-buffer metadata.
public enum Ancillary: UInt32, CaseIterable, Sendable {
    case proto = 0
    case pktType = 4
    case ifIndex = 8
    case nlAttr = 12
    case nlAttrNest = 16
    case mark = 20
    case queue = 24
    case hatype = 28
    case rxhash = 32
    case cpu = 36
    case aluXorX = 40
    case vlanTCI = 44
    case vlanTagPresent = 48
    case payOffset = 52
    case random = 56
    case vlanTPID = 60

    /// `SKF_AD_OFF` (-0x1000) as an unsigned `k`.
    public static let base: UInt32 = 0xffff_f000
    /// `SKF_AD_MAX`: the first offset past the known ancillary loads.
    public static let end: UInt32 = 64
    /// `SKF_NET_OFF` (-0x100000) as an unsigned `k`: loads relative to the network header.
    public static let networkBase: UInt32 = 0xfff0_0000
    /// `SKF_LL_OFF` (-0x200000) as an unsigned `k`: loads relative to the link-layer header.
    public static let linkBase: UInt32 = 0xffe0_0000

    /// The `k` of an absolute load that reads this ancillary field.
    public var k: UInt32 { Ancillary.base &+ rawValue }
}
