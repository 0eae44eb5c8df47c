import Testing
@testable import FilterLang

/// Parses `expression` and renders the tree with ``FilterExpression/description``.
private func tree(_ expression: String) throws -> String {
    let parsed = try Parser.parse(expression)
    return parsed.map { "\($0)" } ?? "nil"
}

/// The error for `expression`, or nil when it parses.
private func failure(_ expression: String) -> FilterError? {
    do {
        _ = try Parser.parse(expression)
        return nil
    } catch {
        return error
    }
}

@Suite("Parser: Boolean structure")
struct ParserBooleanTests {
    @Test("and/or have equal precedence and associate left; not binds tighter", arguments: [
        ("udp or tcp and ip[8]=1", "(and (or udp tcp) (= ip[8:1] 1))"),
        ("tcp and udp or ip", "(or (and tcp udp) ip)"),
        ("tcp && udp || ip", "(or (and tcp udp) ip)"),
        ("not tcp and udp", "(and (not tcp) udp)"),
        ("! tcp or !udp", "(or (not tcp) (not udp))"),
        ("not not tcp", "(not (not tcp))"),
        ("tcp and (udp or ip)", "(and tcp (or udp ip))"),
        ("not (tcp or udp)", "(not (or tcp udp))"),
        ("((tcp))", "tcp"),
        ("tcp or udp or icmp or arp", "(or (or (or tcp udp) icmp) arp)"),
    ])
    func precedence(expression: String, expected: String) throws {
        #expect(try tree(expression) == expected)
    }

    @Test("empty and blank expressions parse to nil", arguments: ["", " ", "\t\n\r "])
    func empty(expression: String) throws {
        #expect(try Parser.parse(expression) == nil)
    }

    @Test("node ranges cover the text they came from")
    func ranges() throws {
        let text = "not tcp and (udp or host 1.2.3.4)"
        let parsed = try #require(try Parser.parse(text))
        #expect(parsed.range == SourceRange(0, text.utf8.count))
        guard case .and(let lhs, let rhs) = parsed.node else {
            Issue.record("expected and, got \(parsed)")
            return
        }
        #expect(lhs.range == SourceRange(0, 7))
        #expect(rhs.range == SourceRange(12, 33))
        guard case .or(_, let host) = rhs.node else {
            Issue.record("expected or, got \(rhs)")
            return
        }
        #expect(host.range == SourceRange(20, 32))
    }
}

@Suite("Parser: qualifier inheritance")
struct ParserQualifierTests {
    @Test("operands after and/or inherit the previous qualifiers as libpcap does", arguments: [
        ("host a or b", "(or [default/default/host 'a'] [default/default/host 'b'])"),
        ("tcp port 80 or 443 and not 25",
         "(and (or [tcp/default/port 80] [tcp/default/port 443]) (not [tcp/default/port 25]))"),
        ("src or dst host a or b", "(or [default/srcOrDst/host 'a'] [default/srcOrDst/host 'b'])"),
        ("dst or src net 10 or 11", "(or [default/srcOrDst/net 10] [default/srcOrDst/net 11])"),
        ("src and dst a", "[default/srcAndDst/default 'a']"),
        ("dst and src host a", "[default/srcAndDst/host 'a']"),
        ("ip src host 1.2.3.4 or dst 5.6.7.8", "(or [ip/src/host 1.2.3.4] [default/dst/default 5.6.7.8])"),
        ("host a or (b and c)",
         "(or [default/default/host 'a'] (and [default/default/host 'b'] [default/default/host 'c']))"),
        ("host (a or not b)", "(or [default/default/host 'a'] (not [default/default/host 'b']))"),
        ("host a or (1 or b)",
         "(or [default/default/host 'a'] (or [default/default/host 1] [default/default/host 'b']))"),
        ("host a and (tcp or udp) or b",
         "(or (and [default/default/host 'a'] (or tcp udp)) [default/default/host 'b'])"),
        ("(tcp) or b", "(or tcp [undefined/undefined/undefined 'b'])"),
        ("tcp or 80", "(or tcp [undefined/undefined/undefined 80])"),
        ("vpi 1 or 2", "(or (= vpi 1) [undefined/undefined/undefined 2])"),
        ("port 80 or (443)", "(or [default/default/port 80] [default/default/port 443])"),
        ("ether proto \\ip or \\arp", "(or [link/default/proto \\ip] [link/default/proto \\arp])"),
        ("wlan addr1 aa:bb:cc:dd:ee:ff or ta 1:2:3:4:5:6",
         "(or [link/addr1/default aa:bb:cc:dd:ee:ff] [default/ta/default 1:2:3:4:5:6])"),
        ("ip protochain 6 or gateway g", "(or [ip/default/protochain 6] [default/default/gateway 'g'])"),
        ("tcp portrange 1-2 or 3-4", "(or [tcp/default/portrange '1-2'] [tcp/default/portrange '3-4'])"),
    ])
    func inheritance(expression: String, expected: String) throws {
        #expect(try tree(expression) == expected)
    }
}

