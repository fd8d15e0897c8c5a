import Foundation
import MariaDB

/// Which backup a restore uses.
public enum RestoreSelection: Sendable, Equatable {
    /// A backup file name in the backup directory.
    case file(String)
    /// The newest verified backup that is not a safety backup (those are restored by name only).
    case latest
}

/// One restore run's settings.
public struct RestoreRequest: Sendable {
    /// Live database to restore into.
    public var database: MariaDBConfiguration
    /// Folder holding backups, manifests and the blob store.
    public var backupDirectory: URL
    /// Folder of the file blobs (nil: blobs are not restored).
    public var blobDirectory: URL?
    /// The backup to restore.
    public var selection: RestoreSelection
    /// Take (and verify) a safety backup of the current state first.
    public var safetyBackup: Bool
    /// How long the maintenance flag stays valid if the restore dies before clearing it.
    public var maintenanceSeconds: Int

    /// Creates a request (safety backup on, maintenance flag expiring after 10 minutes).
    public init(database: MariaDBConfiguration, backupDirectory: URL, blobDirectory: URL? = nil,
                selection: RestoreSelection, safetyBackup: Bool = true, maintenanceSeconds: Int = 600) {
        self.database = database
        self.backupDirectory = backupDirectory
        self.blobDirectory = blobDirectory
        self.selection = selection
        self.safetyBackup = safetyBackup
        self.maintenanceSeconds = maintenanceSeconds
    }
}

/// The final result of a restore (printed as JSON on stdout).
public struct RestoreReport: Sendable, Codable, Equatable {
    /// Backup restored.
    public var restored: String
    /// Safety backup taken first (nil with --no-safety-backup).
    public var safetyBackup: String?
    /// Tables now live.
    public var tables: Int
    /// Rows now live.
    public var rows: Int64
    /// Blob files written back.
    public var blobsRestored: Int
    /// Wall time.
    public var durationSeconds: Double
    /// Seconds spent validating the backup (sha256 + framing) before anything was touched.
    public var validationSeconds: Double
    /// Seconds spent comparing the staging database with the manifest (row counts, CHECKSUM TABLE).
    public var stagingVerificationSeconds: Double
    /// Seconds spent on the safety backup (0 without one).
    public var safetyBackupSeconds: Double
    /// True when this run finished a restore an earlier, interrupted run had started.
    public var resumed: Bool
}
