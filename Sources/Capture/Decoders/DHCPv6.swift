/// A DHCPv6 message (RFC 8415) over the bytes of a UDP payload: a client/server message (type and 24-bit
/// transaction id, then options) or a relay message (type, hop count, link and peer addresses, then options).
public struct DHCPv6Message {
    /// The message, starting at the type byte.
    public let bytes: ByteView

    /// Relay-forward message type.
    public static let relayForward: UInt8 = 12
    /// Relay-reply message type.
    public static let relayReply: UInt8 = 13
    /// Offset of the options of a client/server message.
    public static let optionsOffset = 4
    /// Offset of a relay message's link address.
    public static let linkAddressOffset = 2
    /// Offset of a relay message's peer address.
    public static let peerAddressOffset = 18
    /// Offset of the options of a relay message.
    public static let relayOptionsOffset = 34

    /// Wraps the UDP payload `v`.
    public init(_ v: ByteView) { bytes = v }

    /// Message type.
    public func type() throws(Truncated) -> UInt8 { try bytes.u8(0) }
    /// Transaction id (client/server messages).
    public func transactionID() throws(Truncated) -> UInt32 { try bytes.u32(0) & 0x00ff_ffff }
    /// True for relay-forward and relay-reply.
    public static func isRelay(_ type: UInt8) -> Bool { type == relayForward || type == relayReply }
}

/// A DHCPv6 option header: 16-bit code and 16-bit length, the value following.
public struct DHCPv6OptionHeader: Sendable {
    /// Option code.
    public var code: UInt16
    /// Value length.
    public var length: Int

    /// Reads the four header bytes at `offset`.
    public init(_ v: ByteView, at offset: Int) throws(Truncated) {
        try v.check(offset, 4)
        code = try v.u16(offset)
        length = Int(try v.u16(offset + 2))
    }
}