@Suite("Parser: arithmetic")
struct ParserArithmeticTests {
    @Test("operator precedence as bison resolves libpcap's grammar (% and ^ have none)", arguments: [
        ("1 + 2 * 3 = 7", "(= (+ 1 (* 2 3)) 7)"),
        ("1 * 2 + 3 = 5", "(= (+ (* 1 2) 3) 5)"),
        ("1 - 2 - 3 = 0", "(= (- (- 1 2) 3) 0)"),
        ("8 / 2 / 2 = 2", "(= (/ (/ 8 2) 2) 2)"),
        ("1 | 2 & 3 << 4 + 5 * 6 = 0", "(= (| 1 (& 2 (<< 3 (+ 4 (* 5 6))))) 0)"),
        ("1 << 2 >> 3 = 0", "(= (>> (<< 1 2) 3) 0)"),
        ("1 % 2 + 3 = 1", "(= (% 1 (+ 2 3)) 1)"),
        ("1 + 2 % 3 + 4 = 3", "(= (+ 1 (% 2 (+ 3 4))) 3)"),
        ("2 * 3 % 4 = 6", "(= (* 2 (% 3 4)) 6)"),
        ("1 ^ 2 | 3 = 2", "(= (^ 1 (| 2 3)) 2)"),
        ("-1 % 2 = 0xffffffff", "(= (neg (% 1 2)) 4294967295)"),
        ("-1 * 2 = 0xfffffffe", "(= (* (neg 1) 2) 4294967294)"),
        ("- -1 = 1", "(= (neg (neg 1)) 1)"),
        ("1 - -1 = 2", "(= (- 1 (neg 1)) 2)"),
        ("(1) + 2 = 3", "(= (+ 1 2) 3)"),
        ("((1 + 2)) * 3 = 9", "(= (* (+ 1 2) 3) 9)"),
        ("len >= 100", "(>= len 100)"),
        ("length < 100", "(< len 100)"),
        ("tcp[tcpflags] & (tcp-syn|tcp-ack) != 0", "(!= (& tcp[13:1] (| 2 16)) 0)"),
        ("ip[2:2] - ((ip[0] & 0xf) << 2) > 40", "(> (- ip[2:2] (<< (& ip[0:1] 15) 2)) 40)"),
        ("ether[0:4] == 1", "(= link[0:4] 1)"),
        ("ip[ip[0]:2] <= 1", "(<= ip[ip[0:1]:2] 1)"),
        ("icmp[icmptype] = icmp-echo", "(= icmp[0:1] 8)"),
        ("ip6[icmp6type] = icmp6-multicastrouterterm", "(= ip6[0:1] 153)"),
        ("tcp[0:3] = 1", "(= tcp[0:3] 1)"),
        ("(len = 1)", "(= len 1)"),
        ("(tcp[0]) = 1", "(= tcp[0:1] 1)"),
    ])
    func arithmetic(expression: String, expected: String) throws {
        #expect(try tree(expression) == expected)
    }

