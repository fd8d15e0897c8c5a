import Foundation

/// The JSON manifest written beside each backup (`<backup file>.manifest.json`).
public struct BackupManifest: Codable, Sendable, Equatable {
    /// Why a backup was taken, as manifests before `origin` said it (kept for older readers).
    public enum Kind: String, Codable, Sendable { case backup, safety }

    /// One table's state at dump time (same snapshot as the dump).
    public struct Table: Codable, Sendable, Equatable {
        /// Table name.
        public var name: String
        /// `COUNT(*)`.
        public var rows: Int64
        /// `CHECKSUM TABLE` value (nil when the server returned NULL).
        public var checksum: UInt64?
    }

    /// One file blob the backup references (content-addressed in `<backup-dir>/blobs`).
    public struct Blob: Codable, Sendable, Equatable {
        /// Path relative to the blob directory.
        public var path: String
        /// sha256 of the content (hex): its key in the blob store.
        public var sha256: String
        /// Size in bytes.
        public var size: Int64
        /// Modification time seen at backup, seconds since 1970 (skips re-hashing unchanged files next time).
        public var mtime: Double
    }

    /// How the backup was verified.
    public struct Verification: Codable, Sendable, Equatable {
        /// `checksum` or `restore-test`.
        public var level: String
        /// When verification passed.
        public var verifiedAt: Date
    }

    /// Format version of this manifest.
    public var formatVersion: Int = 1
    /// Backup file name.
    public var name: String
    /// Name of the database dumped.
    public var database: String
    /// `backup` or `safety` (taken before a restore); `origin` says more, this stays for older readers.
    public var kind: Kind
    /// What took the backup; absent in manifests written before it existed (see `resolvedOrigin`).
    public var origin: BackupOrigin?
    /// sha256 of the backup file (hex).
    public var sha256: String
    /// Size of the backup file in bytes.
    public var size: Int64
    /// gzip, zstd or none.
    public var compression: Compression
    /// When the dump started / finished.
    public var startedAt: Date
    /// When the dump finished.
    public var finishedAt: Date
    /// `SELECT VERSION()` of the server.
    public var serverVersion: String
    /// Tool versions (mariadb-dump, compressor, engine).
    public var tools: [String: String]
    /// Per-table row counts and checksums, sorted by name.
    public var tables: [Table]
    /// Blobs referenced, sorted by path.
    public var blobs: [Blob]
    /// Present once the backup passed verification.
    public var verification: Verification?

    /// `origin`, or for an older manifest the one its `kind` implies (`safety`, else `scheduled`).
    public var resolvedOrigin: BackupOrigin { origin ?? (kind == .safety ? .safety : .scheduled) }

    /// Encodes as pretty, key-sorted JSON with ISO 8601 dates.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// Decodes a manifest.
    static func decode(_ data: Data) throws -> BackupManifest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(BackupManifest.self, from: data)
    }
}
