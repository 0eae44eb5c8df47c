/// Features swiftdump parses but cannot perform yet, reported as a clear error (exit 1) instead of wrong output.
enum Pending {
    /// The error for a missing piece: `swiftdump: … is not available yet in this build`.
    static func feature(_ what: String) -> Termination {
        .failure("\(what) is not available yet in this build of swiftdump (see `swiftdump --help`)")
    }

    /// The error for options that are recognised but not implemented.
    static func options(_ spellings: [String]) -> Termination {
        var unique: [String] = []
        for spelling in spellings where !unique.contains(spelling) { unique.append(spelling) }
        let list = unique.joined(separator: ", ")
        let noun = unique.count == 1 ? "option \(list) is" : "options \(list) are"
        return .failure("\(noun) recognised but not available yet in this build of swiftdump (see `swiftdump --help`)")
    }
}

/// The feature list `--help` ends with. Keep it true as pieces land.
enum FeatureStatus {
    static let lines: [String] = [
        "works:   option syntax as tcpdump 4.99.3 (grouped flags, attached values, long options, --, -F file)",
        "works:   -r FILE (pcap/pcapng, - = stdin), -V LIST, -w FILE (- = stdout), -c, --count, --print, -D",
        "works:   packet printing (-n -v -e -q -t… -x -X -A -# -K -S --nano) through Capture's printer;"
            + " names are never looked up (numbers, as with -n)",
        "works:   -i IFACE live capture, -p, -I, -B, -Q, -j, -J, -L, -l, -U, --immediate-mode, statistics, signals",
        "works:   filter expressions: -d/-dd/-ddd, filtering -r (our interpreter) and -i (kernel filter)",
        "works:   the optimizer (without -O) and -O (no optimization), as tcpdump",
        "works:   --ebpf [--ebpf-flavor kernel|loadable] with -d/-dd/-ddd (cbpf2ebpf)",
        "works:   -i IFACE --ebpf (loadable translation attached to the capture socket, SO_ATTACH_BPF)",
        "works:   -C -G -W rotation and -z, -Z user, --pcapng (write pcapng)",
        "pending: -T, -E, -M, -N, -b, -H, -u (printer features): recognised, then exit 1",
    ]
}