    @Test("relational operators keep libpcap's jump and sense", arguments: [
        (">", RelationalOperator.greater, RelationalOperator.Jump.greater, false),
        (">=", .greaterOrEqual, .greaterOrEqual, false),
        ("=", .equal, .equal, false),
        ("==", .equal, .equal, false),
        ("<=", .lessOrEqual, .greater, true),
        ("<", .less, .greaterOrEqual, true),
        ("!=", .notEqual, .equal, true),
    ])
    func relations(text: String, op: RelationalOperator, jump: RelationalOperator.Jump, negated: Bool) throws {
        let parsed = try #require(try Parser.parse("len \(text) 1"))
        guard case .primitive(.relation(let actual, _, _)) = parsed.node else {
            Issue.record("not a relation: \(parsed)")
            return
        }
        #expect(actual == op)
        #expect(actual.jump == jump)
        #expect(actual.isNegated == negated)
    }
}

@Suite("Parser: numbers and addresses")
struct ParserLiteralTests {
    @Test("number forms", arguments: [
        ("0", UInt32(0)), ("80", 80), ("0x50", 0x50), ("0X1F", 0x1f), ("0xffffffff", 0xffff_ffff),
        ("4294967295", 4_294_967_295), ("0777", 0o777), ("07777777777", 0x3fff_ffff), ("03777777777", 0x1fff_ffff),
        ("00000000000000000001", 1), ("tcpflags", 13), ("tcp-syn", 2), ("tcp-cwr", 0x80),
        ("icmp-echo", 8), ("icmp-maskreply", 18), ("icmp6-echo", 128), ("icmp6type", 0),
    ])
    func numbers(text: String, value: UInt32) throws {
        #expect(try tree("len = \(text)") == "(= len \(value))")
    }

    @Test("numbers libpcap's lexer rejects", arguments: [
        ("4294967296", "number 4294967296 overflows 32 bits"),
        ("0x100000000", "number 0x100000000 overflows 32 bits"),
        ("0400000000000", "number 0400000000000 overflows 32 bits"),
        ("099", "number 099 contains non-octal digit"),
        ("08", "number 08 contains non-octal digit"),
    ])
    func badNumbers(text: String, message: String) {
        let error = failure("port \(text)")
        #expect(error?.message == message)
        #expect(error?.kind == .lexical)
        #expect(error?.range == SourceRange(5, 5 + text.utf8.count))
    }

    @Test("operands are classified as libpcap's lexer classifies them", arguments: [
        ("1.2.3.4", "ipv4 1.2.3.4"), ("10.1", "ipv4 10.1"), ("0x1.0x2", "ipv4 0x1.0x2"),
        ("1.2.3.4.5", "name 1.2.3.4.5"), ("1.2.3.", "name 1.2.3."), ("100.1.2.3.4.5", "name 100.1.2.3.4.5"),
        ("1.2.3.4.5.6", "mac 1.2.3.4.5.6"), ("10.20.30.40.50.60", "mac 10.20.30.40.50.60"),
        ("aa:bb:cc:dd:ee:ff", "mac aa:bb:cc:dd:ee:ff"), ("1-2-3-4-5-6", "mac 1-2-3-4-5-6"),
        ("0102.0304.0506", "mac 0102.0304.0506"), ("012345678901", "mac 012345678901"),
        ("deadbeef0001", "mac deadbeef0001"), ("037777777777", "mac 037777777777"), ("deadbeef00011", "name deadbeef00011"),
        ("1::2", "ipv6 1::2"), ("::", "ipv6 ::"), ("::1.2.3.4", "ipv6 ::1.2.3.4"),
        ("1:2:3:4:5:6:7:8", "ipv6 1:2:3:4:5:6:7:8"), ("1:2:3:4:5:6:1.2.3.4", "ipv6 1:2:3:4:5:6:1.2.3.4"),
        ("$1", "arcnet $1"), ("$1f", "arcnet $1f"),
        ("foo.bar", "name foo.bar"), ("a-b_c", "name a-b_c"), ("1e", "name 1e"), ("0x", "name 0x"),
        ("\\ip", "escaped ip"), ("\\tcp]x", "escaped tcp]x"), ("80-90", "name 80-90"),
        ("42", "number 42"), ("(42)", "number 42"), ("((42))", "number 42"),
    ])
    func operands(text: String, expected: String) throws {
        let parsed = try #require(try Parser.parse("host \(text)"))
        guard case .primitive(.qualified(_, let operand)) = parsed.node else {
            Issue.record("not a qualified primitive: \(parsed)")
            return
        }
        let kind: String
        switch operand {
        case .number(let n): kind = "number \(n)"
        case .ipv4(let a): kind = "ipv4 \(a.text)"
        case .ipv6(let a): kind = "ipv6 \(a.text)"
        case .mac(let a): kind = "mac \(a.text)"
        case .arcnet(let a): kind = "arcnet \(a.text)"
        case .name(let name, let escaped): kind = escaped ? "escaped \(name)" : "name \(name)"
        default: kind = "\(operand)"
        }
        #expect(kind == expected)
    }

