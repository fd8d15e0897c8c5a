import FileWallBallAPI
import Foundation

/// A BackupPolicy's spec with every default filled in (from `BackupDefaults`), so builders never meet nil.
public struct ResolvedBackupPolicySpec: Sendable, Equatable {
    /// The time zone used when the spec names none (the CronJob gets it explicitly, so the schedule
    /// does not depend on the kube-controller-manager's own zone).
    public static let defaultTimeZone = "Etc/UTC"

    /// The cluster backed up.
    public var clusterName: String
    /// Cron schedule as written.
    public var schedule: String
    /// IANA time zone of the schedule.
    public var timeZone: String
    /// Keep backups younger than this many days.
    public var retentionDays: Int
    /// Always keep at least this many verified backups.
    public var retentionMinCount: Int
    /// Compression of the dump.
    public var compression: BackupCompression
    /// Verification of every backup.
    public var verification: BackupVerification
    /// Backup volume size (a quantity).
    public var storageSize: String
    /// Backup volume StorageClass; nil for the cluster's default.
    public var storageClass: String?
    /// Backup volume access mode.
    public var storageAccessMode: VolumeAccessMode
    /// Whether the blob volume is backed up (and restored) with the database.
    public var includeFiles: Bool
    /// Whether scheduled backups are paused.
    public var suspend: Bool

    /// Resolves a spec.
    public init(_ spec: BackupPolicySpec) {
        clusterName = spec.clusterRef.name
        schedule = spec.schedule ?? BackupDefaults.schedule
        timeZone = spec.timeZone ?? Self.defaultTimeZone
        retentionDays = spec.retention?.days ?? BackupDefaults.retentionDays
        retentionMinCount = spec.retention?.minCount ?? BackupDefaults.retentionMinCount
        compression = spec.compression ?? BackupDefaults.compression
        verification = spec.verification ?? BackupDefaults.verification
        storageSize = spec.storage?.size ?? BackupDefaults.storageSize
        storageClass = spec.storage?.storageClassName
        storageAccessMode = spec.storage?.accessMode ?? .readWriteOnce
        includeFiles = spec.includeFiles ?? true
        suspend = spec.suspend ?? false
    }

    /// The parsed schedule and its time zone; throws, naming what is wrong, when either is invalid.
    public func cronSchedule() throws(CronScheduleError) -> (schedule: CronSchedule, timeZone: TimeZone) {
        let parsed = try CronSchedule(parsing: schedule)
        return (parsed, try CronSchedule.timeZone(named: timeZone))
    }
}
