/// The fixed part of an Ethernet II / 802.3 header.
public struct EthernetHeader: Sendable {
    /// Destination MAC.
    public var destination: MACAddress
    /// Source MAC.
    public var source: MACAddress
    /// Ethernet type (> 1500) or 802.3 length (≤ 1500).
    public var typeOrLength: UInt16

    /// Decodes the 14 bytes at the start of `v`.
    public init(_ v: ByteView) throws(Truncated) {
        destination = try MACAddress(v, at: 0)
        source = try MACAddress(v, at: 6)
        typeOrLength = try v.u16(12)
    }
}

/// An 802.1Q / 802.1ad tag: the 16-bit TCI and the type that follows it.
public struct VLANTag: Sendable {
    /// Tag control information.
    public var tci: UInt16
    /// The type or length after the tag.
    public var innerType: UInt16
    /// VLAN identifier (12 bits).
    public var id: UInt16 { tci & 0x0fff }
    /// Priority code point (3 bits).
    public var priority: UInt16 { tci >> 13 }
    /// Drop-eligible indicator.
    public var dropEligible: Bool { tci & 0x1000 != 0 }

    /// Decodes the 4 bytes at the start of `v`.
    public init(_ v: ByteView) throws(Truncated) {
        tci = try v.u16(0)
        innerType = try v.u16(2)
    }
}

/// The fixed 20 bytes of an IPv4 header.
public struct IPv4Header: Sendable {
    /// Version and header length byte.
    public var versionAndLength: UInt8
    /// Type of service (DSCP and ECN).
    public var tos: UInt8
    /// Total length field.
    public var totalLength: UInt16
    /// Identification.
    public var id: UInt16
    /// Flags (top 3 bits) and fragment offset (in 8-byte units).
    public var flagsAndOffset: UInt16
    /// Time to live.
    public var ttl: UInt8
    /// The payload protocol.
    public var proto: UInt8
    /// Header checksum.
    public var checksum: UInt16
    /// Source address.
    public var source: IPv4Address
    /// Destination address.
    public var destination: IPv4Address

    /// The version nibble.
    public var version: UInt8 { versionAndLength >> 4 }
    /// Header length in bytes.
    public var headerLength: Int { Int(versionAndLength & 0x0f) * 4 }
    /// Fragment offset in bytes.
    public var fragmentOffset: Int { Int(flagsAndOffset & 0x1fff) * 8 }
    /// More-fragments flag.
    public var moreFragments: Bool { flagsAndOffset & 0x2000 != 0 }
    /// Don't-fragment flag.
    public var dontFragment: Bool { flagsAndOffset & 0x4000 != 0 }
    /// The reserved (evil) bit.
    public var reservedFlag: Bool { flagsAndOffset & 0x8000 != 0 }

    /// Decodes the 20 bytes at the start of `v`.
    public init(_ v: ByteView) throws(Truncated) {
        try v.check(0, 20)
        versionAndLength = try v.u8(0)
        tos = try v.u8(1)
        totalLength = try v.u16(2)
        id = try v.u16(4)
        flagsAndOffset = try v.u16(6)
        ttl = try v.u8(8)
        proto = try v.u8(9)
        checksum = try v.u16(10)
        source = try IPv4Address(v, at: 12)
        destination = try IPv4Address(v, at: 16)
    }
}

/// The fixed 40 bytes of an IPv6 header.
public struct IPv6Header: Sendable {
    /// Version, traffic class and flow label.
    public var versionClassFlow: UInt32
    /// Payload length (0 with a jumbo payload option).
    public var payloadLength: UInt16
    /// The first next-header value.
    public var nextHeader: UInt8
    /// Hop limit.
    public var hopLimit: UInt8
    /// Source address.
    public var source: IPv6Address
    /// Destination address.
    public var destination: IPv6Address

    /// The version nibble.
    public var version: UInt8 { UInt8(truncatingIfNeeded: versionClassFlow >> 28) }
    /// Traffic class.
    public var trafficClass: UInt8 { UInt8(truncatingIfNeeded: versionClassFlow >> 20) }
    /// Flow label (20 bits).
    public var flowLabel: UInt32 { versionClassFlow & 0x000f_ffff }

    /// Decodes the 40 bytes at the start of `v`.
    public init(_ v: ByteView) throws(Truncated) {
        try v.check(0, 40)
        versionClassFlow = try v.u32(0)
        payloadLength = try v.u16(4)
        nextHeader = try v.u8(6)
        hopLimit = try v.u8(7)
        source = try IPv6Address(v, at: 8)
        destination = try IPv6Address(v, at: 24)
    }
}

/// The fixed 20 bytes of a TCP header.
public struct TCPHeader: Sendable {
    /// Source port.
    public var sourcePort: UInt16
    /// Destination port.
    public var destinationPort: UInt16
    /// Sequence number.
    public var sequence: UInt32
    /// Acknowledgment number.
    public var acknowledgment: UInt32
    /// Data offset byte (header length in the top nibble).
    public var dataOffsetByte: UInt8
    /// Flags: FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, URG 0x20, ECE 0x40, CWR 0x80.
    public var flags: UInt8
    /// Receive window.
    public var window: UInt16
    /// Checksum.
    public var checksum: UInt16
    /// Urgent pointer.
    public var urgentPointer: UInt16

