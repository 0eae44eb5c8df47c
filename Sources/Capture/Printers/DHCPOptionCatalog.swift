/// How tcpdump renders the value of a DHCP option.
enum DHCPValueFormat {
    /// Comma-separated IPv4 addresses, 4 bytes each.
    case ipv4Addresses
    /// Comma-separated `(address:address)` pairs, 8 bytes each.
    case ipv4Pairs
    /// Comma-separated unsigned 32-bit numbers.
    case unsigned32
    /// Comma-separated signed 32-bit numbers.
    case signed32
    /// Comma-separated unsigned 16-bit numbers.
    case unsigned16
    /// Bytes in decimal, separated by dots.
    case decimalBytes
    /// Quoted text, non-printables escaped.
    case text
    /// Comma-separated `Y`/`N` (other values as `N?`).
    case boolean
    /// The DHCP message type (option 53) when one byte long; otherwise decimal bytes.
    case messageType
    /// A list of option codes (option 55).
    case parameterList
    /// NetBIOS node type (option 46).
    case netbiosNodeType
    /// Option overload (option 52).
    case overload
    /// Client identifier (option 61): a hardware type and address, or text.
    case clientID
    /// User class (option 77): length-prefixed instances.
    case userClass
    /// Client FQDN (option 81): flags, two result codes, name.
    case clientFQDN
    /// Relay agent information (option 82): sub-options.
    case relayAgent
    /// Classless static routes (options 121 and 249).
    case classlessRoutes

    /// The format tcpdump guesses for an option it does not know, from the value length alone.
    static func guessed(length: Int) -> DHCPValueFormat {
        if length & 1 != 0 { return .decimalBytes }
        if length & 2 != 0 { return .unsigned16 }
        return .unsigned32
    }
}

/// A DHCP option's display name and value format, as tcpdump 4.99.3 shows them.
struct DHCPOptionInfo {
    var name: StaticString
    var format: DHCPValueFormat
}

