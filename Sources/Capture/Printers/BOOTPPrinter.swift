/// BOOTP and DHCP over UDP ports 67/68, as tcpdump 4.99.3 prints them: one summary at any verbosity, the header
/// fields and the vendor area (RFC 1048 options or CMU data) from `-v` on.
///
/// Two ways of stopping on short captures, as in tcpdump: a missing fixed field throws ``Truncated`` (the packet
/// ends with ` [|bootp]` and `-x` dumps restart at the link header), while a missing option value or name field
/// prints ` [|bootp]` and returns normally.
extension Dissector {
    mutating func printBOOTP(_ v: ByteView, length: Int) throws(Truncated) {
        proto = "bootp"
        let msg = BOOTPMessage(v)
        let op = try msg.op()
        out.text("BOOTP/DHCP, ")
        switch op {
        case BOOTPMessage.request: out.text("Request")
        case BOOTPMessage.reply: out.text("Reply")
        default:
            out.text("unknown (0x")
            out.hex(op, width: 2)
            out.byte(UInt8(ascii: ")"))
        }
        let htype = try msg.hardwareType()
        let hlen = try msg.hardwareLength()
        let ethernetClient = htype == 1 && hlen == 6
        if ethernetClient && op == BOOTPMessage.request {
            let client = try msg.clientMAC()
            out.text(" from ")
            mac(client)
        }
        out.text(", length ")
        out.decimal(length)
        guard verbose > 0 else { return }

        guard v.has(8, 2) else { return printTruncated() }
        if htype != 1 {
            out.text(", htype ")
            out.decimal(htype)
        }
        if !ethernetClient {
            out.text(", hlen ")
            out.decimal(hlen)
        }
        let hops = try msg.hops()
        if hops != 0 {
            out.text(", hops ")
            out.decimal(hops)
        }
        let xid = try msg.transactionID()
        if xid != 0 {
            out.text(", xid 0x")
            out.hex(xid)
        }
        let secs = try msg.seconds()
        if secs != 0 {
            out.text(", secs ")
            out.decimal(secs)
        }
        let flags = try msg.flags()
        out.text(flags & 0x8000 != 0 ? ", Flags [Broadcast]" : ", Flags [none]")
        if verbose > 1 {
            out.text(" (0x")
            out.hex(flags, width: 4)
            out.byte(UInt8(ascii: ")"))
        }
        if try msg.clientAddress() != 0 { try ipv4Address(v, 12, prefix: "\n\t  Client-IP ") }
        if try msg.yourAddress() != 0 { try ipv4Address(v, 16, prefix: "\n\t  Your-IP ") }
        if try msg.serverAddress() != 0 { try ipv4Address(v, 20, prefix: "\n\t  Server-IP ") }
        if try msg.gatewayAddress() != 0 { try ipv4Address(v, 24, prefix: "\n\t  Gateway-IP ") }
        if ethernetClient {
            let client = try msg.clientMAC()
            out.text("\n\t  Client-Ethernet-Address ")
            mac(client)
        }
        if try v.u8(BOOTPMessage.serverNameOffset) != 0 {
            out.text("\n\t  sname \"")
            guard printNulTerminated(v, BOOTPMessage.serverNameOffset, size: BOOTPMessage.serverNameSize) else {
                out.byte(UInt8(ascii: "\""))
                return printTruncated()
            }
            out.byte(UInt8(ascii: "\""))
        }
        if try v.u8(BOOTPMessage.bootFileOffset) != 0 {
            out.text("\n\t  file \"")
            guard printNulTerminated(v, BOOTPMessage.bootFileOffset, size: BOOTPMessage.bootFileSize) else {
                out.byte(UInt8(ascii: "\""))
                return printTruncated()
            }
            out.byte(UInt8(ascii: "\""))
        }
        guard v.has(BOOTPMessage.vendorOffset, 4) else { return printTruncated() }
        switch try msg.vendorArea() {
        case .rfc1048: try printDHCPOptions(msg)
        case .cmu: printCMUVendorArea(v.advanced(by: BOOTPMessage.vendorOffset))
        case .other(let magic):
            if magic != 0 {
                out.text("\n\t  Vendor-#0x")
                out.hex(magic)
            }
        }
    }

