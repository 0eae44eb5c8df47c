/// Syslog over UDP port 514, as tcpdump 4.99.3 prints it: facility and severity on one line; from `-v` on the
/// message text, and from `-vv` on a hex dump of the whole payload.
extension Dissector {
    mutating func printSyslog(_ v: ByteView, length: Int) throws(Truncated) {
        proto = "syslog"
        guard let priority = try SyslogPriority(v) else { return printInvalid() }
        if verbose < 1 {
            out.text("SYSLOG ")
            syslogFacility(priority.facility)
            out.byte(UInt8(ascii: "."))
            syslogSeverity(priority.severity)
            out.text(", length: ")
            out.decimal(length)
            return
        }
        out.text("SYSLOG, length: ")
        out.decimal(length)
        out.text("\n\tFacility ")
        syslogFacility(priority.facility)
        out.text(" (")
        out.decimal(priority.facility)
        out.text("), Severity ")
        syslogSeverity(priority.severity)
        out.text(" (")
        out.decimal(priority.severity)
        out.text(")\n\tMsg: ")
        var i = priority.headerLength
        while i < length {
            out.safeChar(try v.u8(i))
            i += 1
        }
        if verbose > 1 {
            HexDump.hex(v.packet, from: v.start, count: min(length, v.available), indent: "\n\t", into: &out)
        }
    }

    private mutating func syslogFacility(_ f: UInt16) {
        let name: StaticString
        switch f {
        case 0: name = "kernel"
        case 1: name = "user"
        case 2: name = "mail"
        case 3: name = "daemon"
        case 4: name = "auth"
        case 5: name = "syslog"
        case 6: name = "lpr"
        case 7: name = "news"
        case 8: name = "uucp"
        case 9, 15: name = "cron"
        case 10: name = "authpriv"
        case 11: name = "ftp"
        case 12: name = "ntp"
        case 13: name = "security"
        case 14: name = "console"
        case 16...23:
            out.text("local")
            out.decimal(f - 16)
            return
        default:
            out.text("unknown (")
            out.decimal(f)
            out.byte(UInt8(ascii: ")"))
            return
        }
        out.text(name)
    }

    private mutating func syslogSeverity(_ s: UInt16) {
        switch s {
        case 0: out.text("emergency")
        case 1: out.text("alert")
        case 2: out.text("critical")
        case 3: out.text("error")
        case 4: out.text("warning")
        case 5: out.text("notice")
        case 6: out.text("info")
        default: out.text("debug")
        }
    }
}
