/// The protocol qualifier of a primitive (`tcp` in `tcp port 80`). Raw values are libpcap's
/// `Q_*` protocol constants, so code ported from the C generator can compare them directly.
public enum ProtocolQualifier: UInt8, Hashable, Sendable, CaseIterable {
    /// No protocol qualifier was written (`Q_DEFAULT`).
    case `default` = 0
    /// `link`, `ether`, `ppp`, `slip`, `fddi`, `tr`, `wlan` (all `Q_LINK`).
    case link = 1
    case ip = 2
    case arp = 3
    case rarp = 4
    case sctp = 5
    case tcp = 6
    case udp = 7
    case icmp = 8
    case igmp = 9
    case igrp = 10
    case atalk = 11
    case decnet = 12
    case lat = 13
    case sca = 14
    case moprc = 15
    case mopdl = 16
    /// `ip6`.
    case ip6 = 17
    /// `icmp6`.
    case icmp6 = 18
    case ah = 19
    case esp = 20
    case pim = 21
    case vrrp = 22
    case aarp = 23
    case iso = 24
    /// `esis` or `es-is`.
    case esis = 25
    /// `isis` or `is-is`.
    case isis = 26
    case clnp = 27
    case stp = 28
    case ipx = 29
    case netbeui = 30
    /// `l1` (IS-IS level 1).
    case isisL1 = 31
    /// `l2` (IS-IS level 2).
    case isisL2 = 32
    /// `iih`.
    case isisIIH = 33
    /// `snp`.
    case isisSNP = 34
    /// `csnp`.
    case isisCSNP = 35
    /// `psnp`.
    case isisPSNP = 36
    /// `lsp`.
    case isisLSP = 37
    case radio = 38
    case carp = 39
    /// Unknown qualifier state (`Q_UNDEF`): the qualifiers an operand inherits after a primitive that
    /// has none, e.g. `b` in `tcp or b`, or at the start of an expression.
    case undefined = 255
}

/// The direction qualifier of a primitive (`src` in `src host a`). Raw values are libpcap's `Q_*`
/// direction constants.
public enum DirectionQualifier: UInt8, Hashable, Sendable, CaseIterable {
    /// No direction written (`Q_DEFAULT`).
    case `default` = 0
    case src = 1
    case dst = 2
    /// `src or dst` / `dst or src` (`Q_OR`).
    case srcOrDst = 3
    /// `src and dst` / `dst and src` (`Q_AND`).
    case srcAndDst = 4
    /// `addr1` / `address1`.
    case addr1 = 5
    /// `addr2` / `address2`.
    case addr2 = 6
    /// `addr3` / `address3`.
    case addr3 = 7
    /// `addr4` / `address4`.
    case addr4 = 8
    case ra = 9
    case ta = 10
    /// Unknown qualifier state (`Q_UNDEF`), see ``ProtocolQualifier/undefined``.
    case undefined = 255
}

/// The address-type qualifier of a primitive (`port` in `tcp port 80`). Raw values are libpcap's
/// `Q_*` address constants.
public enum AddressQualifier: UInt8, Hashable, Sendable, CaseIterable {
    /// No type written (`Q_DEFAULT`): `src foo`, `tcp dst 80`.
    case `default` = 0
    case host = 1
    case net = 2
    case port = 3
    case gateway = 4
    case proto = 5
    case protochain = 6
    case portrange = 7
    /// Unknown qualifier state (`Q_UNDEF`), see ``ProtocolQualifier/undefined``.
    case undefined = 255
}

/// The three qualifiers in effect for an operand, after libpcap's inheritance rules have been
/// applied (`host a or b`: `b` gets `host`; `tcp or b`: `b` gets ``undefined``).
public struct Qualifiers: Hashable, Sendable, CustomStringConvertible {
    /// Protocol qualifier.
    public var proto: ProtocolQualifier
    /// Direction qualifier.
    public var direction: DirectionQualifier
    /// Address-type qualifier.
    public var address: AddressQualifier

    /// Creates a qualifier triple.
    public init(proto: ProtocolQualifier = .default, direction: DirectionQualifier = .default,
                address: AddressQualifier = .default) {
        self.proto = proto
        self.direction = direction
        self.address = address
    }

    /// libpcap's `qerr`: all three undefined.
    public static let undefined = Qualifiers(proto: .undefined, direction: .undefined, address: .undefined)

    /// `proto/direction/address`, for diagnostics.
    public var description: String { "\(proto)/\(direction)/\(address)" }
}
