@testable import FilterLang
import Testing

/// The /etc file readers behind ``SystemNames`` and the in-memory resolver.
@Suite struct CodeGenNamesTests {
    @Test func ethersFileLookup() {
        let text = """
        # comment
        aa:00:04:00:14:0e eth-a.example   # trailing comment
        1:2:3:4:5:6\tSecond
        zz:00:00:00:00:00 broken
        """
        #expect(EthersFile.lookup("ETH-A.example", in: text) == [0xaa, 0x00, 0x04, 0x00, 0x14, 0x0e])
        #expect(EthersFile.lookup("second", in: text) == [1, 2, 3, 4, 5, 6])
        #expect(EthersFile.lookup("broken", in: text) == nil)
        #expect(EthersFile.lookup("missing", in: text) == nil)
    }

    @Test func networksFileLookup() {
        let text = """
        loopback 127.0.0.0
        net-10-20 10.20 alias-a alias-b
        # link-local 169.254.0.0
        """
        #expect(NetworksFile.lookup("loopback", in: text) == 0x7f00_0000)
        #expect(NetworksFile.lookup("net-10-20", in: text) == 0x0a14)
        #expect(NetworksFile.lookup("ALIAS-B", in: text) == 0x0a14)
        #expect(NetworksFile.lookup("link-local", in: text) == nil)
    }

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
