/// One primitive of a filter expression: the leaves of the Boolean tree. Each case maps to the
/// libpcap 1.10.3 code generator it is compiled with; names are kept as written where libpcap
/// resolves them in the code generator or in OS-dependent tables.
public enum Primitive: Hashable, Sendable {
    /// `[proto] [dir] [type] operand`, with qualifiers resolved after inheritance
    /// (`host a or b`: `b` is `.qualified(host, b)`). Also covers `proto N`, `protochain N`,
    /// `gateway H`, `portrange a-b`, `net N/len`, `net N mask M`.
    case qualified(Qualifiers, Operand)
    /// A protocol name alone: `tcp`, `ip6`, `ether`/`link`, `l1`, `iih`, … (`gen_proto_abbrev`).
    case protocolAbbreviation(ProtocolQualifier)
    /// `[proto] broadcast` (`gen_broadcast`); proto is ``ProtocolQualifier/default`` when omitted.
    case broadcast(ProtocolQualifier)
    /// `[proto] multicast` (`gen_multicast`).
    case multicast(ProtocolQualifier)
    /// `less N` (`gen_less`).
    case less(UInt32)
    /// `greater N` (`gen_greater`).
    case greater(UInt32)
    /// `arth relop arth` (`gen_relation`; left operand generated first).
    case relation(RelationalOperator, ArithmeticExpression, ArithmeticExpression)
    /// `byte N op M` (`gen_byteop`).
    case byte(offset: UInt32, ByteOperator, value: UInt32)
    /// `inbound` (`gen_inbound(0)`).
    case inbound
    /// `outbound` (`gen_inbound(1)`).
    case outbound
    /// `ifindex N` (`gen_ifindex`).
    case ifindex(UInt32)
    /// `vlan [N]` (`gen_vlan`); nil when no number is given.
    case vlan(UInt32?)
    /// `mpls [N]` (`gen_mpls`).
    case mpls(UInt32?)
    /// `pppoed` (`gen_pppoed`).
    case pppoed
    /// `pppoes [N]` (`gen_pppoes`).
    case pppoes(UInt32?)
    /// `geneve [N]` (`gen_geneve`).
    case geneve(UInt32?)
    /// `on I` / `ifname I` (`gen_pf_ifname`).
    case pfInterface(String)
    /// `rset S` / `ruleset S` (`gen_pf_ruleset`).
    case pfRuleset(String)
    /// `rnr N` / `rulenum N` (`gen_pf_rnr`).
    case pfRuleNumber(UInt32)
    /// `srnr N` / `subrulenum N` (`gen_pf_srnr`).
    case pfSubruleNumber(UInt32)
    /// `reason R` (`gen_pf_reason`): a number, or a name the code generator looks up in the
    /// platform's PF reason table (`unknown PF reason "x"` when absent).
    case pfReason(PFReason)
    /// `action A` (`gen_pf_action`): a name the code generator looks up in the platform's PF action
    /// table (`unknown PF action "x"` when absent).
    case pfAction(String)
    /// `[proto] type T`, `[proto] type T subtype S`, `[proto] subtype S` (`gen_p80211_type(value,
    /// mask)`), names already resolved: mask is 0x0c for `type` alone, 0xfc otherwise. The
    /// protocol qualifier, which libpcap ignores, is dropped.
    case ieee80211Type(value: UInt32, mask: UInt32)
    /// `[proto] dir D` / `direction D` (`gen_p80211_fcdir`): a number as written, or the value of
    /// `nods` (0), `tods` (1), `fromds` (2), `dstods` (3).
    case ieee80211Direction(UInt32)
    /// `llc`, `llc i|s|u`, `llc <S or U frame subtype>` (`gen_llc*`).
    case llc(LLCKind)
    /// `lane`, `metac`, `bcc`, `oamf4ec`, `oamf4sc`, `sc`, `ilmic` (`gen_atmtype_abbrev`).
    case atmType(ATMType)
    /// `oam`, `oamf4`, `connectmsg`, `metaconnect` (`gen_atmmulti_abbrev`).
    case atmMultiType(ATMMultiType)
    /// `vpi N`, `vci > N`, …; `vpi (1 or 2)` becomes an `or` of two of these
    /// (`gen_atmfield_code(field, value, jump, reversed)`).
    case atmField(ATMField, RelationalOperator, UInt32)
    /// `fisu`, `lssu`/`lsu`, `msu`, `hfisu`, `hlssu`, `hmsu` (`gen_mtp2type_abbrev`).
    case mtp2Type(MTP2Type)
    /// `sio N`, `opc != N`, `hdpc (1 or 2)`, … (`gen_mtp3field_code`).
    case mtp3Field(MTP3Field, RelationalOperator, UInt32)
}

/// The operator of `byte N op M`.
public enum ByteOperator: String, Hashable, Sendable, CaseIterable {
    case and = "&"
    case or = "|"
    case less = "<"
    case greater = ">"
    /// `=` or `==`.
    case equal = "="
}

/// The argument of `reason`.
public enum PFReason: Hashable, Sendable {
    /// `reason 3`.
    case number(UInt32)
    /// `reason match` (resolved by the code generator).
    case name(String)
}

/// What an `llc` primitive tests.
public enum LLCKind: Hashable, Sendable {
    /// `llc` alone (`gen_llc`).
    case any
    /// `llc i` (`gen_llc_i`).
    case information
    /// `llc s` (`gen_llc_s`).
    case supervisory
    /// `llc u` (`gen_llc_u`).
    case unnumbered
    /// `llc rr|rnr|rej` (`gen_llc_s_subtype`), value from llc.h: RR 0x01, RNR 0x05, REJ 0x09.
    case supervisorySubtype(UInt32)
    /// `llc ui|ua|disc|dm|sabme|test|xid|frmr` (`gen_llc_u_subtype`), value from llc.h:
    /// UI 0x03, UA 0x63, DISC 0x43, DM 0x0f, SABME 0x6f, TEST 0xe3, XID 0xaf, FRMR 0x87.
    case unnumberedSubtype(UInt32)
}

/// ATM circuit types (`atmtype` in libpcap's grammar); raw values are libpcap's `A_*` constants.
public enum ATMType: UInt8, Hashable, Sendable, CaseIterable {
    case metac = 22
    case bcc = 23
    case oamf4sc = 24
    case oamf4ec = 25
    case sc = 26
    case ilmic = 27
    case lane = 30
}

/// ATM multi-type abbreviations (`atmmultitype`); raw values are libpcap's `A_*` constants.
public enum ATMMultiType: UInt8, Hashable, Sendable, CaseIterable {
    case oam = 28
    case oamf4 = 29
    case connectmsg = 70
    case metaconnect = 71
}

/// ATM header fields; raw values are libpcap's `A_VPI`/`A_VCI`.
public enum ATMField: UInt8, Hashable, Sendable, CaseIterable {
    case vpi = 51
    case vci = 52
}

/// MTP2 signal-unit types; raw values are libpcap's `M_*`/`MH_*` constants.
public enum MTP2Type: UInt8, Hashable, Sendable, CaseIterable {
    case fisu = 22
    /// `lssu` or `lsu`.
    case lssu = 23
    case msu = 24
    case hfisu = 25
    case hlssu = 26
    case hmsu = 27
}

/// MTP3 fields; raw values are libpcap's `M_*`/`MH_*` field constants.
public enum MTP3Field: UInt8, Hashable, Sendable, CaseIterable {
    case sio = 1
    case opc = 2
    case dpc = 3
    case sls = 4
    case hsio = 5
    case hopc = 6
    case hdpc = 7
    case hsls = 8
}
