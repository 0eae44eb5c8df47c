/// How timestamps are printed (tcpdump's `-t` count).
public enum TimestampStyle: Int, Sendable, Hashable {
    /// `HH:MM:SS.frac` in local time (no `-t`).
    case time = 0
    /// No timestamp (`-t`).
    case none = 1
    /// Seconds since the epoch (`-tt`).
    case epoch = 2
    /// Time since the previous packet (`-ttt`).
    case deltaPrevious = 3
    /// Date and time in local time (`-tttt`).
    case dateTime = 4
    /// Time since the first packet (`-ttttt`).
    case deltaFirst = 5
}

/// The tcpdump options that change how packets are printed.
public struct PrintOptions: Sendable, Hashable {
    /// `-n` count (numeric output; this printer never resolves names, so any value prints numbers).
    public var numeric: Int = 0
    /// `-v` count.
    public var verbose: Int = 0
    /// `-e`: print the link-level header.
    public var linkHeader: Bool = false
    /// `-q` count: quick output.
    public var quiet: Int = 0
    /// `-t` … `-ttttt`.
    public var timestamps: TimestampStyle = .time
    /// Print fractions with 9 digits (`--nano`) instead of 6.
    public var nanosecondPrecision: Bool = false
    /// `-#`: number the packets.
    public var numbered: Bool = false
    /// `-x` count (1 = payload, 2 = with link header).
    public var hex: Int = 0
    /// `-X` count (hex and ASCII).
    public var hexAndASCII: Int = 0
    /// `-A` count (ASCII).
    public var ascii: Int = 0
    /// `-K`: don't verify checksums.
    public var noChecksums: Bool = false
    /// `-S`: absolute TCP sequence numbers.
    public var absoluteSequence: Bool = false

    /// tcpdump's `ndo_suppress_default_print`: `-q`, `-x` and `-X` stop the hex dump of undecoded payloads.
    public var suppressesDefaultPrint: Bool { quiet > 0 || hex > 0 || hexAndASCII > 0 }

    /// Options as tcpdump has them with no flags.
    public init() {}
}
