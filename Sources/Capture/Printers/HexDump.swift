/// tcpdump's raw dumps: `-x` (hex), `-X` (hex and ASCII) and `-A` (ASCII).
enum HexDump {
    @inline(__always) static func isGraph(_ c: UInt8) -> Bool { c > 0x20 && c < 0x7f }

    /// Hex in groups of two bytes, 16 bytes a line, each line `indent` + `0xOFFS: `.
    static func hex(_ bytes: UnsafeRawBufferPointer, from start: Int, count: Int, indent: StaticString,
                    into out: inout OutputBuffer) {
        guard start >= 0, count > 0, start + count <= bytes.count else { return }
        var offset = 0
        var i = 0
        while i + 1 < count {
            if (i / 2) % 8 == 0 {
                out.text(indent)
                out.text("0x")
                out.hex(offset, width: 4)
                out.text(": ")
                offset += 16
            }
            out.byte(0x20)
            out.hexByte(bytes[start + i])
            out.hexByte(bytes[start + i + 1])
            i += 2
        }
        if count & 1 == 1 {
            if (i / 2) % 8 == 0 {
                out.text(indent)
                out.text("0x")
                out.hex(offset, width: 4)
                out.text(": ")
            }
            out.byte(0x20)
            out.hexByte(bytes[start + count - 1])
        }
    }

    /// Hex and ASCII, 16 bytes a line: `indent` + `0xOFFS: ` + hex padded to 40 columns + two spaces + ASCII.
    static func hexAndASCII(_ bytes: UnsafeRawBufferPointer, from start: Int, count: Int, indent: StaticString,
                            offset base: Int = 0, into out: inout OutputBuffer) {
        guard start >= 0, count > 0, start + count <= bytes.count else { return }
        var lineStart = 0
        while lineStart < count {
            let n = min(16, count - lineStart)
            out.text(indent)
            out.text("0x")
            out.hex(base + lineStart, width: 4)
            out.text(": ")
            var columns = 0
            var j = 0
            while j < n {
                out.byte(0x20)
                out.hexByte(bytes[start + lineStart + j])
                columns += 3
                if j + 1 < n {
                    out.hexByte(bytes[start + lineStart + j + 1])
                    columns += 2
                }
                j += 2
            }
            while columns < 40 {
                out.byte(0x20)
                columns += 1
            }
            out.text("  ")
            for k in 0..<n {
                let c = bytes[start + lineStart + k]
                out.byte(isGraph(c) ? c : UInt8(ascii: "."))
            }
            lineStart += 16
        }
    }

    /// ASCII: a newline, then printable bytes, tabs, spaces and newlines as they are, other bytes as `.`; CRs
    /// vanish before a newline.
    static func ascii(_ bytes: UnsafeRawBufferPointer, from start: Int, count: Int, into out: inout OutputBuffer) {
        out.byte(0x0a)
        guard start >= 0, count > 0, start + count <= bytes.count else { return }
        var i = 0
        while i < count {
            let c = bytes[start + i]
            i += 1
            let remaining = count - i
            if c == 0x0d {
                if remaining > 1 && bytes[start + i] != 0x0a { out.byte(UInt8(ascii: ".")) }
            } else if !isGraph(c) && c != 0x09 && c != 0x20 && c != 0x0a {
                out.byte(UInt8(ascii: "."))
            } else {
                out.byte(c)
            }
        }
    }
}
