/// NTP over UDP port 123, as tcpdump 4.99.3 prints it: version, mode and length on one line; from `-v` on the
/// leap indicator and either the time message (stratum, poll, precision, root delay and dispersion, reference id,
/// the four timestamps and two differences, key id and digest) or the control-message header.
///
/// As in tcpdump, a missing fixed field throws ``Truncated``, while a missing block that is checked as a whole
/// prints ` [|ntp]` and returns.
extension Dissector {
    mutating func printNTP(_ v: ByteView, length: Int) throws(Truncated) {
        proto = "ntp"
        let msg = NTPMessage(v)
        let status = try msg.status()
        out.text("NTPv")
        out.decimal((status >> 3) & 7)
        let mode = NTPMode(status: status)
        out.text(", ")
        out.text(Self.ntpModeName(mode))
        out.text(", length ")
        out.decimal(length)
        guard verbose > 0 else { return }
        out.text("\n\tLeap indicator: ")
        let leap = status & 0xc0
        switch leap {
        case 0x40: out.text("+1s")
        case 0x80: out.text("-1s")
        case 0xc0: out.text("clock unsynchronized")
        default: break
        }
        out.text(" (")
        out.decimal(leap)
        out.byte(UInt8(ascii: ")"))
        if mode.carriesTime {
            try printNTPTime(msg, length: length)
        } else if mode == .control {
            try printNTPControl(msg, length: length)
        }
    }

    private static func ntpModeName(_ mode: NTPMode) -> StaticString {
        switch mode {
        case .unspecified: return "unspecified"
        case .symmetricActive: return "symmetric active"
        case .symmetricPassive: return "symmetric passive"
        case .client: return "Client"
        case .server: return "Server"
        case .broadcast: return "Broadcast"
        case .control: return "Control Message"
        case .reserved: return "Reserved"
        }
    }

    /// ` (invalid)`, then ` [|ntp]` if the declared length was not all captured.
    private mutating func ntpInvalid(_ v: ByteView, length: Int) {
        printInvalid()
        if !v.has(0, length) { printTruncated() }
    }

    private mutating func printNTPTime(_ msg: NTPMessage, length: Int) throws(Truncated) {
        let v = msg.bytes
        guard length >= NTPMessage.timeMessageLength else { return ntpInvalid(v, length: length) }
        let stratum = try msg.stratum()
        out.text(", Stratum ")
        out.decimal(stratum)
        switch stratum {
        case 0: out.text(" (unspecified)")
        case 1: out.text(" (primary reference)")
        case 2...15: out.text(" (secondary reference)")
        default: out.text(" (reserved)")
        }
        let poll = try msg.poll()
        out.text(", poll ")
        out.decimal(poll)
        if poll > -32 && poll < 32 {
            if poll >= 0 {
                out.text(" (")
                out.decimal(UInt32(1) << UInt32(poll))
                out.text("s)")
            } else {
                out.text(" (1/")
                out.decimal(UInt32(1) << UInt32(-Int(poll)))
                out.text("s)")
            }
        }
        let precision = try msg.precision()
        out.text(", precision ")
        out.decimal(precision)

        guard v.has(4, 4) else { return printTruncated() }
        out.text("\n\tRoot Delay: ")
        ntpShortTime(try msg.rootDelay())
        guard v.has(8, 4) else { return printTruncated() }
        out.text(", Root dispersion: ")
        ntpShortTime(try msg.rootDispersion())
        guard v.has(12, 4) else { return printTruncated() }
        out.text(", Reference-ID: ")
        switch stratum {
        case 0: out.text("(unspec)")
        case 1:
            for i in 12..<16 { out.safeChar(try v.u8(i)) }
        case 62, 63:
            try ipv4Address(v, 12)
            out.text(stratum == 62 ? " INFO_QUERY" : " INFO_REPLY")
            return
        default:
            out.text("0x")
            out.hex(try msg.referenceID(), width: 8)
        }
        guard v.has(NTPMessage.referenceTimestampOffset, 8) else { return printTruncated() }
        out.text("\n\t  Reference Timestamp:  ")
        ntpTimestamp(try msg.timestamp(at: NTPMessage.referenceTimestampOffset))
        guard v.has(NTPMessage.originTimestampOffset, 8) else { return printTruncated() }
        out.text("\n\t  Originator Timestamp: ")
        let origin = try msg.timestamp(at: NTPMessage.originTimestampOffset)
        ntpTimestamp(origin)
        guard v.has(NTPMessage.receiveTimestampOffset, 8) else { return printTruncated() }
        out.text("\n\t  Receive Timestamp:    ")
        let receive = try msg.timestamp(at: NTPMessage.receiveTimestampOffset)
        ntpTimestamp(receive)
        guard v.has(NTPMessage.transmitTimestampOffset, 8) else { return printTruncated() }
        out.text("\n\t  Transmit Timestamp:   ")
        let transmit = try msg.timestamp(at: NTPMessage.transmitTimestampOffset)
        ntpTimestamp(transmit)
        out.text("\n\t    Originator - Receive Timestamp:  ")
        ntpDifference(from: origin, to: receive)
        out.text("\n\t    Originator - Transmit Timestamp: ")
        ntpDifference(from: origin, to: transmit)

        let extra = length - NTPMessage.timeMessageLength
        switch extra {
        case 0: break
        case 4, 20, 24:
            let key = try v.u32(NTPMessage.keyIDOffset)
            out.text("\n\tKey id: ")
            out.decimal(key)
            guard extra > 4 else { break }
            let words = (extra - 4) / 4
            guard v.has(NTPMessage.digestOffset, 4 * words) else { return printTruncated() }
            out.text("\n\tAuthentication: ")
            for w in 0..<words { out.hex(try v.u32(NTPMessage.digestOffset + 4 * w), width: 8) }
        default:
            out.text("\n\t(")
            out.decimal(extra)
            out.text(" more bytes after the header)")
        }
    }