/// The names and value formats tcpdump 4.99.3 uses for DHCP/BOOTP options, established by running the local
/// tcpdump over one probe option per code (see scripts/make-printer-pcaps.py's `dhcp_catalog_probe`).
enum DHCPOptionCatalog {
    /// The entry for `tag`, or nil for a code tcpdump prints as `Unknown`.
    static func info(_ tag: UInt8) -> DHCPOptionInfo? {
        switch tag {
        case 0: return DHCPOptionInfo(name: "PAD", format: .decimalBytes)
        case 1: return DHCPOptionInfo(name: "Subnet-Mask", format: .ipv4Addresses)
        case 2: return DHCPOptionInfo(name: "Time-Zone", format: .signed32)
        case 3: return DHCPOptionInfo(name: "Default-Gateway", format: .ipv4Addresses)
        case 4: return DHCPOptionInfo(name: "Time-Server", format: .ipv4Addresses)
        case 5: return DHCPOptionInfo(name: "IEN-Name-Server", format: .ipv4Addresses)
        case 6: return DHCPOptionInfo(name: "Domain-Name-Server", format: .ipv4Addresses)
        case 7: return DHCPOptionInfo(name: "LOG", format: .ipv4Addresses)
        case 8: return DHCPOptionInfo(name: "CS", format: .ipv4Addresses)
        case 9: return DHCPOptionInfo(name: "LPR-Server", format: .ipv4Addresses)
        case 10: return DHCPOptionInfo(name: "IM", format: .ipv4Addresses)
        case 11: return DHCPOptionInfo(name: "RL", format: .ipv4Addresses)
        case 12: return DHCPOptionInfo(name: "Hostname", format: .text)
        case 13: return DHCPOptionInfo(name: "BS", format: .unsigned16)
        case 14: return DHCPOptionInfo(name: "DP", format: .text)
        case 15: return DHCPOptionInfo(name: "Domain-Name", format: .text)
        case 16: return DHCPOptionInfo(name: "SS", format: .ipv4Addresses)
        case 17: return DHCPOptionInfo(name: "RP", format: .text)
        case 18: return DHCPOptionInfo(name: "EP", format: .text)
        case 19: return DHCPOptionInfo(name: "IPF", format: .boolean)
        case 20: return DHCPOptionInfo(name: "SRT", format: .boolean)
        case 21: return DHCPOptionInfo(name: "PF", format: .ipv4Pairs)
        case 22: return DHCPOptionInfo(name: "RSZ", format: .unsigned16)
        case 23: return DHCPOptionInfo(name: "TTL", format: .decimalBytes)
        case 24: return DHCPOptionInfo(name: "MTU-Timeout", format: .unsigned32)
        case 25: return DHCPOptionInfo(name: "MTU-Table", format: .unsigned16)
        case 26: return DHCPOptionInfo(name: "MTU", format: .unsigned16)
        case 27: return DHCPOptionInfo(name: "LSN", format: .boolean)
        case 28: return DHCPOptionInfo(name: "BR", format: .ipv4Addresses)
        case 29: return DHCPOptionInfo(name: "MD", format: .boolean)
        case 30: return DHCPOptionInfo(name: "MS", format: .boolean)
        case 31: return DHCPOptionInfo(name: "Router-Discovery", format: .boolean)
        case 32: return DHCPOptionInfo(name: "RSA", format: .ipv4Addresses)
        case 33: return DHCPOptionInfo(name: "Static-Route", format: .ipv4Pairs)
        case 34: return DHCPOptionInfo(name: "UT", format: .boolean)
        case 35: return DHCPOptionInfo(name: "AT", format: .unsigned32)
        case 36: return DHCPOptionInfo(name: "IE", format: .boolean)
        case 37: return DHCPOptionInfo(name: "TT", format: .decimalBytes)
        case 38: return DHCPOptionInfo(name: "KI", format: .unsigned32)
        case 39: return DHCPOptionInfo(name: "KG", format: .boolean)
        case 40: return DHCPOptionInfo(name: "YD", format: .text)
        case 41: return DHCPOptionInfo(name: "YS", format: .ipv4Addresses)
        case 42: return DHCPOptionInfo(name: "NTP", format: .ipv4Addresses)
        case 43: return DHCPOptionInfo(name: "Vendor-Option", format: .decimalBytes)
        case 44: return DHCPOptionInfo(name: "Netbios-Name-Server", format: .ipv4Addresses)
        case 45: return DHCPOptionInfo(name: "WDD", format: .ipv4Addresses)
        case 46: return DHCPOptionInfo(name: "Netbios-Node", format: .netbiosNodeType)
        case 47: return DHCPOptionInfo(name: "Netbios-Scope", format: .text)
        case 48: return DHCPOptionInfo(name: "XFS", format: .ipv4Addresses)
        case 49: return DHCPOptionInfo(name: "XDM", format: .ipv4Addresses)
        case 50: return DHCPOptionInfo(name: "Requested-IP", format: .ipv4Addresses)
        case 51: return DHCPOptionInfo(name: "Lease-Time", format: .unsigned32)
        case 52: return DHCPOptionInfo(name: "OO", format: .overload)
        case 53: return DHCPOptionInfo(name: "DHCP-Message", format: .messageType)
        case 54: return DHCPOptionInfo(name: "Server-ID", format: .ipv4Addresses)
        case 55: return DHCPOptionInfo(name: "Parameter-Request", format: .parameterList)
        case 56: return DHCPOptionInfo(name: "MSG", format: .text)
        case 57: return DHCPOptionInfo(name: "MSZ", format: .unsigned16)
        case 58: return DHCPOptionInfo(name: "RN", format: .unsigned32)
        case 59: return DHCPOptionInfo(name: "RB", format: .unsigned32)
        case 60: return DHCPOptionInfo(name: "Vendor-Class", format: .text)
        case 61: return DHCPOptionInfo(name: "Client-ID", format: .clientID)
        case 64: return DHCPOptionInfo(name: "N+D", format: .unsigned16)
        case 65: return DHCPOptionInfo(name: "N+S", format: .ipv4Addresses)
        case 66: return DHCPOptionInfo(name: "TFTP", format: .text)
        case 67: return DHCPOptionInfo(name: "BF", format: .text)
        case 68: return DHCPOptionInfo(name: "MH", format: .ipv4Addresses)
        case 69: return DHCPOptionInfo(name: "SMTP", format: .ipv4Addresses)
        case 70: return DHCPOptionInfo(name: "POP3", format: .ipv4Addresses)
        case 71: return DHCPOptionInfo(name: "NNTP", format: .ipv4Addresses)
        case 72: return DHCPOptionInfo(name: "WWW", format: .ipv4Addresses)
        case 73: return DHCPOptionInfo(name: "FG", format: .ipv4Addresses)
        case 74: return DHCPOptionInfo(name: "IRC", format: .ipv4Addresses)
        case 75: return DHCPOptionInfo(name: "STS", format: .ipv4Addresses)
        case 76: return DHCPOptionInfo(name: "STDA", format: .ipv4Addresses)
        case 77: return DHCPOptionInfo(name: "User-Class", format: .userClass)
        case 78: return DHCPOptionInfo(name: "SLP-DA", format: .decimalBytes)
        case 79: return DHCPOptionInfo(name: "SLP-SCOPE", format: .decimalBytes)
        case 80: return DHCPOptionInfo(name: "SLP-NA", format: .text)
        case 81: return DHCPOptionInfo(name: "FQDN", format: .clientFQDN)
        case 82: return DHCPOptionInfo(name: "Agent-Information", format: .relayAgent)
        case 83: return DHCPOptionInfo(name: "ARMT", format: .decimalBytes)
        case 88: return DHCPOptionInfo(name: "TZSTR", format: .text)
        case 89: return DHCPOptionInfo(name: "FQDNS", format: .decimalBytes)
        case 90: return DHCPOptionInfo(name: "AUTH", format: .decimalBytes)
        case 91: return DHCPOptionInfo(name: "Last-Transaction-Time", format: .signed32)
        case 92: return DHCPOptionInfo(name: "Associated-IP", format: .ipv4Addresses)
        case 93: return DHCPOptionInfo(name: "ARCH", format: .unsigned16)
        case 94: return DHCPOptionInfo(name: "NDI", format: .decimalBytes)
        case 95: return DHCPOptionInfo(name: "LDAP", format: .text)
        case 97: return DHCPOptionInfo(name: "GUID", format: .decimalBytes)
        case 98: return DHCPOptionInfo(name: "UAP", format: .text)
        case 100: return DHCPOptionInfo(name: "POSIX-TZ", format: .text)
        case 101: return DHCPOptionInfo(name: "TZ-Name", format: .text)
        case 112: return DHCPOptionInfo(name: "NI", format: .ipv4Addresses)
        case 113: return DHCPOptionInfo(name: "NITAG", format: .text)
        case 114: return DHCPOptionInfo(name: "URL", format: .text)
        case 116: return DHCPOptionInfo(name: "NOAUTO", format: .boolean)
        case 117: return DHCPOptionInfo(name: "NSSEARCH", format: .unsigned16)
        case 118: return DHCPOptionInfo(name: "SUBNET", format: .ipv4Addresses)
        case 121: return DHCPOptionInfo(name: "Classless-Static-Route", format: .classlessRoutes)
        case 150: return DHCPOptionInfo(name: "TFTP-Server-Address", format: .ipv4Addresses)
        case 161: return DHCPOptionInfo(name: "MUD-URL", format: .text)
        case 249: return DHCPOptionInfo(name: "Classless-Static-Route-Microsoft", format: .classlessRoutes)
        case 255: return DHCPOptionInfo(name: "END", format: .decimalBytes)
        default: return nil
        }
    }

