/// Prints the timestamp that starts each packet line, in the style `-t` … `-ttttt` selects.
struct TimestampPrinter {
    private var converter = LocalTimeConverter()
    private var reference: (seconds: Int64, fraction: Int64)? = nil

    /// Appends the timestamp (and its trailing space) for a packet.
    /// - Parameters:
    ///   - ts: the packet time; `ts.seconds` is used as is.
    ///   - fraction: the sub-second part in the unit the options select (µs or ns), as the source recorded it.
    mutating func print(_ ts: Timestamp, fraction rawFraction: UInt32, options: PrintOptions,
                        into out: inout OutputBuffer) {
        let nano = options.nanosecondPrecision
        let fraction = Int64(rawFraction)
        switch options.timestamps {
        case .none:
            return
        case .time:
            clock(ts.seconds, fraction, nano: nano, date: false, local: true, into: &out)
            out.byte(0x20)
        case .dateTime:
            clock(ts.seconds, fraction, nano: nano, date: true, local: true, into: &out)
            out.byte(0x20)
        case .epoch:
            if UInt32(truncatingIfNeeded: ts.seconds) & 0x8000_0000 != 0 {
                out.text("[Error converting time]")
            } else {
                out.unsignedDecimal(UInt64(UInt32(truncatingIfNeeded: ts.seconds)))
                self.fraction(fraction, nano: nano, into: &out)
            }
            out.byte(0x20)
        case .deltaPrevious, .deltaFirst:
            let ref = reference ?? (ts.seconds, fraction)
            if reference == nil { reference = ref }
            let unit: Int64 = nano ? 1_000_000_000 : 1_000_000
            let negative = (ts.seconds, fraction) < (ref.seconds, ref.fraction)
            let now: (seconds: Int64, fraction: Int64) = (ts.seconds, fraction)
            let later = negative ? ref : now
            let earlier = negative ? now : ref
            var secs = later.seconds &- earlier.seconds
            var frac = later.fraction &- earlier.fraction
            if frac < 0 {
                frac += unit
                secs -= 1
            }
            out.byte(negative ? UInt8(ascii: "-") : 0x20)
            clock(secs, frac, nano: nano, date: false, local: false, into: &out)
            out.byte(0x20)
            if options.timestamps == .deltaPrevious { reference = (ts.seconds, fraction) }
        }
    }

    private func fraction(_ f: Int64, nano: Bool, into out: inout OutputBuffer) {
        out.byte(UInt8(ascii: "."))
        out.unsignedDecimal(UInt64(UInt32(truncatingIfNeeded: f)), width: nano ? 9 : 6)
    }

    private mutating func clock(
        _ seconds: Int64, _ frac: Int64, nano: Bool, date: Bool, local: Bool, into out: inout OutputBuffer
    ) {
        guard UInt32(truncatingIfNeeded: seconds) & 0x8000_0000 == 0,
            let t = converter.convert(seconds, local: local)
        else {
            out.text("[Error converting time]")
            return
        }
        if date {
            out.unsignedDecimal(UInt64(max(0, t.year)), width: 4)
            out.byte(UInt8(ascii: "-"))
            out.unsignedDecimal(UInt64(t.month), width: 2)
            out.byte(UInt8(ascii: "-"))
            out.unsignedDecimal(UInt64(t.day), width: 2)
            out.byte(0x20)
        }
        out.unsignedDecimal(UInt64(t.hour), width: 2)
        out.byte(UInt8(ascii: ":"))
        out.unsignedDecimal(UInt64(t.minute), width: 2)
        out.byte(UInt8(ascii: ":"))
        out.unsignedDecimal(UInt64(t.second), width: 2)
        fraction(frac, nano: nano, into: &out)
    }
}
