/// The reserved words of the pcap-filter language (libpcap 1.10.3) and the named numeric constants.
/// Matching is case-sensitive, as in libpcap.
enum Keywords {
    /// Reserved words and the token each one produces.
    static let reserved: [String: TokenKind] = {
        var table: [String: TokenKind] = [
            "dst": .dst, "src": .src,
            "host": .host, "net": .net, "mask": .netmask, "port": .port, "portrange": .portrange,
            "proto": .proto, "protochain": .protochain, "gateway": .gateway,
            "type": .type, "subtype": .subtype, "direction": .dir, "dir": .dir,
            "address1": .addr1, "addr1": .addr1, "address2": .addr2, "addr2": .addr2,
            "address3": .addr3, "addr3": .addr3, "address4": .addr4, "addr4": .addr4,
            "ra": .ra, "ta": .ta,
            "less": .lessKeyword, "greater": .greaterKeyword, "byte": .byteKeyword,
            "broadcast": .broadcast, "multicast": .multicast,
            "and": .and, "or": .or, "not": .not, "len": .len, "length": .len,
            "inbound": .inbound, "outbound": .outbound, "ifindex": .ifindex,
            "vlan": .vlan, "mpls": .mpls, "pppoed": .pppoed, "pppoes": .pppoes, "geneve": .geneve,
            "llc": .llc,
            "on": .pfIfname, "ifname": .pfIfname, "rset": .pfRset, "ruleset": .pfRset,
            "rnr": .pfRnr, "rulenum": .pfRnr, "srnr": .pfSrnr, "subrulenum": .pfSrnr,
            "reason": .pfReason, "action": .pfAction,
            "lane": .atmType(.lane), "metac": .atmType(.metac), "bcc": .atmType(.bcc),
            "oamf4ec": .atmType(.oamf4ec), "oamf4sc": .atmType(.oamf4sc), "sc": .atmType(.sc),
            "ilmic": .atmType(.ilmic),
            "oam": .atmMultiType(.oam), "oamf4": .atmMultiType(.oamf4),
            "connectmsg": .atmMultiType(.connectmsg), "metaconnect": .atmMultiType(.metaconnect),
            "vpi": .atmField(.vpi), "vci": .atmField(.vci),
            "fisu": .mtp2Type(.fisu), "lssu": .mtp2Type(.lssu), "lsu": .mtp2Type(.lssu),
            "msu": .mtp2Type(.msu), "hfisu": .mtp2Type(.hfisu), "hlssu": .mtp2Type(.hlssu),
            "hmsu": .mtp2Type(.hmsu),
            "sio": .mtp3Field(.sio), "opc": .mtp3Field(.opc), "dpc": .mtp3Field(.dpc),
            "sls": .mtp3Field(.sls), "hsio": .mtp3Field(.hsio), "hopc": .mtp3Field(.hopc),
            "hdpc": .mtp3Field(.hdpc), "hsls": .mtp3Field(.hsls),
        ]
        let protocols: [(String, ProtocolQualifier)] = [
            ("link", .link), ("ether", .link), ("ppp", .link), ("slip", .link),
            ("fddi", .link), ("tr", .link), ("wlan", .link),
            ("arp", .arp), ("rarp", .rarp), ("ip", .ip), ("sctp", .sctp), ("tcp", .tcp),
            ("udp", .udp), ("icmp", .icmp), ("igmp", .igmp), ("igrp", .igrp), ("pim", .pim),
            ("vrrp", .vrrp), ("carp", .carp), ("radio", .radio), ("ip6", .ip6), ("icmp6", .icmp6),
            ("ah", .ah), ("esp", .esp), ("atalk", .atalk), ("aarp", .aarp), ("decnet", .decnet),
            ("lat", .lat), ("sca", .sca), ("moprc", .moprc), ("mopdl", .mopdl), ("iso", .iso),
            ("esis", .esis), ("es-is", .esis), ("isis", .isis), ("is-is", .isis),
            ("l1", .isisL1), ("l2", .isisL2), ("iih", .isisIIH), ("lsp", .isisLSP),
            ("snp", .isisSNP), ("csnp", .isisCSNP), ("psnp", .isisPSNP), ("clnp", .clnp),
            ("stp", .stp), ("ipx", .ipx), ("netbeui", .netbeui),
        ]
        for (word, proto) in protocols { table[word] = .pname(proto) }
        return table
    }()

    /// Named constants the lexer turns into numbers.
    static let constants: [String: UInt32] = [
        "icmptype": 0, "icmpcode": 1,
        "icmp-echoreply": 0, "icmp-unreach": 3, "icmp-sourcequench": 4, "icmp-redirect": 5,
        "icmp-echo": 8, "icmp-routeradvert": 9, "icmp-routersolicit": 10, "icmp-timxceed": 11,
        "icmp-paramprob": 12, "icmp-tstamp": 13, "icmp-tstampreply": 14, "icmp-ireq": 15,
        "icmp-ireqreply": 16, "icmp-maskreq": 17, "icmp-maskreply": 18,
        "icmp6type": 0, "icmp6code": 1,
        "icmp6-destinationunreach": 1, "icmp6-packettoobig": 2, "icmp6-timeexceeded": 3,
        "icmp6-parameterproblem": 4, "icmp6-echo": 128, "icmp6-echoreply": 129,
        "icmp6-multicastlistenerquery": 130, "icmp6-multicastlistenerreportv1": 131,
        "icmp6-multicastlistenerdone": 132, "icmp6-routersolicit": 133, "icmp6-routeradvert": 134,
        "icmp6-neighborsolicit": 135, "icmp6-neighboradvert": 136, "icmp6-redirect": 137,
        "icmp6-routerrenum": 138, "icmp6-nodeinformationquery": 139,
        "icmp6-nodeinformationresponse": 140, "icmp6-ineighbordiscoverysolicit": 141,
        "icmp6-ineighbordiscoveryadvert": 142, "icmp6-multicastlistenerreportv2": 143,
        "icmp6-homeagentdiscoveryrequest": 144, "icmp6-homeagentdiscoveryreply": 145,
        "icmp6-mobileprefixsolicit": 146, "icmp6-mobileprefixadvert": 147,
        "icmp6-certpathsolicit": 148, "icmp6-certpathadvert": 149,
        "icmp6-multicastrouteradvert": 151, "icmp6-multicastroutersolicit": 152,
        "icmp6-multicastrouterterm": 153,
        "tcpflags": 13, "tcp-fin": 0x01, "tcp-syn": 0x02, "tcp-rst": 0x04, "tcp-push": 0x08,
        "tcp-ack": 0x10, "tcp-urg": 0x20, "tcp-ece": 0x40, "tcp-cwr": 0x80,
    ]
}