    /// Header length in bytes (options included).
    public var headerLength: Int { Int(dataOffsetByte >> 4) * 4 }

    /// Decodes the 20 bytes at the start of `v`.
    public init(_ v: ByteView) throws(Truncated) {
        try v.check(0, 20)
        sourcePort = try v.u16(0)
        destinationPort = try v.u16(2)
        sequence = try v.u32(4)
        acknowledgment = try v.u32(8)
        dataOffsetByte = try v.u8(12)
        flags = try v.u8(13)
        window = try v.u16(14)
        checksum = try v.u16(16)
        urgentPointer = try v.u16(18)
    }
}

/// A UDP header.
public struct UDPHeader: Sendable {
    /// Source port.
    public var sourcePort: UInt16
    /// Destination port.
    public var destinationPort: UInt16
    /// Length field (header included).
    public var length: UInt16
    /// Checksum (0 = none over IPv4).
    public var checksum: UInt16

    /// Decodes the 8 bytes at the start of `v`.
    public init(_ v: ByteView) throws(Truncated) {
        try v.check(0, 8)
        sourcePort = try v.u16(0)
        destinationPort = try v.u16(2)
        length = try v.u16(4)
        checksum = try v.u16(6)
    }
}

/// The first 8 bytes of an ICMP or ICMPv6 message.
public struct ICMPHeader: Sendable {
    /// Message type.
    public var type: UInt8
    /// Message code.
    public var code: UInt8
    /// Checksum.
    public var checksum: UInt16
    /// The type-specific 32 bits (identifier and sequence for echo, MTU, pointer, gateway…).
    public var rest: UInt32

    /// Identifier (echo messages).
    public var identifier: UInt16 { UInt16(truncatingIfNeeded: rest >> 16) }
    /// Sequence number (echo messages).
    public var sequence: UInt16 { UInt16(truncatingIfNeeded: rest) }

    /// Decodes the 8 bytes at the start of `v`.
    public init(_ v: ByteView) throws(Truncated) {
        try v.check(0, 8)
        type = try v.u8(0)
        code = try v.u8(1)
        checksum = try v.u16(2)
        rest = try v.u32(4)
    }
}

/// The fixed 8 bytes of an ARP packet, and where its variable-length addresses lie.
public struct ARPHeader: Sendable {
    /// Hardware type (1 = Ethernet).
    public var hardwareType: UInt16
    /// Protocol type (an Ethernet type; 0x0800 = IPv4).
    public var protocolType: UInt16
    /// Hardware address length.
    public var hardwareLength: Int
    /// Protocol address length.
    public var protocolLength: Int
    /// Operation (1 request, 2 reply, 3/4 RARP, 8/9 InARP).
    public var operation: UInt16

    /// Offset of the sender hardware address.
    public var senderHardwareOffset: Int { 8 }
    /// Offset of the sender protocol address.
    public var senderProtocolOffset: Int { 8 + hardwareLength }
    /// Offset of the target hardware address.
    public var targetHardwareOffset: Int { 8 + hardwareLength + protocolLength }
    /// Offset of the target protocol address.
    public var targetProtocolOffset: Int { 8 + 2 * hardwareLength + protocolLength }

    /// Decodes the 8 bytes at the start of `v`.
    public init(_ v: ByteView) throws(Truncated) {
        try v.check(0, 8)
        hardwareType = try v.u16(0)
        protocolType = try v.u16(2)
        hardwareLength = Int(try v.u8(4))
        protocolLength = Int(try v.u8(5))
        operation = try v.u16(6)
    }
}

/// The 12-byte DNS message header.
public struct DNSHeader: Sendable {
    /// Transaction id.
    public var id: UInt16
    /// Flags word.
    public var flags: UInt16
    /// Question count.
    public var questions: Int
    /// Answer count.
    public var answers: Int
    /// Authority count.
    public var authorities: Int
    /// Additional count.
    public var additionals: Int

    /// True for a response.
    public var isResponse: Bool { flags & 0x8000 != 0 }
    /// The opcode (0 query, 1 inverse query, 2 status, 4 notify, 5 update…).
    public var opcode: Int { Int((flags >> 11) & 0xf) }
    /// The 4-bit response code of the header (EDNS may extend it).
    public var responseCode: Int { Int(flags & 0xf) }

    /// Decodes the 12 bytes at the start of `v`.
    public init(_ v: ByteView) throws(Truncated) {
        try v.check(0, 12)
        id = try v.u16(0)
        flags = try v.u16(2)
        questions = Int(try v.u16(4))
        answers = Int(try v.u16(6))
        authorities = Int(try v.u16(8))
        additionals = Int(try v.u16(10))
    }
}
