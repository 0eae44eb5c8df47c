/// Whether an option takes a value.
enum ArgumentRequirement: Sendable, Hashable {
    /// A flag (`-n`, `--print`).
    case none
    /// The option needs a value, attached (`-c5`, `--count=5`) or as the next word (`-c 5`).
    case required
}

/// One command-line option as getopt_long knows it: its short letter and/or long name and whether it takes a value.
struct OptionSpec: Sendable, Hashable {
    /// What the option means to swiftdump.
    var id: OptionID
    /// The short letter (`c` for `-c`), if the option has one.
    var short: Character?
    /// The long name without dashes (`count` for `--count`), if the option has one.
    var long: String?
    /// Whether a value follows.
    var argument: ArgumentRequirement
}

/// Every option swiftdump knows. Most are tcpdump 4.99.3's; the `ebpf` ones are swiftdump's own.
enum OptionID: Sendable, Hashable {
    case compatA          // -a (ignored, as tcpdump does)
    case ascii            // -A
    case asdot            // -b
    case bufferSize       // -B, --buffer-size
    case count            // -c
    case fileSize         // -C
    case dumpProgram      // -d
    case listInterfaces   // -D, --list-interfaces
    case linkHeader       // -e
    case espSecret        // -E
    case foreign          // -f
    case filterFile       // -F
    case rotateSeconds    // -G
    case help             // -h, --help
    case hdlc80211        // -H
    case interface        // -i, --interface
    case monitorMode      // -I, --monitor-mode
    case timestampType    // -j, --time-stamp-type
    case listTimestampTypes  // -J, --list-time-stamp-types
    case noChecksums      // -K, --dont-verify-checksums
    case lineBuffered     // -l
    case listLinkTypes    // -L, --list-data-link-types
    case mibModule        // -m
    case tcpSecret        // -M
    case numeric          // -n
    case stripDomains     // -N
    case noOptimize       // -O, --no-optimize
    case noPromiscuous    // -p, --no-promiscuous-mode
    case quiet            // -q
    case direction        // -Q, --direction
    case readFile         // -r
    case snaplen          // -s, --snapshot-length
    case absoluteSequence // -S, --absolute-tcp-sequence-numbers
    case timestamp        // -t
    case packetType       // -T
    case unicodeNFS       // -u (NFS handles)
    case packetBuffered   // -U, --packet-buffered
    case verbose          // -v
    case fileList         // -V
    case writeFile        // -w
    case fileCount        // -W
    case hex              // -x
    case hexAndASCII      // -X
    case linkType         // -y, --linktype
    case parserDebug      // -Y (not built into Debian's tcpdump: usage, exit 1)
    case postRotate       // -z
    case user             // -Z, --relinquish-privileges
    case number           // -#, --number
    case version          // --version
    case precision        // --time-stamp-precision
    case immediateMode    // --immediate-mode
    case printAlso        // --print
    case micro            // --micro
    case nano             // --nano
    case floatingPointType  // --fp-type
    case countOnly        // --count
    case ebpf             // --ebpf (swiftdump)
    case ebpfFlavor       // --ebpf-flavor (swiftdump)
    case pcapng           // --pcapng (swiftdump)
}
