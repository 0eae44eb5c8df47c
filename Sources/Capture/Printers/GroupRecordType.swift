extension OutputBuffer {
    /// Appends the name of an IGMPv3 (RFC 3376) or MLDv2 (RFC 3810) group record type — both protocols number
    /// them alike (`is_in`, `is_ex`, `to_in`, `to_ex`, `allow`, `block`) — or, for an unknown type,
    /// `unknownPrefix` followed by the number and `]`, as tcpdump prints it.
    mutating func groupRecordType(_ rtype: UInt8, unknownPrefix: StaticString) {
        switch rtype {
        case 1: text("is_in")
        case 2: text("is_ex")
        case 3: text("to_in")
        case 4: text("to_ex")
        case 5: text("allow")
        case 6: text("block")
        default:
            text(unknownPrefix)
            decimal(rtype)
            byte(UInt8(ascii: "]"))
        }
    }
}