    /// Prints a fixed-size NUL-terminated field up to its NUL; false when no NUL was found inside the field and
    /// the capture (tcpdump then closes the quote and marks the packet truncated).
    private mutating func printNulTerminated(_ v: ByteView, _ offset: Int, size: Int) -> Bool {
        var i = 0
        while i < size && v.has(offset + i, 1) {
            let c = v.packet[v.start + offset + i]
            if c == 0 { return true }
            out.safeChar(c)
            i += 1
        }
        return false
    }

    /// Prints `count` bytes at `offset` as tcpdump prints text (escapes for non-printables); the caller has
    /// checked they were captured.
    private mutating func printText(_ v: ByteView, _ offset: Int, count: Int) {
        var i = 0
        while i < count && v.has(offset + i, 1) {
            out.safeChar(v.packet[v.start + offset + i])
            i += 1
        }
    }

    /// The CMU vendor area: flags and the non-zero addresses.
    private mutating func printCMUVendorArea(_ cmu: ByteView) {
        out.text(" vend-cmu")
        guard cmu.has(4, 4), let flags = try? cmu.u8(4) else { return printTruncated() }
        if flags & 0xfe != 0 {
            out.text(" F:0x")
            out.hex(flags)
        }
        let subnetMaskValid = flags & 1 != 0
        for index in 0..<8 {
            guard let field = CMUAddressField(rawValue: index) else { continue }
            guard let a = try? cmu.u32(field.offset) else { return printTruncated() }
            if a != 0 {
                out.byte(0x20)
                out.text(field.label(subnetMaskValid: subnetMaskValid))
                out.byte(UInt8(ascii: ":"))
                if names.enabled, let name = names.host(a) { out.string(name) } else { out.ipv4(a) }
            }
        }
    }

    /// The RFC 1048 options after the magic cookie.
    private mutating func printDHCPOptions(_ msg: BOOTPMessage) throws(Truncated) {
        let v = msg.bytes
        out.text("\n\t  Vendor-rfc1048 Extensions\n\t    Magic Cookie 0x")
        out.hex(try v.u32(BOOTPMessage.vendorOffset), width: 8)
        var reader = msg.options()
        while let option = try reader.next() {
            let tag = option.tag
            if tag == DHCPOptionHeader.pad && verbose < 3 { continue }
            if tag == DHCPOptionHeader.end && verbose < 3 { return }
            let info = DHCPOptionCatalog.info(tag)
            let len = option.length
            out.text("\n\t    ")
            out.text(info?.name ?? "Unknown")
            out.text(" (")
            out.decimal(tag)
            out.text("), length ")
            out.decimal(len)
            if len > 0 { out.text(": ") }
            if tag == DHCPOptionHeader.pad {
                let more = reader.skipPadding()
                if more > 0 {
                    out.text(", occurs ")
                    out.decimal(more + 1)
                }
            }
            let at = option.valueOffset
            guard v.has(at, len) else { return printTruncated() }
            let format = info?.format ?? DHCPValueFormat.guessed(length: len)
            let used = try printDHCPValue(v, at, length: len, tag: tag, format: format)
            if used < len {
                out.text("\n\t  trailing data length ")
                out.decimal(len - used)
            }
        }
    }

