import BPFCore
import PcapOracle
import Testing

/// Checks the libpcap oracle wrappers that other suites rely on.
@Suite struct PcapOracleTests {
    /// An IPv4/TCP Ethernet frame (54 bytes: Ethernet, IPv4 without options, TCP without options).
    static let tcpFrame: [UInt8] = [
        0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x08, 0x00,
        0x45, 0x00, 0x00, 0x28, 0x00, 0x01, 0x00, 0x00, 0x40, 0x06, 0x00, 0x00,
        0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02,
        0x30, 0x39, 0x00, 0x50, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0x20, 0x00, 0, 0, 0, 0,
    ]

    @Test func compileTCPOnEthernet() throws {
        let program = try PcapOracle.compile("tcp", linkType: .en10mb, optimize: true).get()
        #expect(program.count == 12)
        #expect(program.instructions.first == Instruction(code: 0x28, k: 12))
        #expect(program.instructions.last == Instruction(code: 0x06, k: 0))
        #expect(program.instructions[10] == Instruction(code: 0x06, k: 262144))
        let unoptimized = try PcapOracle.compile("tcp", linkType: .en10mb, optimize: false, snaplen: 65535).get()
        #expect(unoptimized.count > program.count)
        #expect(unoptimized.instructions.contains(Instruction(code: 0x06, k: 65535)))
    }

    @Test func compileReportsLibpcapErrors() {
        switch PcapOracle.compile("tcp port", linkType: .en10mb, optimize: true) {
        case .success(let program): Issue.record("expected a syntax error, got \(program.count) instructions")
        case .failure(let error): #expect(error.message.contains("syntax error"))
        }
        switch PcapOracle.compile("ip broadcast", linkType: .en10mb, optimize: true, netmask: 0xffff_ffff) {
        case .success: Issue.record("expected 'netmask not known'")
        case .failure(let error): #expect(error.message.contains("netmask not known"))
        }
    }

    @Test func imageMatchesTcpdumpText() {
        #expect(PcapOracle.image(Instruction(code: 0x28, k: 12), pc: 0) == "(000) ldh      [12]")
        #expect(PcapOracle.image(Instruction(code: 0x15, jt: 0, jf: 2, k: 0x800), pc: 1)
            == "(001) jeq      #0x800           jt 2\tjf 4")
        #expect(PcapOracle.image(Instruction(code: 0x07), pc: 5) == "(005) tax      ")
    }

    @Test func filterRunsLibpcapInterpreter() throws {
        let program = try PcapOracle.compile("tcp", linkType: .en10mb, optimize: true).get()
        #expect(PcapOracle.filter(program, packet: Self.tcpFrame, wireLength: 54) == 262144)
        var udp = Self.tcpFrame
        udp[23] = 17
        #expect(PcapOracle.filter(program, packet: udp, wireLength: 54) == 0)
        // Truncated capture: the protocol byte is not captured, so the load fails.
        #expect(PcapOracle.filter(program, packet: Array(Self.tcpFrame.prefix(20)), wireLength: 54) == 0)
        // `len` is the wire length, not the captured length.
        let length = Program([Instruction(code: 0x80), Instruction(code: 0x16)])
        #expect(PcapOracle.filter(length, packet: Array(Self.tcpFrame.prefix(20)), wireLength: 1514) == 1514)
    }
}
