import BPFCore
import Capture

/// The `-w` output: one savefile written as tcpdump writes it, a rotating set (`-C`/`-G`/`-W`) with the `-z`
/// command run on every file that is closed by a rotation, or (`--pcapng`) one pcapng file.
struct CaptureOutput: ~Copyable {
    private var plain: SavefileWriter?
    private var rotating: RotatingSavefileWriter?
    private var pcapng: PcapngWriter?
    private let postRotate: String?
    private let fileLimit: Int

    /// Opens the output for packets read from `reader`.
    init(path: String, matching reader: borrowing SavefileReader, options: Options) throws(CaptureError) {
        postRotate = options.postRotate
        fileLimit = options.fileCount ?? 0
        if options.pcapng {
            var writer = try PcapngWriter(path: path)
            try writer.addInterface(
                linkType: reader.linkType, snapshotLength: reader.snapshotLength, precision: reader.precision)
            pcapng = consume writer
        } else if let rotation = options.rotation {
            rotating = try RotatingSavefileWriter(
                path: path, linkType: reader.linkType, snapshotLength: reader.snapshotLength,
                precision: reader.precision, rotation: rotation)
        } else {
            plain = try SavefileWriter(path: path, matching: reader)
        }
    }

    /// Opens the output for packets captured by `capture`.
    init(path: String, matching capture: borrowing LiveCapture, options: Options) throws(CaptureError) {
        postRotate = options.postRotate
        fileLimit = options.fileCount ?? 0
        if options.pcapng {
            var writer = try PcapngWriter(path: path)
            try writer.addInterface(
                linkType: capture.linkType, snapshotLength: capture.snapshotLength, name: capture.device,
                precision: capture.precision)
            pcapng = consume writer
        } else if let rotation = options.rotation {
            rotating = try RotatingSavefileWriter(
                path: path, linkType: capture.linkType, snapshotLength: capture.snapshotLength,
                precision: capture.precision, rotation: rotation)
        } else {
            plain = try SavefileWriter(path: path, matching: capture)
        }
    }

    /// Writes one packet. Returns false when `-G`/`-W` reached its file limit: the packet was not written,
    /// `Maximum file limit reached: N` is printed, and the caller should stop.
    mutating func write(_ packet: Packet) throws(CaptureError) -> Bool {
        if plain != nil {
            plain?.write(packet)
            return true
        }
        if pcapng != nil {
            try pcapng?.write(packet)
            return true
        }
        guard let outcome = try rotating?.write(packet) else { return true }
        switch outcome {
        case .written:
            return true
        case .rotated(let closed):
            if let postRotate { PostRotateCommand.start(postRotate, file: closed) }
            return true
        case .fileLimitReached(let closed):
            if let postRotate { PostRotateCommand.start(postRotate, file: closed) }
            Console.err("Maximum file limit reached: \(fileLimit)\n")
            return false
        }
    }

    /// Gives the open file to `account` before root is given up (`-Z`), as Debian's tcpdump does.
    func changeOwner(to account: Privileges.Account) {
        plain?.changeOwner(userID: account.userID, groupID: account.groupID)
        rotating?.changeOwner(userID: account.userID, groupID: account.groupID)
        pcapng?.changeOwner(userID: account.userID, groupID: account.groupID)
    }

    /// Pushes buffered records to the file.
    mutating func flush() throws(CaptureError) {
        try plain?.flush()
        try pcapng?.flush()
        try rotating?.flush()
    }

    /// Flushes and closes the current file.
    consuming func close() throws(CaptureError) {
        if let open = plain.take() { try open.close() }
        if let open = rotating.take() { try open.close() }
        if let open = pcapng.take() { try open.close() }
    }
}
