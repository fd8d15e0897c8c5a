/// How a dump is compressed on disk.
public enum Compression: String, Sendable, Codable, CaseIterable {
    /// gzip -6 (`.sql.gz`), the default.
    case gzip
    /// zstd -3 (`.sql.zst`).
    case zstd
    /// Plain SQL (`.sql`).
    case none

    /// File name suffix after `.sql`.
    public var fileExtension: String {
        switch self {
        case .gzip: return ".sql.gz"
        case .zstd: return ".sql.zst"
        case .none: return ".sql"
        }
    }

    /// Tool and arguments compressing stdin to stdout (nil for `none`).
    var compressCommand: [String]? {
        switch self {
        case .gzip: return ["gzip", "-c", "-6"]
        case .zstd: return ["zstd", "-q", "-c", "-3", "-T1"]
        case .none: return nil
        }
    }

    /// Tool and arguments decompressing stdin to stdout (nil for `none`).
    var decompressCommand: [String]? {
        switch self {
        case .gzip: return ["gzip", "-d", "-c"]
        case .zstd: return ["zstd", "-q", "-d", "-c"]
        case .none: return nil
        }
    }

    /// Tool and arguments testing the framing of stdin (nil for `none`).
    var testCommand: [String]? {
        switch self {
        case .gzip: return ["gzip", "-t"]
        case .zstd: return ["zstd", "-q", "-t"]
        case .none: return nil
        }
    }

    /// The compression a backup file name implies.
    static func of(fileName: String) -> Compression {
        if fileName.hasSuffix(".sql.gz") { return .gzip }
        if fileName.hasSuffix(".sql.zst") { return .zstd }
        return .none
    }
}
