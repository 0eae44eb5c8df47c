import BPFCore
import Capture

/// Everything the command line asked for, after tcpdump's per-option validation.
struct Options: Sendable {
    /// `-d` count: 1 = `-d`, 2 = `-dd`, 3 or more = `-ddd`.
    var dumpLevel = 0
    /// False with `-O`.
    var optimize = true
    /// `-y`: the requested link type and the name as typed.
    var linkType: (type: LinkType, name: String)?
    /// `-s`: 0 means the default (262144).
    var snaplen = 0
    /// `-r`.
    var readFile: String?
    /// `-w`.
    var writeFile: String?
    /// `-c`.
    var count: Int?
    /// `-i`.
    var interface: String?
    /// `-D`.
    var listInterfaces = false
    /// `-L`.
    var listLinkTypes = false
    /// `-J`.
    var listTimestampTypes = false
    /// `-F`.
    var filterFile: String?
    /// The printer's options (`-n -v -e -q -t -x -X -A -# -K -S --nano`).
    var print = PrintOptions()
    /// `-t` count (validated after all options are read).
    var timestampCount = 0
    /// `-l`.
    var lineBuffered = false
    /// `-U`.
    var packetBuffered = false
    /// `--immediate-mode`.
    var immediateMode = false
    /// `--print`.
    var printAlso = false
    /// `--count`.
    var countOnly = false
    /// `-p`.
    var noPromiscuous = false
    /// `-I`.
    var monitorMode = false
    /// `-B`, in bytes.
    var bufferSize: Int?
    /// `-Q`.
    var direction: Direction?
    /// `-j`.
    var timestampType: String?
    /// `--nano` / `--time-stamp-precision=nano`.
    var nanoseconds = false
    /// `--ebpf`.
    var ebpf = false
    /// `--ebpf-flavor`.
    var ebpfFlavor: EBPFFlavor = .loadable
    /// The expression words (operands), in order.
    var operands: [String] = []
    /// Options that were given but that swiftdump does not implement yet, by their spelling (`-C`, `-Z`).
    var pending: [String] = []
    /// Options that tcpdump accepts and then ignores, with the note it prints (`-m`).
    var notes: [String] = []
    /// `--pcapng`: write `-w` output as pcapng.
    var pcapng = false
    /// `-C`, in bytes.
    var fileSize: Int64?
    /// `-G`, in seconds.
    var rotateSeconds: Int64?
    /// `-W`.
    var fileCount: Int?
    /// `-z`.
    var postRotate: String?
    /// `-Z`.
    var user: String?

    /// The `-C`/`-G`/`-W` rotation policy, or nil for a single `-w` file (tcpdump ignores `-W` alone).
    var rotation: Rotation? {
        guard fileSize != nil || (rotateSeconds ?? 0) > 0 else { return nil }
        return Rotation(maximumFileSize: fileSize, interval: (rotateSeconds ?? 0) > 0 ? rotateSeconds : nil,
                        fileCount: fileCount)
    }

    /// `-f` (only its conflict with `-r`/`-V` is checked).
    var foreign = false
    /// `-V`.
    var fileList: String?

    /// The filter expression written on the command line: the operands joined with single spaces.
    var commandLineExpression: String { operands.joined(separator: " ") }

    /// The snapshot length in force when no device or file decides it (`-s 0` and no `-s` mean 262144).
    var effectiveSnaplen: Int { snaplen == 0 ? Options.maximumSnaplen : snaplen }

    /// tcpdump's `MAXIMUM_SNAPLEN`.
    static let maximumSnaplen = 262_144
}

/// The translator flavour `--ebpf-flavor` selects.
enum EBPFFlavor: String, Sendable, CaseIterable {
    /// What Linux's `bpf_convert_filter()` produces (ctx = `struct __sk_buff`'s kernel view).
    case kernel
    /// A program the bpf(2) verifier accepts as a loadable socket filter.
    case loadable
}