    @Test("address values")
    func addressValues() throws {
        let v6 = try #require(try Parser.parse("host 1::ffff:1.2.3.4"))
        #expect(v6.node == .primitive(.qualified(Qualifiers(address: .host), .ipv6(IPv6Literal(
            text: "1::ffff:1.2.3.4", bytes: [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4])))))
        for text in ["aa:bb:cc:dd:ee:ff", "aa-bb-cc-dd-ee-ff", "aa.bb.cc.dd.ee.ff", "aabb.ccdd.eeff", "aabbccddeeff"] {
            let mac = try #require(try Parser.parse("ether host \(text)"))
            #expect(mac.node == .primitive(.qualified(Qualifiers(proto: .link, address: .host),
                .mac(MACLiteral(text: text, bytes: [0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff])))))
        }
        let short = try #require(try Parser.parse("ether host 1:2:3:4:5:6"))
        #expect(short.node == .primitive(.qualified(Qualifiers(proto: .link, address: .host),
            .mac(MACLiteral(text: "1:2:3:4:5:6", bytes: [1, 2, 3, 4, 5, 6])))))
        #expect(IPv4Literal(text: "10.1").value == 0x0a01)
        #expect(IPv4Literal(text: "192.168.1.1").value == 0xc0a8_0101)
        #expect(IPv4Literal(text: "12.500").value == nil)
        #expect(IPv4Literal(text: "12.500").partCount == 2)
        let arc = try #require(try Parser.parse("link host $1f"))
        #expect(arc.node == .primitive(.qualified(Qualifiers(proto: .link, address: .host),
            .arcnet(ARCnetLiteral(text: "$1f", value: 0x1f)))))
    }

    @Test("network forms", arguments: [
        ("net 10.0.0.0/8", "[default/default/net 10.0.0.0/8]"),
        ("net 10.0.0.0 mask 255.0.0.0", "[default/default/net 10.0.0.0 mask 255.0.0.0]"),
        ("ip6 net 2001:db8::/32", "[ip6/default/net 2001:db8::/32]"),
        ("net 1::/0x10", "[default/default/net 1::/16]"),
        ("net 10", "[default/default/net 10]"),
    ])
    func networks(expression: String, expected: String) throws {
        #expect(try tree(expression) == expected)
    }

    @Test("addresses libpcap's lexer rejects", arguments: [
        ("host 1:2:3", "bogus ethernet address 1:2:"),
        ("host 1:2:3:4:5:6:7", "bogus ethernet address 1:2:3:4:5:6:"),
        ("host 1::2::3", "bogus ethernet address 1::2::"),
        ("host ab:cd:ef:0g:00:00", "bogus ethernet address ab:cd:ef:"),
        ("host ::01.2.3.4", "bogus IPv6 address ::01.2.3.4"),
        ("host ::1.2.3.256", "bogus IPv6 address ::1.2.3.256"),
        ("host ::0x1.2.3.4", "bogus IPv6 address ::0x1.2.3.4"),
    ])
    func badAddresses(expression: String, message: String) {
        #expect(failure(expression)?.message == message)
        #expect(failure(expression)?.kind == .lexical)
    }
}