    /// Prints one option value (all `length` bytes captured); returns how many bytes it consumed.
    private mutating func printDHCPValue(_ v: ByteView, _ at: Int, length len: Int, tag: UInt8,
                                         format: DHCPValueFormat) throws(Truncated) -> Int {
        switch format {
        case .messageType:
            guard len == 1 else { return decimalBytes(v, at, count: len) }
            let t = try v.u8(at)
            if let name = DHCPOptionCatalog.messageType(t) {
                out.text(name)
            } else {
                out.text("Unknown (")
                out.decimal(t)
                out.byte(UInt8(ascii: ")"))
            }
            return 1
        case .parameterList:
            for i in 0..<len {
                let code = try v.u8(at + i)
                out.text(i % 4 == 0 ? "\n\t      " : ", ")
                out.text(DHCPOptionCatalog.info(code)?.name ?? "Unknown")
                out.text(" (")
                out.decimal(code)
                out.byte(UInt8(ascii: ")"))
            }
            return len
        case .text:
            out.byte(UInt8(ascii: "\""))
            printText(v, at, count: len)
            out.byte(UInt8(ascii: "\""))
            return len
        case .ipv4Addresses, .unsigned32, .signed32:
            var i = 0
            while len - i >= 4 {
                if i > 0 { out.byte(UInt8(ascii: ",")) }
                let x = try v.u32(at + i)
                switch format {
                case .ipv4Addresses: try ipv4Address(v, at + i)
                case .signed32: out.decimal(Int32(bitPattern: x))
                default: out.decimal(x)
                }
                i += 4
            }
            return i
        case .ipv4Pairs:
            var i = 0
            while len - i >= 8 {
                if i > 0 { out.byte(UInt8(ascii: ",")) }
                try ipv4Address(v, at + i, prefix: "(")
                try ipv4Address(v, at + i + 4, prefix: ":")
                out.byte(UInt8(ascii: ")"))
                i += 8
            }
            return i
        case .unsigned16:
            var i = 0
            while len - i >= 2 {
                if i > 0 { out.byte(UInt8(ascii: ",")) }
                out.decimal(try v.u16(at + i))
                i += 2
            }
            return i
        case .boolean:
            for i in 0..<len {
                if i > 0 { out.byte(UInt8(ascii: ",")) }
                let b = try v.u8(at + i)
                switch b {
                case 0: out.byte(UInt8(ascii: "N"))
                case 1: out.byte(UInt8(ascii: "Y"))
                default:
                    out.decimal(b)
                    out.byte(UInt8(ascii: "?"))
                }
            }
            return len
        case .decimalBytes:
            return decimalBytes(v, at, count: len)
        case .netbiosNodeType, .overload:
            guard len >= 1 else {
                out.text("[ERROR: length < 1 bytes]")
                return 0
            }
            let t = try v.u8(at)
            let name = format == .overload ? DHCPOptionCatalog.overload(t) : DHCPOptionCatalog.netbiosNodeType(t)
            if let name {
                out.text(name)
            } else {
                out.byte(UInt8(ascii: "#"))
                out.decimal(t)
            }
            return 1
        case .clientID:
            return try printClientID(v, at, length: len)
        case .userClass:
            printUserClass(v, at, length: len)
            return len
        case .clientFQDN:
            return try printClientFQDN(v, at, length: len)
        case .relayAgent:
            return try printRelayAgent(v, at, length: len)
        case .classlessRoutes:
            try printClasslessRoutes(v, at, length: len)
            return len
        }
    }

    private mutating func decimalBytes(_ v: ByteView, _ at: Int, count: Int) -> Int {
        for i in 0..<count where v.has(at + i, 1) {
            if i > 0 { out.byte(UInt8(ascii: ".")) }
            out.decimal(v.packet[v.start + at + i])
        }
        return count
    }

    private mutating func printClientID(_ v: ByteView, _ at: Int, length len: Int) throws(Truncated) -> Int {
        guard len >= 1 else {
            out.text("[ERROR: length < 1 bytes]")
            return 0
        }
        let type = try v.u8(at)
        if type == 0 {
            out.byte(UInt8(ascii: "\""))
            printText(v, at + 1, count: len - 1)
            out.byte(UInt8(ascii: "\""))
            return len
        }
        if let name = DHCPOptionCatalog.hardwareType(type) {
            out.text(name)
        } else {
            out.text("hardware-type ")
            out.decimal(type)
            out.byte(UInt8(ascii: ","))
        }
        out.byte(0x20)
        for i in 1..<len {
            if i > 1 { out.byte(UInt8(ascii: ":")) }
            out.hexByte(try v.u8(at + i))
        }
        return len
    }

    private mutating func printUserClass(_ v: ByteView, _ at: Int, length len: Int) {
        guard len >= 2 else {
            out.text("[ERROR: length < 2 bytes]")
            return
        }
        var i = 0
        var instance = 1
        while i < len, let n = try? v.u8(at + i) {
            let size = Int(n)
            i += 1
            out.text("\n\t      instance#")
            out.decimal(instance)
            out.text(": ")
            if size == 0 {
                out.text("[ERROR: suboption length must be non-zero]")
                return
            }
            if len - i < size {
                out.text("[ERROR: invalid option]")
                return
            }
            out.byte(UInt8(ascii: "\""))
            printText(v, at + i, count: size)
            out.text("\", length ")
            out.decimal(size)
            instance += 1
            i += size
        }
    }

