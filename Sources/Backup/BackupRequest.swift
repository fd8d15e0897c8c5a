import Foundation
import MariaDB

/// How thoroughly a new backup is checked before it is reported good.
public enum VerificationLevel: String, Sendable, Codable, CaseIterable {
    /// Stream the file: sha256 and compression framing.
    case checksum
    /// Load it into a scratch database and compare row counts and CHECKSUM TABLE with the manifest.
    case restoreTest = "restore-test"
}

/// One backup run's settings.
public struct BackupRequest: Sendable {
    /// Live database.
    public var database: MariaDBConfiguration
    /// Folder holding backups, manifests and the blob store.
    public var backupDirectory: URL
    /// Folder of the file blobs (nil: no blob backup).
    public var blobDirectory: URL?
    /// Compression of the dump.
    public var compression: Compression
    /// Verification level.
    public var verification: VerificationLevel
    /// Retention applied after a successful backup (not after a safety backup: see `BackupEngine.backup`).
    public var retention: RetentionPolicy
    /// What takes this backup (recorded in the manifest).
    public var origin: BackupOrigin

    /// Creates a request (defaults: gzip, restore-test, 7 days / keep 3, scheduled).
    public init(database: MariaDBConfiguration, backupDirectory: URL, blobDirectory: URL? = nil,
                compression: Compression = .gzip, verification: VerificationLevel = .restoreTest,
                retention: RetentionPolicy = RetentionPolicy(), origin: BackupOrigin = .scheduled) {
        self.database = database
        self.backupDirectory = backupDirectory
        self.blobDirectory = blobDirectory
        self.compression = compression
        self.verification = verification
        self.retention = retention
        self.origin = origin
    }
}

/// The final result of a backup run (printed as JSON on stdout).
public struct BackupReport: Sendable, Codable, Equatable {
    /// Backup file name.
    public var name: String
    /// What took it.
    public var origin: BackupOrigin
    /// When it was taken (the time in its name, UTC, whole seconds).
    public var takenAt: Date
    /// File size in bytes.
    public var size: Int64
    /// sha256 of the file.
    public var sha256: String
    /// Wall time of the whole run.
    public var durationSeconds: Double
    /// Seconds spent in verification (included in `durationSeconds`).
    public var verificationSeconds: Double
    /// Always true in a report (an unverified backup is an error).
    public var verified: Bool
    /// Level used.
    public var verification: String
    /// Tables dumped.
    public var tables: Int
    /// Rows dumped.
    public var rows: Int64
    /// Blobs referenced / newly copied into the store.
    public var blobs: Int
    /// Blobs copied by this run (the rest were already in the store).
    public var blobsCopied: Int
    /// Backups deleted by retention (none after a safety backup).
    public var prunedBackups: [String]
    /// Blobs deleted by retention.
    public var prunedBlobs: Int
}
