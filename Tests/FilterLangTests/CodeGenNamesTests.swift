@testable import FilterLang
import Testing

/// The in-memory resolver (the /etc file parsers behind ``SystemNames`` are tested in NetDBTests).
@Suite struct CodeGenNamesTests {
    /// A network name whose number has fewer than four parts is shifted to the top, as libpcap does.
    @Test func shortNetworkNumbersAreShifted() throws {
        let names = InMemoryNames(networks: ["ten": 0x0a])
        let short = try FilterCompiler(linkType: .raw, names: names).compile("net ten", optimize: false)
        let literal = try FilterCompiler(linkType: .raw, names: names).compile("net 10.0.0.0/8", optimize: false)
        #expect(short == literal)
    }

    /// A service known only for UDP makes `port` UDP-only; one with different TCP and UDP numbers is TCP-only.
    @Test func serviceProtocolsNarrowPorts() throws {
        let names = InMemoryNames(services: ["u/udp": 99, "split/tcp": 10, "split/udp": 11])
        let c = FilterCompiler(linkType: .en10mb, names: names)
        #expect(try c.compile("port u", optimize: false) == c.compile("udp port 99", optimize: false))
        #expect(try c.compile("port split", optimize: false) == c.compile("tcp port 10", optimize: false))
        do {
            _ = try c.compile("tcp port u", optimize: false)
            Issue.record("tcp port of a UDP-only service compiled")
        } catch {
            #expect(error.message == "port 'u' is udp")
        }
    }
}
