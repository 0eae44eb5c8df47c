/// DLT numbers the code generator switches on (values of pcap/dlt.h on Linux).
enum DLT {
    static let null: Int32 = 0, en10mb: Int32 = 1, ieee802: Int32 = 6, arcnet: Int32 = 7, slip: Int32 = 8
    static let ppp: Int32 = 9, fddi: Int32 = 10, atmRFC1483: Int32 = 11, raw: Int32 = 12, slipBSDOS: Int32 = 15
    static let pppBSDOS: Int32 = 16, atmCLIP: Int32 = 19, pppSerial: Int32 = 50, pppEther: Int32 = 51
    static let symantecFirewall: Int32 = 99, cHDLC: Int32 = 104, ieee80211: Int32 = 105, frelay: Int32 = 107
    static let loop: Int32 = 108, enc: Int32 = 109, hdlc: Int32 = 112, linuxSLL: Int32 = 113, ltalk: Int32 = 114
    static let pflog: Int32 = 117, prismHeader: Int32 = 119, ipOverFC: Int32 = 122, sunATM: Int32 = 123
    static let ieee80211Radio: Int32 = 127, arcnetLinux: Int32 = 129
    static let juniperMLPPP: Int32 = 130, juniperMLFR: Int32 = 131, juniperES: Int32 = 132, juniperGGSN: Int32 = 133
    static let juniperMFR: Int32 = 134, juniperATM2: Int32 = 135, juniperServices: Int32 = 136, juniperATM1: Int32 = 137
    static let appleIPOverIEEE1394: Int32 = 138, mtp2WithPHDR: Int32 = 139, mtp2: Int32 = 140, mtp3: Int32 = 141
    static let sccp: Int32 = 142, docsis: Int32 = 143, linuxIRDA: Int32 = 144, ieee80211RadioAVS: Int32 = 163
    static let juniperMonitor: Int32 = 164, bacnetMSTP: Int32 = 165, pppPPPD: Int32 = 166, juniperPPPoE: Int32 = 167
    static let juniperPPPoEATM: Int32 = 168, juniperPICPeer: Int32 = 174, erfEth: Int32 = 175, erfPOS: Int32 = 176
    static let linuxLAPD: Int32 = 177, juniperEther: Int32 = 178, juniperPPP: Int32 = 179, juniperFrelay: Int32 = 180
    static let juniperCHDLC: Int32 = 181, mfr: Int32 = 182, juniperVP: Int32 = 183, usbFreeBSD: Int32 = 186
    static let bluetoothHCIH4: Int32 = 187, usbLinux: Int32 = 189, can20B: Int32 = 190, ieee802154Linux: Int32 = 191
    static let ppi: Int32 = 192, ieee80216MACCPSRadio: Int32 = 193, juniperISM: Int32 = 194, ieee802154: Int32 = 195
    static let sita: Int32 = 196, erf: Int32 = 197, raif1: Int32 = 198, ipmbKontron: Int32 = 199, juniperST: Int32 = 200
    static let bluetoothHCIH4WithPHDR: Int32 = 201, ax25KISS: Int32 = 202, ipmbLinux: Int32 = 209
    static let ieee802154NonASKPHY: Int32 = 215, usbLinuxMMapped: Int32 = 220, ipnet: Int32 = 226
    static let canSocketCAN: Int32 = 227, ipv4: Int32 = 228, ipv6: Int32 = 229, ieee802154NoFCS: Int32 = 230
    static let juniperVS: Int32 = 232, juniperSRXE2E: Int32 = 233, juniperFibreChannel: Int32 = 234
    static let juniperATMCEMIC: Int32 = 238, nflog: Int32 = 239, netAnalyzer: Int32 = 240
    static let netAnalyzerTransparent: Int32 = 241, pfsync: Int32 = 246, usbPcap: Int32 = 249
    static let linuxSLL2: Int32 = 276, ieee802154TAP: Int32 = 283
    static let matchingMin: Int32 = 104, matchingMax: Int32 = 289
}