    private mutating func printNTPControl(_ msg: NTPMessage, length: Int) throws(Truncated) {
        let v = msg.bytes
        guard length >= NTPMessage.controlHeaderLength else { return ntpInvalid(v, length: length) }
        let control = try msg.control()
        out.text(control & 0x80 != 0 ? ", Response" : ", Request")
        out.text(control & 0x40 != 0 ? ", Error" : ", OK")
        out.text(control & 0x20 != 0 ? ", More" : ", Last")
        out.text(", OpCode=")
        out.decimal(control & 0x1f)
        out.byte(0x0a)
        let sequence = try msg.controlField(2)
        out.text("\tSequence=")
        out.decimal(sequence)
        let status = try msg.controlField(4)
        out.text(", Status=")
        if status != 0 { out.text("0x") }
        out.hex(status)
        let association = try msg.controlField(6)
        out.text(", Assoc.=")
        out.decimal(association)
        let offset = try msg.controlField(8)
        out.text(", Offset=")
        out.decimal(offset)
        let count = Int(try msg.controlField(10))
        out.text(", Count=")
        out.decimal(count)
        if NTPMessage.controlHeaderLength + count > length { return ntpInvalid(v, length: length) }
        if count != 0 {
            guard v.has(NTPMessage.controlHeaderLength, count) else { return printTruncated() }
            out.text("\n\tTO-BE-DONE: data not interpreted")
        }
    }

    /// `seconds.micro` of a short-format value (fraction truncated to millionths).
    private mutating func ntpShortTime(_ t: NTPShortTime) {
        out.decimal(t.seconds)
        out.byte(UInt8(ascii: "."))
        let micro = Int(Double(t.fraction) / 65536.0 * 1_000_000.0)
        out.unsignedDecimal(UInt64(micro), width: 6)
    }

    /// Billionths in a 32-bit binary fraction, truncated.
    private static func nanoseconds(_ fraction: UInt32) -> UInt64 {
        UInt64(Double(fraction) / 4_294_967_296.0 * 1_000_000_000.0)
    }

    /// `seconds.nanos`, then the UTC date when the seconds are not zero.
    private mutating func ntpTimestamp(_ t: NTPTimestamp) {
        out.decimal(t.seconds)
        out.byte(UInt8(ascii: "."))
        out.unsignedDecimal(Self.nanoseconds(t.fraction), width: 9)
        guard t.seconds != 0 else { return }
        var converter = LocalTimeConverter()
        guard let c = converter.convert(Int64(t.seconds) - NTPTimestamp.unixEpochOffset, local: false) else {
            out.text(" (unrepresentable)")
            return
        }
        out.text(" (")
        out.unsignedDecimal(UInt64(max(0, c.year)), width: 4)
        out.byte(UInt8(ascii: "-"))
        out.unsignedDecimal(UInt64(c.month), width: 2)
        out.byte(UInt8(ascii: "-"))
        out.unsignedDecimal(UInt64(c.day), width: 2)
        out.byte(UInt8(ascii: "T"))
        out.unsignedDecimal(UInt64(c.hour), width: 2)
        out.byte(UInt8(ascii: ":"))
        out.unsignedDecimal(UInt64(c.minute), width: 2)
        out.byte(UInt8(ascii: ":"))
        out.unsignedDecimal(UInt64(c.second), width: 2)
        out.text("Z)")
    }

    /// `±seconds.nanos` from `origin` to `t`; when `origin` is unset, `t` itself as a timestamp.
    private mutating func ntpDifference(from origin: NTPTimestamp, to t: NTPTimestamp) {
        if origin.isZero { return ntpTimestamp(t) }
        var negative: Bool
        var seconds: UInt32
        var fraction: UInt32
        if t.seconds > origin.seconds {
            negative = false
            seconds = t.seconds &- origin.seconds
            fraction = t.fraction &- origin.fraction
            if origin.fraction > t.fraction { seconds &-= 1 }
        } else if t.seconds < origin.seconds {
            negative = true
            seconds = origin.seconds &- t.seconds
            fraction = origin.fraction &- t.fraction
            if t.fraction > origin.fraction { seconds &-= 1 }
        } else {
            seconds = 0
            negative = t.fraction <= origin.fraction
            fraction = negative ? origin.fraction &- t.fraction : t.fraction &- origin.fraction
        }
        out.byte(UInt8(ascii: negative ? "-" : "+"))
        out.decimal(seconds)
        out.byte(UInt8(ascii: "."))
        out.unsignedDecimal(Self.nanoseconds(fraction), width: 9)
    }
}
