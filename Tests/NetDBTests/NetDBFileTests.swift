#if canImport(Glibc)
import Glibc
#endif
import NetDB
import Testing

/// The /etc network database parsers: the shared line format, each file's entries, and (where the C library can
/// answer) agreement with the C library's own reading of this machine's files.
@Suite(.serialized) struct NetDBFileTests {
    @Test func recordsDropCommentsAndBlankLines() {
        let text = "# heading\n\n   \t \nhttp\t80/tcp   www # web\n  smtp 25/tcp mail#x\n#only\nlone"
        #expect(NetDBFile.records(in: text) == [["http", "80/tcp", "www"], ["smtp", "25/tcp", "mail"], ["lone"]])
    }

    @Test func servicesEntries() {
        let text = """
        tcpmux\t\t1/tcp\t\t\t\t# TCP port service multiplexer
        echo 7/tcp
        echo 7/udp
        http 80/tcp www www-http # WorldWideWeb HTTP
        alt 80/tcp
        toobig 65536/tcp
        negative -1/udp
        edge 65535/udp
        noproto 99
        badport x/tcp
        sctp-only 9/sctp
        """
        let entries = ServicesFile.entries(in: text)
        #expect(entries.map(\.name) == ["tcpmux", "echo", "echo", "http", "alt", "edge", "sctp-only"])
        #expect(entries[3] == ServiceEntry(name: "http", port: 80, transport: "tcp", aliases: ["www", "www-http"]))
        let tcp = ServicesFile.names(of: entries, transport: "tcp")
        #expect(tcp == [1: "tcpmux", 7: "echo", 80: "http"])  // the first line for a port wins
        #expect(ServicesFile.names(of: entries, transport: "udp") == [7: "echo", 65535: "edge"])
        #expect(ServicesFile.names(of: entries, transport: "sctp") == [9: "sctp-only"])
    }

    @Test func protocolsEntries() {
        let text = """
        ip\t0\tIP\t\t# internet protocol, pseudo protocol number
        icmp 1 ICMP
        hopopt 0 HOPOPT
        tcp 6 TCP
        reserved 255
        toobig 256 TOOBIG
        words abc
        lonely
        """
        let entries = ProtocolsFile.entries(in: text)
        #expect(entries.map(\.number) == [0, 1, 0, 6, 255])
        #expect(entries[0].aliases == ["IP"])
        #expect(ProtocolsFile.names(of: entries) == [0: "ip", 1: "icmp", 6: "tcp", 255: "reserved"])
    }

    @Test func ethersEntriesAndLookup() {
        let text = """
        # comment
        aa:00:04:00:14:0e eth-a.example   # trailing comment
        1:2:3:4:5:6\tSecond
        zz:00:00:00:00:00 broken
        1:2:3:4:5 short
        1:2:3:4:5:6:7 long
        ff:ff:ff:ff:ff:ff
        7:7:7:7:7:7 second
        """
        let entries = EthersFile.entries(in: text)
        #expect(entries.map(\.name) == ["eth-a.example", "Second", "second"])
        #expect(entries[0].addressValue == 0xaa00_0400_140e)
        #expect(EthersFile.lookup("ETH-A.example", in: text) == [0xaa, 0x00, 0x04, 0x00, 0x14, 0x0e])
        #expect(EthersFile.lookup("second", in: text) == [1, 2, 3, 4, 5, 6])  // case-insensitive; first wins
        #expect(EthersFile.lookup("broken", in: text) == nil)
        #expect(EthersFile.lookup("missing", in: text) == nil)
    }

    @Test func networksLookup() {
        let text = """
        loopback 127.0.0.0
        net-10-20 10.20 alias-a alias-b
        # link-local 169.254.0.0
        bad 10.x.0.0
        """
        #expect(NetworksFile.lookup("loopback", in: text) == 0x7f00_0000)
        #expect(NetworksFile.lookup("net-10-20", in: text) == 0x0a14)
        #expect(NetworksFile.lookup("ALIAS-B", in: text) == 0x0a14)
        #expect(NetworksFile.lookup("link-local", in: text) == nil)
        #expect(NetworksFile.lookup("bad", in: text) == nil)
    }

    #if canImport(Glibc)
    /// Every name and alias of this machine's /etc/services resolves, through the C library, to the port of its
    /// first entry for that transport; every number of the parsed table maps back to the parsed name.
    @Test func servicesAgreeWithTheCLibrary() throws {
        guard let text = NetDBFile.text(atPath: "/etc/services") else {
            print("skipping: /etc/services cannot be read")
            return
        }
        let entries = ServicesFile.entries(in: text)
        #expect(entries.count > 100)
        var firstPort: [String: UInt16] = [:]
        for entry in entries {
            for name in [entry.name] + entry.aliases where firstPort["\(name)/\(entry.transport)"] == nil {
                firstPort["\(name)/\(entry.transport)"] = entry.port
            }
        }
        for (key, port) in firstPort {
            let parts = key.split(separator: "/").map(String.init)
            let found = getservbyname(parts[0], parts[1]).map { UInt16(bigEndian: UInt16(truncatingIfNeeded: $0.pointee.s_port)) }
            #expect(found == port, "\(key)")
        }
        for (port, name) in ServicesFile.names(of: entries, transport: "tcp") {
            let found = getservbyport(Int32(UInt16(port).bigEndian), "tcp").map { String(cString: $0.pointee.s_name) }
            #expect(found == name, "\(port)/tcp")
        }
    }

    /// Every name and alias of this machine's /etc/protocols resolves, through the C library, to its first entry's
    /// number, and every number to the parsed official name.
    @Test func protocolsAgreeWithTheCLibrary() throws {
        guard let text = NetDBFile.text(atPath: "/etc/protocols") else {
            print("skipping: /etc/protocols cannot be read")
            return
        }
        let entries = ProtocolsFile.entries(in: text)
        #expect(entries.count > 10)
        var firstNumber: [String: UInt8] = [:]
        for entry in entries {
            for name in [entry.name] + entry.aliases where firstNumber[name] == nil { firstNumber[name] = entry.number }
        }
        for (name, number) in firstNumber {
            #expect(getprotobyname(name).map { Int($0.pointee.p_proto) } == Int(number), "\(name)")
        }
        for (number, name) in ProtocolsFile.names(of: entries) {
            #expect(getprotobynumber(Int32(number)).map { String(cString: $0.pointee.p_name) } == name, "\(number)")
        }
    }
    #endif
}