@Suite("Parser: keyword groups")
struct ParserKeywordTests {
    @Test("every primitive form", arguments: [
        ("tcp", "tcp"), ("ip6", "ip6"), ("ether", "link"), ("wlan", "link"), ("fddi", "link"), ("tr", "link"),
        ("ppp", "link"), ("slip", "link"), ("link", "link"), ("es-is", "esis"), ("is-is", "isis"), ("l1", "isisL1"),
        ("l2", "isisL2"), ("iih", "isisIIH"), ("lsp", "isisLSP"), ("snp", "isisSNP"), ("csnp", "isisCSNP"),
        ("psnp", "isisPSNP"), ("carp", "carp"), ("vrrp", "vrrp"), ("radio", "radio"), ("netbeui", "netbeui"),
        ("broadcast", "broadcast(default)"), ("ether broadcast", "broadcast(link)"),
        ("ip multicast", "multicast(ip)"), ("ip6 multicast", "multicast(ip6)"),
        ("less 10", "less(10)"), ("greater 20", "greater(20)"),
        ("byte 1 = 2", "byte(1 = 2)"), ("byte 1 == 2", "byte(1 = 2)"), ("byte 3 & 4", "byte(3 & 4)"),
        ("byte 3 | 4", "byte(3 | 4)"), ("byte 3 < 4", "byte(3 < 4)"), ("byte 3 > 4", "byte(3 > 4)"),
        ("inbound", "inbound"), ("outbound", "outbound"), ("ifindex 3", "ifindex(3)"),
        ("vlan", "vlan(-)"), ("vlan 100", "vlan(100)"), ("vlan (100)", "vlan(100)"), ("mpls", "mpls(-)"),
        ("mpls 3", "mpls(3)"), ("pppoed", "pppoed"), ("pppoes", "pppoes(-)"), ("pppoes 7", "pppoes(7)"),
        ("geneve", "geneve(-)"), ("geneve 5", "geneve(5)"),
        ("on eth0", "pf-ifname(eth0)"), ("ifname \\on", "pf-ifname(on)"), ("rset foo", "pf-ruleset(foo)"),
        ("ruleset foo", "pf-ruleset(foo)"), ("rnr 1", "pf-rnr(1)"), ("rulenum 1", "pf-rnr(1)"),
        ("srnr 2", "pf-srnr(2)"), ("subrulenum 2", "pf-srnr(2)"), ("reason 3", "pf-reason(3)"),
        ("reason match", "pf-reason(match)"), ("reason nosuch", "pf-reason(nosuch)"),
        ("action pass", "pf-action(pass)"),
        ("type mgt", "wlan-type(0x0/0xc)"), ("wlan type ctl", "wlan-type(0x4/0xc)"),
        ("type DATA", "wlan-type(0x8/0xc)"),
        ("type 4 subtype rts", "wlan-type(0xb4/0xfc)"), ("type mgt subtype beacon", "wlan-type(0x80/0xfc)"),
        ("type mgt subtype 0x10", "wlan-type(0x10/0xfc)"), ("type data subtype qos", "wlan-type(0xc8/0xfc)"),
        ("subtype beacon", "wlan-type(0x80/0xfc)"), ("subtype qos-data", "wlan-type(0x88/0xfc)"),
        ("subtype ack", "wlan-type(0xd4/0xfc)"), ("tcp type mgt", "wlan-type(0x0/0xc)"),
        ("dir tods", "wlan-dir(1)"), ("direction DSTODS", "wlan-dir(3)"), ("dir 7", "wlan-dir(7)"),
        ("llc", "llc(any)"), ("llc i", "llc(information)"), ("llc S", "llc(supervisory)"),
        ("llc u", "llc(unnumbered)"),
        ("llc rr", "llc(supervisorySubtype(1))"), ("llc rnr", "llc(supervisorySubtype(5))"),
        ("llc RNR", "llc(supervisorySubtype(5))"), ("llc rej", "llc(supervisorySubtype(9))"),
        ("llc ui", "llc(unnumberedSubtype(3))"), ("llc xid", "llc(unnumberedSubtype(175))"),
        ("lane", "atm(lane)"), ("metac", "atm(metac)"), ("bcc", "atm(bcc)"), ("oamf4ec", "atm(oamf4ec)"),
        ("oamf4sc", "atm(oamf4sc)"), ("sc", "atm(sc)"), ("ilmic", "atm(ilmic)"), ("oam", "atm(oam)"),
        ("oamf4", "atm(oamf4)"), ("connectmsg", "atm(connectmsg)"), ("metaconnect", "atm(metaconnect)"),
        ("vpi 1", "(= vpi 1)"), ("vci > 3", "(> vci 3)"), ("vpi != 2", "(!= vpi 2)"),
        ("vpi (1 or 2)", "(or (= vpi 1) (= vpi 2))"),
        ("fisu", "mtp2(fisu)"), ("lssu", "mtp2(lssu)"), ("lsu", "mtp2(lssu)"), ("msu", "mtp2(msu)"),
        ("hfisu", "mtp2(hfisu)"), ("hlssu", "mtp2(hlssu)"), ("hmsu", "mtp2(hmsu)"),
        ("sio 3", "(= sio 3)"), ("opc <= 4", "(<= opc 4)"),
        ("dpc (1 || 2 || 3)", "(or (or (= dpc 1) (= dpc 2)) (= dpc 3))"),
        ("sls >= 1", "(>= sls 1)"), ("hsio 1", "(= hsio 1)"), ("hopc 1", "(= hopc 1)"), ("hdpc < 1", "(< hdpc 1)"),
        ("hsls 1", "(= hsls 1)"),
        ("ip proto \\tcp", "[ip/default/proto \\tcp]"), ("proto 6", "[default/default/proto 6]"),
        ("ip6 protochain 6", "[ip6/default/protochain 6]"), ("gateway g", "[default/default/gateway 'g']"),
        ("decnet src 10.20", "[decnet/src/default 10.20]"), ("wlan ra 1:2:3:4:5:6", "[link/ra/default 1:2:3:4:5:6]"),
        ("addr2 1:2:3:4:5:6", "[default/addr2/default 1:2:3:4:5:6]"),
        ("address3 1:2:3:4:5:6", "[default/addr3/default 1:2:3:4:5:6]"),
        ("tcp dst portrange 1-1023", "[tcp/dst/portrange '1-1023']"), ("src port 53", "[default/src/port 53]"),
    ])
    func keyword(expression: String, expected: String) throws {
        #expect(try tree(expression) == expected)
    }
}

