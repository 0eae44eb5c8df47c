/// A BOOTP/DHCP message (RFC 951, RFC 2131) over the bytes of a UDP payload.
///
/// Fields are read on demand, so a short capture fails at exactly the first field that is missing (the printers
/// rely on that to stop where tcpdump stops). The layout is fixed: 236 bytes of header, then the vendor area
/// (RFC 1048 options after a magic cookie, or CMU vendor data, or anything else).
public struct BOOTPMessage {
    /// The message, starting at the op code.
    public let bytes: ByteView

    /// Offset of the client hardware address (16 bytes).
    public static let clientHardwareAddressOffset = 28
    /// Offset of the server host name (64 bytes, NUL-terminated).
    public static let serverNameOffset = 44
    /// Size of the server host name field.
    public static let serverNameSize = 64
    /// Offset of the boot file name (128 bytes, NUL-terminated).
    public static let bootFileOffset = 108
    /// Size of the boot file name field.
    public static let bootFileSize = 128
    /// Offset of the vendor area (the magic cookie for DHCP).
    public static let vendorOffset = 236

    /// Op code 1: a request from a client.
    public static let request: UInt8 = 1
    /// Op code 2: a reply from a server.
    public static let reply: UInt8 = 2

    /// Wraps the UDP payload `v`.
    public init(_ v: ByteView) { bytes = v }

    /// Op code (1 request, 2 reply).
    public func op() throws(Truncated) -> UInt8 { try bytes.u8(0) }
    /// Hardware address type (1 = Ethernet).
    public func hardwareType() throws(Truncated) -> UInt8 { try bytes.u8(1) }
    /// Hardware address length.
    public func hardwareLength() throws(Truncated) -> UInt8 { try bytes.u8(2) }
    /// Relay hops.
    public func hops() throws(Truncated) -> UInt8 { try bytes.u8(3) }
    /// Transaction id.
    public func transactionID() throws(Truncated) -> UInt32 { try bytes.u32(4) }
    /// Seconds since the client began.
    public func seconds() throws(Truncated) -> UInt16 { try bytes.u16(8) }
    /// Flags (0x8000 = broadcast).
    public func flags() throws(Truncated) -> UInt16 { try bytes.u16(10) }
    /// Client IP address (`ciaddr`).
    public func clientAddress() throws(Truncated) -> UInt32 { try bytes.u32(12) }
    /// "Your" IP address (`yiaddr`).
    public func yourAddress() throws(Truncated) -> UInt32 { try bytes.u32(16) }
    /// Next server IP address (`siaddr`).
    public func serverAddress() throws(Truncated) -> UInt32 { try bytes.u32(20) }
    /// Relay agent IP address (`giaddr`).
    public func gatewayAddress() throws(Truncated) -> UInt32 { try bytes.u32(24) }
    /// The client hardware address as a MAC (meaningful when the type is 1 and the length 6).
    public func clientMAC() throws(Truncated) -> MACAddress {
        try MACAddress(bytes, at: BOOTPMessage.clientHardwareAddressOffset)
    }

    /// True when the hardware address is a 6-byte Ethernet address.
    public func hasEthernetClient() throws(Truncated) -> Bool {
        let type = try hardwareType()
        let length = try hardwareLength()
        return type == 1 && length == 6
    }

    /// What the vendor area holds, judged by its first four bytes.
    public func vendorArea() throws(Truncated) -> BOOTPVendorArea {
        let magic = try bytes.u32(BOOTPMessage.vendorOffset)
        switch magic {
        case 0x6382_5363: return .rfc1048
        case 0x434d_5500: return .cmu
        default: return .other(magic)
        }
    }

    /// The RFC 1048 options after the magic cookie.
    public func options() -> DHCPOptionReader {
        DHCPOptionReader(bytes, from: BOOTPMessage.vendorOffset + 4)
    }
}

/// The kinds of BOOTP vendor area.
public enum BOOTPVendorArea: Equatable, Sendable {
    /// RFC 1048 / DHCP options (magic cookie 99.130.83.99).
    case rfc1048
    /// CMU vendor data (magic `"CMU\0"`).
    case cmu
    /// Anything else, with its first 32 bits.
    case other(UInt32)
}

/// One RFC 1048 option as found by ``DHCPOptionReader``: its tag, its declared length, and where its value
/// starts. The value bytes themselves may not have been captured; check before reading them.
public struct DHCPOptionHeader: Sendable {
    /// Option code.
    public var tag: UInt8
    /// Declared value length (0 for PAD and END, which have no length byte).
    public var length: Int
    /// Offset of the value, relative to the message start.
    public var valueOffset: Int

    /// PAD (0).
    public static let pad: UInt8 = 0
    /// END (255).
    public static let end: UInt8 = 255
}

/// Walks RFC 1048 options, tag by tag, as far as bytes were captured. Never reads a value; the caller decides
/// how far to trust the declared lengths.
public struct DHCPOptionReader {
    /// The message bytes.
    public let bytes: ByteView
    /// Offset of the next tag.
    public private(set) var offset: Int

    /// Starts reading options at `offset` of `bytes`.
    public init(_ bytes: ByteView, from offset: Int) {
        self.bytes = bytes
        self.offset = offset
    }

    /// The next option, or nil when no further tag byte was captured. Throws when the tag was captured but
    /// its length byte was not.
    public mutating func next() throws(Truncated) -> DHCPOptionHeader? {
        guard bytes.has(offset, 1) else { return nil }
        let tag = try bytes.u8(offset)
        offset &+= 1
        if tag == DHCPOptionHeader.pad || tag == DHCPOptionHeader.end {
            return DHCPOptionHeader(tag: tag, length: 0, valueOffset: offset)
        }
        let length = Int(try bytes.u8(offset))
        offset &+= 1
        let header = DHCPOptionHeader(tag: tag, length: length, valueOffset: offset)
        offset &+= length
        return header
    }

    /// Consumes further PAD bytes that directly follow; returns how many.
    public mutating func skipPadding() -> Int {
        var n = 0
        while bytes.has(offset, 1), (try? bytes.u8(offset)) == DHCPOptionHeader.pad {
            offset &+= 1
            n += 1
        }
        return n
    }
}
