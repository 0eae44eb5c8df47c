/// The fixed texts of the command line: version, usage, feature status, and the name lists options accept.
enum Usage {
    /// The name swiftdump's messages start with, where tcpdump's say `tcpdump`.
    static let programName = "swiftdump"

    /// `--version`: what swiftdump is and which tcpdump it follows.
    static let version = """
        swiftdump version 0.1.0
        compatible with tcpdump version 4.99.3 and libpcap version 1.10.3 (filters compiled by swiftdump)

        """

    /// tcpdump 4.99.3's usage text with swiftdump's name and its `--ebpf` options.
    static let usage = """
        Usage: swiftdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]
        \t\t[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]
        \t\t[ -i interface ] [ --immediate-mode ] [ -j tstamptype ]
        \t\t[ -M secret ] [ --number ] [ --print ] [ -Q in|out|inout ]
        \t\t[ -r file ] [ -s snaplen ] [ -T type ] [ --version ]
        \t\t[ -V file ] [ -w file ] [ -W filecount ] [ -y datalinktype ]
        \t\t[ --time-stamp-precision precision ] [ --micro ] [ --nano ]
        \t\t[ -z postrotate-command ] [ -Z user ]
        \t\t[ --ebpf ] [ --ebpf-flavor kernel|loadable ] [ --pcapng ] [ expression ]

        """

    /// Version then usage, as tcpdump prints them for `-h` and after a command-line error.
    static var versionAndUsage: String { version + usage }

    /// `--help`'s closing section: what works and what is still missing.
    static var status: String {
        var text = "\nStatus of this build:\n"
        for line in FeatureStatus.lines { text += "  " + line + "\n" }
        return text
    }

    /// libpcap's time stamp type names (`-j`).
    static let timestampTypeNames: Set<String> = [
        "host", "host_lowprec", "host_hiprec", "adapter", "adapter_unsynced", "host_hiprec_unsynced",
    ]

    /// tcpdump 4.99.3's `-T` packet types.
    static let packetTypeNames: Set<String> = [
        "vat", "wb", "rpc", "rtp", "rtcp", "snmp", "cnfp", "tftp", "aodv", "carp", "radius", "zmtp1", "vxlan",
        "pgm", "pgm_zmtp1", "lmp", "resp", "ptp", "someip", "domain",
    ]
}
