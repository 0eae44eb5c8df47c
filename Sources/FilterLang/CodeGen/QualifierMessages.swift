extension ProtocolQualifier {
    /// The keyword libpcap's messages name the qualifier by.
    var keyword: String {
        switch self {
        case .default, .undefined: return ""
        case .link: return "link"
        case .ip: return "ip"
        case .arp: return "arp"
        case .rarp: return "rarp"
        case .sctp: return "sctp"
        case .tcp: return "tcp"
        case .udp: return "udp"
        case .icmp: return "icmp"
        case .igmp: return "igmp"
        case .igrp: return "igrp"
        case .atalk: return "atalk"
        case .decnet: return "decnet"
        case .lat: return "lat"
        case .sca: return "sca"
        case .moprc: return "moprc"
        case .mopdl: return "mopdl"
        case .ip6: return "ip6"
        case .icmp6: return "icmp6"
        case .ah: return "ah"
        case .esp: return "esp"
        case .pim: return "pim"
        case .vrrp: return "vrrp"
        case .aarp: return "aarp"
        case .iso: return "iso"
        case .esis: return "esis"
        case .isis: return "isis"
        case .clnp: return "clnp"
        case .stp: return "stp"
        case .ipx: return "ipx"
        case .netbeui: return "netbeui"
        case .isisL1: return "l1"
        case .isisL2: return "l2"
        case .isisIIH: return "iih"
        case .isisSNP: return "snp"
        case .isisCSNP: return "csnp"
        case .isisPSNP: return "psnp"
        case .isisLSP: return "lsp"
        case .radio: return "radio"
        case .carp: return "carp"
        }
    }
}

extension DirectionQualifier {
    /// The "'addr1' and 'address1' are …" prefix libpcap uses for 802.11-only directions, or nil.
    var wlanOnlyPrefix: String? {
        switch self {
        case .addr1: return "'addr1' and 'address1' are"
        case .addr2: return "'addr2' and 'address2' are"
        case .addr3: return "'addr3' and 'address3' are"
        case .addr4: return "'addr4' and 'address4' are"
        case .ra: return "'ra' is"
        case .ta: return "'ta' is"
        default: return nil
        }
    }

    /// Fails with "'ra' is not a valid qualifier for <what>" style messages for 802.11-only directions.
    func rejectWLAN(_ what: String) throws(CodeGenError) {
        if let p = wlanOnlyPrefix {
            let plural = p.hasSuffix("are") ? "valid qualifiers" : "a valid qualifier"
            throw CodeGenError("\(p) not \(plural) for \(what)")
        }
    }
}
