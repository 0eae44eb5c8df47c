import Foundation

/// Locates the public test material in `../shared` (beside the repository) and the repository itself.
public enum Corpus {
    /// The repository root (the folder holding `Package.swift`).
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/TestSupport/Corpus.swift
        return url
    }()

    /// The shared folder: `$SWIFTDUMP_SHARED` when set, else `../shared` beside the repository.
    public static let sharedRoot: URL = {
        if let env = ProcessInfo.processInfo.environment["SWIFTDUMP_SHARED"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    /// `shared/corpus/<relative>`.
    public static func url(_ relative: String) -> URL {
        sharedRoot.appendingPathComponent("corpus").appendingPathComponent(relative)
    }

    /// `pcaps/<name>` inside the repository.
    public static func pcap(_ name: String) -> URL {
        repositoryRoot.appendingPathComponent("pcaps").appendingPathComponent(name)
    }

    /// Reads a corpus file as UTF-8 text, or nil when it is missing.
    public static func text(_ relative: String) -> String? {
        try? String(contentsOf: url(relative), encoding: .utf8)
    }
}
