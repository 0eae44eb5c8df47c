extension CodeGenerator {
    /// Sets the link-layer offsets for the DLT being compiled (libpcap's init_linktype).
    mutating func setUpLinkLayer() throws(CodeGenError) {
        let n = notSetMarker
        /// (link type field, link payload, network layer after SNAP, network layer without SNAP)
        func set(_ type: UInt32, _ payload: UInt32, _ nl: UInt32, _ nosnap: UInt32) {
            offLinkType.constantPart = type
            offLinkPayload.constantPart = payload
            offNetwork = nl
            offNetworkNoSNAP = nosnap
        }
        switch linkType.rawValue {
        case DLT.arcnet: set(2, 6, 0, 0)
        case DLT.arcnetLinux: set(4, 8, 0, 0)
        case DLT.en10mb: set(12, 14, 0, 3)
        case DLT.slip: set(n, 16, 0, 0)
        case DLT.slipBSDOS: set(n, 24, 0, 0)
        case DLT.null, DLT.loop: set(0, 4, 0, 0)
        case DLT.enc: set(0, 12, 0, 0)
        case DLT.ppp, DLT.pppPPPD, DLT.cHDLC, DLT.hdlc, DLT.pppSerial: set(2, 4, 0, 0)
        case DLT.pppEther: set(6, 8, 0, 0)
        case DLT.pppBSDOS: set(5, 24, 0, 0)
        case DLT.fddi: set(13 &+ fddiPad, 13 &+ fddiPad, 8, 3)
        case DLT.ieee802: set(14, 14, 8, 3)
        case DLT.prismHeader, DLT.ieee80211RadioAVS, DLT.ieee80211Radio, DLT.ieee80211:
            if linkType.rawValue != DLT.ieee80211 { offLinkHeader.isVariable = true }
            set(24, 0, 8, 3)
            offLinkPayload.isVariable = true
        case DLT.ppi:
            set(24, 0, 8, 3)
            offLinkPayload.isVariable = true
            offLinkHeader.isVariable = true
        case DLT.atmRFC1483, DLT.atmCLIP: set(0, 0, 8, 3)
        case DLT.sunATM:
            isATM = true
            offVPI = SunATM.vpiPos
            offVCI = SunATM.vciPos
            offProto = 0
            offPayload = SunATM.pktBeginPos
            set(offPayload, offPayload, 8, 3)
        case DLT.raw, DLT.ipv4, DLT.ipv6: set(n, 0, 0, 0)
        case DLT.linuxSLL: set(14, 16, 0, 0)
        case DLT.linuxSLL2: set(0, 20, 0, 0)
        case DLT.ltalk: set(n, 0, 0, 0)
        case DLT.ipOverFC: set(16, 16, 8, 3)
        case DLT.frelay: set(n, 0, 0, 0)
        case DLT.mfr: set(n, 0, 4, 0)
        case DLT.appleIPOverIEEE1394: set(16, 18, 0, 0)
        case DLT.symantecFirewall: set(6, 44, 0, 0)
        case DLT.pflog:
            set(0, 0, 0, 0)
            offLinkPayload.isVariable = true
        case DLT.juniperMFR, DLT.juniperMLFR, DLT.juniperMLPPP, DLT.juniperPPP, DLT.juniperCHDLC, DLT.juniperFrelay:
            set(4, 4, 0, n)
        case DLT.juniperATM1: set(4, 4, 0, 10)
        case DLT.juniperATM2: set(8, 8, 0, 10)
        case DLT.juniperPPPoE, DLT.juniperEther: set(16, 14, 18, 21)
        case DLT.juniperPPPoEATM: set(4, 6, 0, n)
        case DLT.juniperGGSN: set(6, 12, 0, n)
        case DLT.juniperES: set(6, n, n, n)
        case DLT.juniperMonitor: set(12, 12, 0, n)
        case DLT.bacnetMSTP: set(n, n, n, n)
        case DLT.juniperServices: set(12, n, n, n)
        case DLT.juniperVP, DLT.juniperST: set(18, n, n, n)
        case DLT.juniperISM, DLT.juniperVS, DLT.juniperSRXE2E, DLT.juniperFibreChannel, DLT.juniperATMCEMIC:
            set(8, n, n, n)
        case DLT.mtp2:
            setMTP(li: 2)
            set(n, n, n, n)
        case DLT.mtp2WithPHDR:
            setMTP(li: 6)
            set(n, n, n, n)
        case DLT.erf:
            setMTP(li: 22)
            set(n, n, n, n)
        case DLT.pfsync: set(n, 4, 0, 0)
        case DLT.ax25KISS: set(n, n, n, n)
        case DLT.ipnet: set(1, 24, 0, n)
        case DLT.netAnalyzer:
            offLinkHeader.constantPart = 4
            set(4 + 12, 4 + 14, 0, 3)
        case DLT.netAnalyzerTransparent:
            offLinkHeader.constantPart = 12
            set(12 + 12, 12 + 14, 0, 3)
        default:
            let v = linkType.rawValue
            guard v >= DLT.matchingMin && v <= DLT.matchingMax else {
                throw CodeGenError("unknown data link type \(v) (min \(DLT.matchingMin), max \(DLT.matchingMax))")
            }
            set(n, n, n, n)
        }
        offOutermostLinkHeader = offLinkHeader
        offPreviousLinkHeader = offLinkHeader
    }

    private var notSetMarker: UInt32 { offsetNotSet }

    /// SS7 MTP field offsets, all relative to the length-indicator position.
    private mutating func setMTP(li: UInt32) {
        offLI = li
        offLIHSL = li + 2
        offSIO = li + 1
        offOPC = li + 2
        offDPC = li + 2
        offSLS = li + 5
    }
}
