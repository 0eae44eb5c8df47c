/// Line-oriented text protocols (HTTP): the protocol name, then the first line, or every line at `-v`
/// (tcpdump's `txtproto_print`).
extension Dissector {
    enum TextProtocol { case http }

    private static let httpMethods: [String] = [
        "GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE", "MKCOL", "TRACE", "LABEL",
        "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE", "NOTIFY", "BDELETE", "CONNECT", "OPTIONS",
        "CHECKIN", "PROPFIND", "CHECKOUT", "CCM_POST", "SUBSCRIBE", "PROPPATCH", "BPROPFIND", "BPROPPATCH",
        "UNCHECKOUT", "MKACTIVITY", "MKWORKSPACE", "UNSUBSCRIBE", "RPC_CONNECT", "VERSION-CONTROL",
        "BASELINE-CONTROL",
    ]

    /// Reads a token starting at `idx`; returns the index after it and its trailing blanks, or 0 when there is no
    /// printable token. The token's bytes are reported as (start, length).
    private func textToken(_ p: ByteView, from start: Int, length: Int) -> (next: Int, tokenStart: Int, tokenLength: Int) {
        var idx = start
        var toklen = 0
        while idx < length {
            guard p.has(idx, 1) else { return (0, 0, 0) }
            let c = p.packet[p.start + idx]
            if c >= 0x80 { return (0, 0, 0) }
            if c == 0x20 || c == 0x09 || c == 0x0d || c == 0x0a { break }
            if !(c >= 0x20 && c < 0x7f) { return (0, 0, 0) }
            if toklen + 2 > 129 { return (0, 0, 0) }
            toklen += 1
            idx += 1
        }
        if toklen == 0 { return (0, 0, 0) }
        let tokenStart = idx - toklen
        while idx < length {
            guard p.has(idx, 1) else { break }
            let c = p.packet[p.start + idx]
            if c == 0x0d || c == 0x0a { break }
            if !(c >= 0x20 && c < 0x7f) { break }
            if c != 0x20 && c != 0x09 { break }
            idx += 1
        }
        return (idx, tokenStart, toklen)
    }

    private func tokenIsMethod(_ p: ByteView, start: Int, length: Int) -> Bool {
        for m in Dissector.httpMethods where m.utf8.count == length {
            var equal = true
            var i = 0
            for c in m.utf8 {
                var b = p.packet[p.start + start + i]
                if b >= 0x61 && b <= 0x7a { b -= 0x20 }
                if b != c { equal = false; break }
                i += 1
            }
            if equal { return true }
        }
        return false
    }

    /// Prints one line at `idx`; returns the index after its line end, or 0 to stop.
    private mutating func textLine(_ p: ByteView, prefix: StaticString, from start: Int, length: Int)
        throws(Truncated) -> Int
    {
        var idx = start
        while idx < length {
            let c = try p.u8(idx)
            if c == 0x0a {
                emitLine(p, prefix: prefix, start: start, count: idx - start)
                return idx + 1
            } else if c == 0x0d {
                if idx + 1 >= length { return 0 }
                if try p.u8(idx + 1) == 0x0a {
                    emitLine(p, prefix: prefix, start: start, count: idx - start)
                    return idx + 2
                }
                return 0
            } else if !(c >= 0x20 && c < 0x7f) && c != 0x09 {
                return 0
            }
            idx += 1
        }
        emitLine(p, prefix: prefix, start: start, count: idx - start)
        printTruncated()
        return 0
    }

    private mutating func emitLine(_ p: ByteView, prefix: StaticString, start: Int, count: Int) {
        out.text(prefix)
        for i in 0..<count { out.byte(p.packet[p.start + start + i]) }
    }

    /// Prints a text protocol payload of `length` bytes.
    mutating func printText(_ p: ByteView, length: Int, protocolName: StaticString, kind: TextProtocol)
        throws(Truncated)
    {
        proto = "http"
        var printThis = false
        var t = textToken(p, from: 0, length: length)
        if t.next != 0 {
            if tokenIsMethod(p, start: t.tokenStart, length: t.tokenLength) { printThis = true }
            t = textToken(p, from: t.next, length: length)
            if t.next != 0 && t.tokenLength == 3 {
                let s = p.start + t.tokenStart
                let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
                if isDigit(p.packet[s]) && isDigit(p.packet[s + 1]) && isDigit(p.packet[s + 2]) { printThis = true }
            }
        }
        out.text(protocolName)
        guard printThis else { return }
        if verbose > 0 {
            out.text(", length: ")
            out.decimal(length)
            var idx = 0
            while idx < length {
                let eol = try textLine(p, prefix: "\n\t", from: idx, length: length)
                if eol == 0 { break }
                idx = eol
            }
        } else {
            _ = try textLine(p, prefix: ": ", from: 0, length: length)
        }
    }
}