    /// The name of a DHCP message type (option 53), or nil.
    static func messageType(_ t: UInt8) -> StaticString? {
        switch t {
        case 1: return "Discover"
        case 2: return "Offer"
        case 3: return "Request"
        case 4: return "Decline"
        case 5: return "ACK"
        case 6: return "NACK"
        case 7: return "Release"
        case 8: return "Inform"
        case 10: return "LeaseQuery"
        case 11: return "LeaseUnassigned"
        case 12: return "LeaseUnknown"
        case 13: return "LeaseActive"
        default: return nil
        }
    }

    /// The name of a NetBIOS node type (option 46), or nil.
    static func netbiosNodeType(_ t: UInt8) -> StaticString? {
        switch t {
        case 1: return "b-node"
        case 2: return "p-node"
        case 4: return "m-node"
        case 8: return "h-node"
        default: return nil
        }
    }

    /// The name of an option-overload value (option 52), or nil.
    static func overload(_ t: UInt8) -> StaticString? {
        switch t {
        case 1: return "file"
        case 2: return "sname"
        case 3: return "file+sname"
        default: return nil
        }
    }

    /// The short name of an ARP hardware type in a client identifier (option 61), or nil.
    static func hardwareType(_ t: UInt8) -> StaticString? {
        switch t {
        case 1: return "ether"
        case 6: return "ieee802"
        case 7: return "arcnet"
        case 15: return "frelay"
        case 23: return "strip"
        case 24: return "ieee1394"
        default: return nil
        }
    }

    /// The name of a relay agent sub-option (option 82); these three carry text.
    static func relayAgentSubOption(_ t: UInt8) -> StaticString? {
        switch t {
        case 1: return "Circuit-ID"
        case 2: return "Remote-ID"
        case 6: return "Subscriber-ID"
        default: return nil
        }
    }
}
