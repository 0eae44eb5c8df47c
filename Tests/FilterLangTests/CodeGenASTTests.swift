import BPFCore
@testable import FilterLang
import PcapOracle
import Testing

/// Code generation from hand-built syntax trees, compared with libpcap's own unoptimized output.
@Suite struct CodeGenASTTests {
    static func leaf(_ p: Primitive) -> FilterExpression { FilterExpression(.primitive(p), range: SourceRange(0, 0)) }
    static func q(_ proto: ProtocolQualifier, _ dir: DirectionQualifier, _ addr: AddressQualifier, _ o: Operand) -> FilterExpression {
        leaf(.qualified(Qualifiers(proto: proto, direction: dir, address: addr), o))
    }
    static func and(_ a: FilterExpression, _ b: FilterExpression) -> FilterExpression { FilterExpression(.and(a, b), range: SourceRange(0, 0)) }
    static func or(_ a: FilterExpression, _ b: FilterExpression) -> FilterExpression { FilterExpression(.or(a, b), range: SourceRange(0, 0)) }
    static func not(_ a: FilterExpression) -> FilterExpression { FilterExpression(.not(a), range: SourceRange(0, 0)) }
    static func ip(_ s: String) -> Operand { .ipv4(IPv4Literal(text: s)) }
    static func num(_ v: UInt32) -> ArithmeticExpression { ArithmeticExpression(.constant(v), range: SourceRange(0, 0)) }

    /// (libpcap expression text, the same expression as a tree, DLT)
    static let cases: [(String, FilterExpression, LinkType)] = [
        ("tcp port 80", q(.tcp, .default, .port, .number(80)), .en10mb),
        ("src or dst host 10.1.2.3", q(.default, .srcOrDst, .host, ip("10.1.2.3")), .en10mb),
        ("net 192.168.0.0/16", q(.default, .default, .net, .ipv4Prefix(IPv4Literal(text: "192.168.0.0"), prefixLength: 16)), .raw),
        ("not udp portrange 1-1023", not(q(.udp, .default, .portrange, .name("1-1023", escaped: false))), .linuxSLL),
        ("ip6 and tcp", and(leaf(.protocolAbbreviation(.ip6)), leaf(.protocolAbbreviation(.tcp))), .null),
        ("arp or rarp", or(leaf(.protocolAbbreviation(.arp)), leaf(.protocolAbbreviation(.rarp))), .loop),
        ("vlan 10 and ip", and(leaf(.vlan(10)), leaf(.protocolAbbreviation(.ip))), .en10mb),
        ("ether broadcast", leaf(.broadcast(.link)), .en10mb),
        ("ip multicast", leaf(.multicast(.ip)), .linuxSLL2),
        ("greater 100", leaf(.greater(100)), .raw),
        ("tcp[13] & 2 != 0",
         leaf(.relation(.notEqual,
                        ArithmeticExpression(.binary(.and, ArithmeticExpression(.load(proto: .tcp, offset: num(13), size: 1), range: SourceRange(0, 0)), num(2)), range: SourceRange(0, 0)),
                        num(0))), .en10mb),
        ("ip protochain 6", q(.ip, .default, .protochain, .number(6)), .en10mb),
        ("pppoes 3 and udp", and(leaf(.pppoes(3)), leaf(.protocolAbbreviation(.udp))), .en10mb),
        ("mpls 100 and host 1.2.3.4", and(leaf(.mpls(100)), q(.default, .default, .host, ip("1.2.3.4"))), .en10mb),
        ("geneve 7 and ip", and(leaf(.geneve(7)), leaf(.protocolAbbreviation(.ip))), .en10mb),
        ("wlan addr2 1:2:3:4:5:6", q(.link, .addr2, .default, .mac(MACLiteral(text: "1:2:3:4:5:6", bytes: [1, 2, 3, 4, 5, 6]))),
         LinkType(rawValue: 127)),
    ]

    @Test(arguments: 0..<cases.count)
    func matchesLibpcap(_ index: Int) throws {
        let (text, tree, linkType) = Self.cases[index]
        let expected = try PcapOracle.compile(text, linkType: linkType, optimize: false).get()
        let ours = try FilterCompiler(linkType: linkType, names: CodeGenFixtures.names).compile(tree, optimize: false)
        #expect(ours.dump(.assembly) == expected.dump(.assembly), "\(text) on \(linkType)")
    }

    /// 300 or'ed hosts need long jumps: the linearizer must insert the same `ja`s at the same places.
    @Test func longJumpsMatchLibpcap() throws {
        var tree = Self.q(.default, .default, .host, Self.ip("10.0.0.1"))
        var text = "host 10.0.0.1"
        for i in 2...300 {
            let a = "10.0.\(i / 256).\(i % 256)"
            tree = Self.or(tree, Self.q(.default, .default, .host, Self.ip(a)))
            text += " or host \(a)"
        }
        let expected = try PcapOracle.compile(text, linkType: .en10mb, optimize: false).get()
        let ours = try FilterCompiler(linkType: .en10mb, names: CodeGenFixtures.names).compile(tree, optimize: false)
        #expect(ours.count > 256)
        #expect(ours.instructions.contains { $0.code == BPF.jmp | BPF.ja })
        #expect(ours == expected)
    }

    /// Errors carry libpcap's message.
    @Test func errorsUseLibpcapWording() {
        let tree = Self.q(.tcp, .default, .host, Self.ip("1.2.3.4"))
        #expect(throws: FilterError.self) { try FilterCompiler(linkType: .en10mb).compile(tree, optimize: false) }
        do {
            _ = try FilterCompiler(linkType: .en10mb).compile(tree, optimize: false)
        } catch {
            #expect(error.message == "'tcp' modifier applied to host")
        }
        let vlanOnRaw = Self.leaf(.vlan(1))
        do {
            _ = try FilterCompiler(linkType: .raw).compile(vlanOnRaw, optimize: false)
            Issue.record("vlan on RAW compiled")
        } catch {
            #expect(error.message == "no VLAN support for Raw IP")
        }
    }

    /// An arithmetic error points at the operation, not at the whole relation.
    @Test func arithmeticErrorRange() {
        do {
            _ = try FilterCompiler(linkType: .en10mb).compile("ip and len / 0 = 1", optimize: false)
            Issue.record("division by zero compiled")
        } catch {
            #expect(error.message == "division by zero")
            #expect(error.range == SourceRange(7, 14))
        }
    }

    /// The empty expression accepts everything.
    @Test func emptyExpressionAcceptsAll() throws {
        let p = try FilterCompiler(linkType: .en10mb, snaplen: 65535).compile(nil, optimize: false)
        #expect(p.instructions == [Instruction(code: BPF.ret | BPF.k, k: 65535)])
    }
}