    private mutating func printClientFQDN(_ v: ByteView, _ at: Int, length len: Int) throws(Truncated) -> Int {
        guard len >= 3 else {
            out.text("[ERROR: length < 3 bytes]")
            return len
        }
        let flags = try v.u8(at)
        if flags & 0xf0 != 0 {
            out.text("[ERROR: MBZ nibble 0x")
            out.hex(flags >> 4)
            out.text(" != 0] ")
        }
        if flags & 0x0f != 0 {
            out.byte(UInt8(ascii: "["))
            if flags & 0x01 != 0 { out.byte(UInt8(ascii: "S")) }
            if flags & 0x02 != 0 { out.byte(UInt8(ascii: "O")) }
            if flags & 0x04 != 0 { out.byte(UInt8(ascii: "E")) }
            if flags & 0x08 != 0 { out.byte(UInt8(ascii: "N")) }
            out.text("] ")
        }
        let rcode1 = try v.u8(at + 1)
        let rcode2 = try v.u8(at + 2)
        if rcode1 != 0 || rcode2 != 0 {
            out.decimal(rcode1)
            out.byte(UInt8(ascii: "/"))
            out.decimal(rcode2)
            out.byte(0x20)
        }
        out.byte(UInt8(ascii: "\""))
        printText(v, at + 3, count: len - 3)
        out.byte(UInt8(ascii: "\""))
        return len
    }

    private mutating func printRelayAgent(_ v: ByteView, _ at: Int, length len: Int) throws(Truncated) -> Int {
        var i = 0
        while len - i >= 2 {
            let sub = try v.u8(at + i)
            let size = Int(try v.u8(at + i + 1))
            i += 2
            out.text("\n\t      ")
            let name = DHCPOptionCatalog.relayAgentSubOption(sub)
            out.text(name ?? "Unknown")
            out.text(" SubOption ")
            out.decimal(sub)
            out.text(", length ")
            out.decimal(size)
            if size > len - i {
                out.text(": length goes past end of option")
                return len
            }
            out.text(": ")
            if name != nil {
                printText(v, at + i, count: size)
            } else {
                HexDump.hex(v.packet, from: v.start + at + i, count: size, indent: "\n\t\t", into: &out)
            }
            i += size
        }
        return i
    }

    private mutating func printClasslessRoutes(_ v: ByteView, _ at: Int, length len: Int) throws(Truncated) {
        guard len >= 5 else {
            out.text("[ERROR: length < 5 bytes]")
            return
        }
        var i = 0
        while i < len {
            if i > 0 { out.byte(UInt8(ascii: ",")) }
            let width = Int(try v.u8(at + i))
            i += 1
            if width > 32 {
                out.text("[ERROR: Mask width (")
                out.decimal(width)
                out.text(") > 32]")
                return
            }
            let significant = (width + 7) / 8
            if len - i < significant + 4 {
                out.text("[ERROR: Remaining length (")
                out.decimal(len - i)
                out.text(") < ")
                out.decimal(significant + 4)
                out.text(" bytes]")
                return
            }
            out.byte(UInt8(ascii: "("))
            if width == 0 {
                out.text("default")
            } else {
                for k in 0..<4 {
                    if k > 0 { out.byte(UInt8(ascii: ".")) }
                    out.decimal(k < significant ? try v.u8(at + i + k) : 0)
                }
                out.byte(UInt8(ascii: "/"))
                out.decimal(width)
            }
            try ipv4Address(v, at + i + significant, prefix: ":")
            out.byte(UInt8(ascii: ")"))
            i += significant + 4
        }
    }
}

/// The address fields of a CMU vendor area, in the order tcpdump prints them.
private enum CMUAddressField: Int {
    case gateway = 0, subnetMask, nameServer1, nameServer2, ienServer1, ienServer2, timeServer1, timeServer2

    var offset: Int {
        switch self {
        case .subnetMask: return 8
        case .gateway: return 12
        case .nameServer1: return 16
        case .nameServer2: return 20
        case .ienServer1: return 24
        case .ienServer2: return 28
        case .timeServer1: return 32
        case .timeServer2: return 36
        }
    }

    func label(subnetMaskValid: Bool) -> StaticString {
        switch self {
        case .gateway: return "DG"
        case .subnetMask: return subnetMaskValid ? "SM" : "SM*"
        case .nameServer1: return "NS1"
        case .nameServer2: return "NS2"
        case .ienServer1: return "IEN1"
        case .ienServer2: return "IEN2"
        case .timeServer1: return "TS1"
        case .timeServer2: return "TS2"
        }
    }
}