@Suite("Parser: errors")
struct ParserErrorTests {
    /// Expressions libpcap 1.10.3 rejects while parsing, with its message and the offending text.
    @Test("message and position", arguments: [
        ("tcp udp", "can't parse filter expression: syntax error", 4, 7),
        ("tcp and", "can't parse filter expression: syntax error", 7, 7),
        ("and tcp", "can't parse filter expression: syntax error", 0, 3),
        ("tcp or or udp", "can't parse filter expression: syntax error", 7, 9),
        ("(tcp", "can't parse filter expression: syntax error", 4, 4),
        ("tcp)", "can't parse filter expression: syntax error", 3, 4),
        ("()", "can't parse filter expression: syntax error", 1, 2),
        ("1", "can't parse filter expression: syntax error", 1, 1),
        ("len", "can't parse filter expression: syntax error", 3, 3),
        ("TCP", "can't parse filter expression: syntax error", 0, 3),
        ("tcp-syn", "can't parse filter expression: syntax error", 7, 7),
        ("net 10/8", "can't parse filter expression: syntax error", 6, 7),
        ("host ((a))", "can't parse filter expression: syntax error", 7, 8),
        ("host a or ((b))", "can't parse filter expression: syntax error", 12, 13),
        ("1 = 2 = 3", "can't parse filter expression: syntax error", 6, 7),
        ("src or a", "can't parse filter expression: syntax error", 7, 8),
        ("src broadcast", "can't parse filter expression: syntax error", 4, 13),
        ("ip proto tcp", "can't parse filter expression: syntax error", 9, 12),
        ("less 10 + 1", "can't parse filter expression: syntax error", 8, 9),
        ("less (10)", "can't parse filter expression: syntax error", 5, 6),
        ("byte 1 >= 2", "can't parse filter expression: syntax error", 7, 9),
        ("vlan (1 + 1)", "can't parse filter expression: syntax error", 8, 9),
        ("vpi ((1))", "can't parse filter expression: syntax error", 5, 6),
        ("on 1", "can't parse filter expression: syntax error", 3, 4),
        ("action 1", "can't parse filter expression: syntax error", 7, 8),
        ("subtype 1", "can't parse filter expression: syntax error", 8, 9),
        ("llc 1", "can't parse filter expression: syntax error", 4, 5),
        ("tcp[0:(2)] = 1", "can't parse filter expression: syntax error", 6, 7),
        ("host 1::2 mask 1::", "can't parse filter expression: syntax error", 10, 14),
        ("host 1::abcde", "can't parse filter expression: syntax error", 12, 13),
        ("ether host $", "can't parse filter expression: syntax error", 11, 12),
        ("host a_", "can't parse filter expression: syntax error", 6, 7),
        ("host \\", "can't parse filter expression: syntax error", 5, 6),
        ("host é", "can't parse filter expression: syntax error", 5, 7),
        ("tcp port 80 or 1.2.3.4", "'port' modifier applied to ip host", 15, 22),
        ("tcp portrange 1.2.3.4", "'portrange' modifier applied to ip host", 14, 21),
        ("proto 1.2.3.4", "'proto' modifier applied to ip host", 6, 13),
        ("protochain 1.2.3.4", "'protochain' modifier applied to ip host", 11, 18),
        ("type 3", "invalid 802.11 type value 0x03", 5, 6),
        ("type foo", "unknown 802.11 type name \"foo\"", 5, 8),
        ("type mgt subtype 0x11", "invalid 802.11 subtype value 0x11", 17, 21),
        ("type mgt subtype 0x123", "invalid 802.11 subtype value 0x123", 17, 22),
        ("type mgt subtype foo", "unknown 802.11 subtype name \"foo\"", 17, 20),
        ("type 12 subtype rts", "unknown 802.11 type", 16, 19),
        ("subtype foo", "unknown 802.11 type name", 8, 11),
        ("dir foo", "unknown 802.11 direction", 4, 7),
        ("llc foo", "unknown LLC type name \"foo\"", 4, 7),
        ("wlan type foo 0x1ffffffff", "unknown 802.11 type name \"foo\"", 10, 13),
        ("tcp port 80 or 0x1ffffffff", "number 0x1ffffffff overflows 32 bits", 15, 26),
        ("tcp tcp 0x1ffffffff", "can't parse filter expression: syntax error", 4, 7),
        ("host 1::2::3 tcp", "bogus ethernet address 1::2::", 5, 11),
    ])
    func errors(expression: String, message: String, lower: Int, upper: Int) {
        let error = failure(expression)
        #expect(error?.message == message)
        #expect(error?.range == SourceRange(lower, upper))
    }

