import BPFCore
import CPcap

/// libpcap used as a test oracle. Tests only: product code never calls libpcap's compiler or interpreter.
public enum PcapOracle {
    /// libpcap's version string, e.g. "libpcap version 1.10.3 (with TPACKET_V3)".
    public static var libraryVersion: String { String(cString: pcap_lib_version()) }
}
