/// Thrown by every field read that would go past the captured bytes.
///
/// tcpdump reacts to such a read by printing ` [|proto]` and abandoning the packet; the printers do the same by
/// letting this error propagate to ``PacketPrinter``. It carries no payload, so throwing it never allocates.
public struct Truncated: Error, Equatable, Sendable {
    /// Creates the error.
    public init() {}
}

/// A bounds-checked window over the captured bytes of one packet.
///
/// `start` is where this layer begins and `end` is how far bytes were captured (tcpdump's "snapend"), both as
/// offsets into the whole packet. `start` may lie beyond `end` when a length field points past the capture; every
/// read then throws ``Truncated``. No read ever traps.
///
/// This is the only type of the decoders that holds an unsafe pointer; it must not outlive the buffer it was
/// made from (the printers use it only during one call).
public struct ByteView {
    /// The whole packet as captured.
    public let packet: UnsafeRawBufferPointer
    /// Offset of this view's first byte in `packet`.
    public private(set) var start: Int
    /// Offset one past the last readable byte in `packet`.
    public private(set) var end: Int

    /// A view of the whole packet.
    public init(packet: UnsafeRawBufferPointer) {
        self.packet = packet
        self.start = 0
        self.end = packet.count
    }

    /// Bytes readable from `start` (0 when `start` is at or beyond `end`).
    @inline(__always) public var available: Int { end > start ? end - start : 0 }

    /// True when `count` bytes at `offset` (relative to `start`) were captured.
    @inline(__always) public func has(_ offset: Int, _ count: Int) -> Bool {
        offset >= 0 && count >= 0 && start + offset <= end - count
    }

    /// The byte at `offset`.
    @inline(__always) public func u8(_ offset: Int) throws(Truncated) -> UInt8 {
        guard has(offset, 1) else { throw Truncated() }
        return packet[start + offset]
    }

    /// The big-endian 16-bit value at `offset`.
    @inline(__always) public func u16(_ offset: Int) throws(Truncated) -> UInt16 {
        guard has(offset, 2) else { throw Truncated() }
        let i = start + offset
        return UInt16(packet[i]) << 8 | UInt16(packet[i + 1])
    }

    /// The big-endian 24-bit value at `offset`.
    @inline(__always) public func u24(_ offset: Int) throws(Truncated) -> UInt32 {
        guard has(offset, 3) else { throw Truncated() }
        let i = start + offset
        return UInt32(packet[i]) << 16 | UInt32(packet[i + 1]) << 8 | UInt32(packet[i + 2])
    }

    /// The big-endian 32-bit value at `offset`.
    @inline(__always) public func u32(_ offset: Int) throws(Truncated) -> UInt32 {
        guard has(offset, 4) else { throw Truncated() }
        let i = start + offset
        return UInt32(packet[i]) << 24 | UInt32(packet[i + 1]) << 16 | UInt32(packet[i + 2]) << 8
            | UInt32(packet[i + 3])
    }

    /// The little-endian 32-bit value at `offset`.
    @inline(__always) public func u32le(_ offset: Int) throws(Truncated) -> UInt32 {
        guard has(offset, 4) else { throw Truncated() }
        let i = start + offset
        return UInt32(packet[i + 3]) << 24 | UInt32(packet[i + 2]) << 16 | UInt32(packet[i + 1]) << 8
            | UInt32(packet[i])
    }

    /// Throws unless `count` bytes at `offset` were captured.
    @inline(__always) public func check(_ offset: Int, _ count: Int) throws(Truncated) {
        guard has(offset, count) else { throw Truncated() }
    }

    /// The view starting `count` bytes further on, with the same end.
    @inline(__always) public func advanced(by count: Int) -> ByteView {
        var copy = self
        copy.start = start &+ max(0, count)
        return copy
    }

    /// The view with its end cut to at most `length` bytes after `start` (tcpdump's snaplen push).
    @inline(__always) public func limited(to length: Int) -> ByteView {
        var copy = self
        let limit = start &+ max(0, length)
        if limit < copy.end { copy.end = max(limit, start) }
        return copy
    }

    /// Offset of this view's start in the whole packet.
    public var offsetInPacket: Int { start }
}
