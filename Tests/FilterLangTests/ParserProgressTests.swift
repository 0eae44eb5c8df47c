import Foundation
import Testing
@testable import FilterLang

/// `Parser.parseForCompilation`: on failure, the primitives libpcap would already have compiled.
@Suite("Parser: completed primitives at a failure")
struct ParserProgressTests {
    @Test("primitives completed before the error, in libpcap's order", arguments: [
        ("host a8:29", "can't parse filter expression: syntax error", ["[default/default/host 'a8']"]),
        ("host a 0x1ffffffff", "number 0x1ffffffff overflows 32 bits", ["[default/default/host 'a']"]),
        ("ether host 1.2.3.4 0x1ffffffff", "number 0x1ffffffff overflows 32 bits", ["[link/default/host 1.2.3.4]"]),
        ("port 80 1::2::3", "bogus ethernet address 1::2::", ["[default/default/port 80]"]),
        ("vlan 1 x", "can't parse filter expression: syntax error", ["vlan(1)"]),
        ("vpi (1 or 2 x", "can't parse filter expression: syntax error", ["(= vpi 1)", "(= vpi 2)"]),
        ("tcp and len = 1 and (udp or", "can't parse filter expression: syntax error", ["tcp", "(= len 1)", "udp"]),
        ("host a or tcp port 80 or 1.2.3.4", "'port' modifier applied to ip host",
         ["[default/default/host 'a']", "[tcp/default/port 80]"]),
        ("tcp port 80 or 1.2.3.4 0x1ffffffff", "number 0x1ffffffff overflows 32 bits", ["[tcp/default/port 80]"]),
        ("tcp port 80 or 1.2.3.4 $", "'port' modifier applied to ip host", ["[tcp/default/port 80]"]),
        ("host 1.2.3.4 mask", "can't parse filter expression: syntax error", []),
        ("ta net 010 -1 = 1", "can't parse filter expression: syntax error", ["[default/ta/net 8]"]),
        ("ip6 host 0x10 > 0x10", "can't parse filter expression: syntax error", ["[ip6/default/host 16]"]),
        ("host (80 - 1)", "can't parse filter expression: syntax error", ["[default/default/host 80]"]),
        ("vlan (80 - 1)", "can't parse filter expression: syntax error", []),
        // A bare protocol name is a term only before `)`, `and`, `or` or the end.
        ("ether x", "can't parse filter expression: syntax error", []),
        ("ether 1::2::3", "bogus ethernet address 1::2::", []),
        ("tcp and ether 0x1ffffffff", "number 0x1ffffffff overflows 32 bits", ["tcp"]),
        ("ether )", "can't parse filter expression: syntax error", ["link"]),
    ])
    func completed(expression: String, message: String, primitives: [String]) {
        do {
            _ = try Parser.parseForCompilation(expression)
            Issue.record("\(expression) parsed")
        } catch {
            #expect(error.error.message == message)
            #expect(error.completedPrimitives.map(\.description) == primitives)
        }
    }

    @Test("arithmetic of an unfinished relation, in reduction order", arguments: [
        ("tcp and len / 0 = )", ["tcp"], ["(/ len 0)"]),
        ("1 + 2 / 0 )", [], ["(/ 2 0)", "(+ 1 (/ 2 0))"]),
        ("1 + 0 / )", [], []),
        ("ip[1 % 0] + -tcp[0:3] +", [], ["(% 1 0)", "ip[(% 1 0):1]", "tcp[0:3]", "(neg tcp[0:3])", "(+ ip[(% 1 0):1] (neg tcp[0:3]))"]),
        ("len = 1 and len / 0 = 1 and (", ["(= len 1)", "(= (/ len 0) 1)"], []),
    ])
    func pendingArithmetic(expression: String, primitives: [String], arithmetic: [String]) {
        do {
            _ = try Parser.parseForCompilation(expression)
            Issue.record("\(expression) parsed")
        } catch {
            #expect(error.completedPrimitives.map(\.description) == primitives)
            #expect(error.pendingArithmetic.map(\.description) == arithmetic)
        }
    }

    /// Messages `tcpdump -d -y EN10MB` (libpcap 1.10.3) prints for these texts.
    @Test("the compiler reports libpcap's first error, code generation or parse", arguments: [
        ("host nosuchhost 0x1ffffffff", "unknown host 'nosuchhost'"),
        ("ether host 1.2.3.4 1::2::3", "illegal link layer address"),
        ("decnet host 1.2.3.4 0x1ffffffff", "number 0x1ffffffff overflows 32 bits"),
        ("ether 0x1ffffffff", "number 0x1ffffffff overflows 32 bits"),
        ("ether x", "can't parse filter expression: syntax error"),
        ("ether )", "link layer applied in wrong context"),
        ("ether or 0x1ffffffff", "link layer applied in wrong context"),
        ("len / 0 = )", "division by zero"),
        ("len / 0 0x1ffffffff", "division by zero"),
        ("vlan 1 0x1ffffffff", "number 0x1ffffffff overflows 32 bits"),
        ("ether = 0x1ffffffff", "can't parse filter expression: syntax error"),
    ])
    func compilerOrder(expression: String, message: String) {
        let compiler = FilterCompiler(linkType: .en10mb, names: InMemoryNames())
        #expect(throws: FilterError.self) { try compiler.compile(expression, optimize: false) }
        do {
            _ = try compiler.compile(expression, optimize: false)
        } catch {
            #expect(error.message.trimmingCharacters(in: .newlines) == message, "\(expression)")
        }
    }

    @Test("parseForCompilation returns what parse returns")
    func same() throws {
        for text in ["", "tcp port 80 or 443", "not (host a and b) or len > 3"] {
            #expect(try Parser.parseForCompilation(text) == (try Parser.parse(text)))
        }
    }
}