/// EtherType values.
enum EtherType {
    static let pup: UInt32 = 0x0200, ip: UInt32 = 0x0800, arp: UInt32 = 0x0806, ns: UInt32 = 0x0600
    static let mopdl: UInt32 = 0x6001, moprc: UInt32 = 0x6002, decnet: UInt32 = 0x6003, lat: UInt32 = 0x6004
    static let sca: UInt32 = 0x6007, teb: UInt32 = 0x6558, revarp: UInt32 = 0x8035, atalk: UInt32 = 0x809b
    static let aarp: UInt32 = 0x80f3, vlan8021Q: UInt32 = 0x8100, ipx: UInt32 = 0x8137, ipv6: UInt32 = 0x86dd
    static let mpls: UInt32 = 0x8847, pppoed: UInt32 = 0x8863, pppoes: UInt32 = 0x8864
    static let vlan8021AD: UInt32 = 0x88a8, loopback: UInt32 = 0x9000, vlan8021QinQ: UInt32 = 0x9100
    /// Largest 802.3 length value; larger values of the type/length field are EtherTypes.
    static let mtu: UInt32 = 1500
}

/// 802.2 LLC service access points and control values.
enum LLC {
    static let sapIP: UInt32 = 0x06, sap8021D: UInt32 = 0x42, sapSNAP: UInt32 = 0xaa, sapIPX: UInt32 = 0xe0
    static let sapNetBEUI: UInt32 = 0xf0, sapISONS: UInt32 = 0xfe
    static let sFormat: UInt32 = 1, uFormat: UInt32 = 3, sCommandMask: UInt32 = 0x0f, uCommandMask: UInt32 = 0xef
    static let rr: UInt32 = 0x01, rnr: UInt32 = 0x05, rej: UInt32 = 0x09
    static let ui: UInt32 = 0x03, ua: UInt32 = 0x63, disc: UInt32 = 0x43, dm: UInt32 = 0x0f, sabme: UInt32 = 0x6f
    static let test: UInt32 = 0xe3, xid: UInt32 = 0xaf, frmr: UInt32 = 0x87
}

/// PPP protocol numbers.
enum PPPProto {
    static let ip: UInt32 = 0x0021, osi: UInt32 = 0x0023, ns: UInt32 = 0x0025, decnet: UInt32 = 0x0027
    static let apple: UInt32 = 0x0029, ipx: UInt32 = 0x002b, vjc: UInt32 = 0x002d, vjnc: UInt32 = 0x002f
    static let brpdu: UInt32 = 0x0031, ipv6: UInt32 = 0x0057
}

/// ARCnet protocol identifiers.
enum ARCType {
    static let ipOld: UInt32 = 240, arpOld: UInt32 = 241, ip: UInt32 = 212, arp: UInt32 = 213, revarp: UInt32 = 214
    static let atalk: UInt32 = 221, inet6: UInt32 = 0xc4
}

/// OSI network-layer protocol identifiers and IS-IS PDU types.
enum OSI {
    static let clnp: UInt32 = 0x81, esis: UInt32 = 0x82, isis: UInt32 = 0x83
    static let l1LanIIH: UInt32 = 15, l2LanIIH: UInt32 = 16, ptpIIH: UInt32 = 17, l1LSP: UInt32 = 18, l2LSP: UInt32 = 20
    static let l1CSNP: UInt32 = 24, l2CSNP: UInt32 = 25, l1PSNP: UInt32 = 26, l2PSNP: UInt32 = 27
}

/// IP protocol numbers.
enum IPProto {
    static let hopopts: UInt32 = 0, icmp: UInt32 = 1, igmp: UInt32 = 2, ipip: UInt32 = 4, tcp: UInt32 = 6
    static let udp: UInt32 = 17, ipv6: UInt32 = 41, routing: UInt32 = 43, fragment: UInt32 = 44, rsvp: UInt32 = 46
    static let gre: UInt32 = 47, esp: UInt32 = 50, ah: UInt32 = 51, icmpv6: UInt32 = 58, none: UInt32 = 59
    static let dstopts: UInt32 = 60, igrp: UInt32 = 9, pim: UInt32 = 103, vrrp: UInt32 = 112, carp: UInt32 = 112
    static let sctp: UInt32 = 132
}

/// Linux cooked-capture pseudo protocol values.
enum SLLProto {
    static let p8023: UInt32 = 0x0001, p8022: UInt32 = 0x0004
}

/// SunATM pseudo-header layout and protocol types.
enum SunATM {
    static let dirPos: UInt32 = 0, vpiPos: UInt32 = 1, vciPos: UInt32 = 2, pktBeginPos: UInt32 = 4
    static let ptLANE: UInt32 = 0x01, ptLLC: UInt32 = 0x02, ptILMI: UInt32 = 0x05, ptQSAAL: UInt32 = 0x06
}

/// Address families as this (Linux) host numbers them.
enum AddressFamily {
    static let inet: UInt32 = 2
    static let inet6: UInt32 = 10
}