    @Test("nesting deeper than the limit is an error, not a crash", arguments: [
        String(repeating: "(", count: 300) + "tcp" + String(repeating: ")", count: 300),
        String(repeating: "not ", count: 300) + "tcp",
        "host " + String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300),
        String(repeating: "-", count: 300) + "1 = 1",
        String(repeating: "ip[", count: 300) + "0" + String(repeating: "]", count: 300) + " = 1",
    ])
    func tooDeep(expression: String) {
        #expect(failure(expression)?.kind == .nestingTooDeep)
    }

    @Test("nesting up to the limit parses")
    func deepButAllowed() throws {
        let depth = Parser.maximumNestingDepth - 1
        let parens = String(repeating: "(", count: depth) + "tcp" + String(repeating: ")", count: depth)
        #expect(try tree(parens) == "tcp")
        let nots = String(repeating: "! ", count: depth) + "tcp"
        #expect(try Parser.parse(nots) != nil)
    }

    @Test("long and/or chains need no nesting")
    func longChains() throws {
        let chain = (1...5000).map { "host 10.0.\($0 / 256).\($0 % 256)" }.joined(separator: " or ")
        let parsed = try #require(try Parser.parse(chain))
        #expect(parsed.range == SourceRange(0, chain.utf8.count))
    }

    @Test("render puts a caret line under the offending text")
    func render() throws {
        let error = try #require(failure("tcp port 80 and and udp"))
        #expect(error.render(expression: "tcp port 80 and and udp") == """
            can't parse filter expression: syntax error
            tcp port 80 and and udp
                            ^~~
            """)
        let end = try #require(failure("tcp and"))
        #expect(end.render(expression: "tcp and") == "can't parse filter expression: syntax error\ntcp and\n       ^")
        let tab = try #require(failure("tcp\tudp"))
        #expect(tab.render(expression: "tcp\tudp") == "can't parse filter expression: syntax error\ntcp\tudp\n   \t^~~")
        let noRange = FilterError.semantic("expression rejects all packets", at: nil)
        #expect(noRange.render(expression: "tcp") == "expression rejects all packets")
    }
}
