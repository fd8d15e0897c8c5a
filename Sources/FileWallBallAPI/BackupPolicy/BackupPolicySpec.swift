/// The desired backups of a cluster: when, how long they are kept, how they are compressed and verified.
public struct BackupPolicySpec: Codable, Sendable, Equatable, SchemaDescribed {
    /// The cluster to back up.
    public var clusterRef: LocalObjectReference
    /// Cron schedule (`0 2 * * *`).
    public var schedule: String?
    /// IANA time zone of the schedule; the controller's (UTC) when absent.
    public var timeZone: String?
    /// How long backups are kept.
    public var retention: RetentionSpec?
    /// Compression of the dump.
    public var compression: BackupCompression?
    /// How each backup is verified.
    public var verification: BackupVerification?
    /// The backup volume.
    public var storage: StorageSpec?
    /// Whether file contents are backed up along with the database.
    public var includeFiles: Bool?
    /// Pauses scheduled backups (on-demand ones still run).
    public var suspend: Bool?

    /// Creates a spec.
    public init(clusterRef: LocalObjectReference, schedule: String? = nil, timeZone: String? = nil, retention: RetentionSpec? = nil,
                compression: BackupCompression? = nil, verification: BackupVerification? = nil, storage: StorageSpec? = nil,
                includeFiles: Bool? = nil, suspend: Bool? = nil) {
        self.clusterRef = clusterRef
        self.schedule = schedule
        self.timeZone = timeZone
        self.retention = retention
        self.compression = compression
        self.verification = verification
        self.storage = storage
        self.includeFiles = includeFiles
        self.suspend = suspend
    }

    /// The schema of `spec`.
    public static let schema = Schema.object(
        "Scheduled, verified backups of one FileWallBallCluster's database and files.", required: ["clusterRef"], [
            "clusterRef": LocalObjectReference.clusterSchema,
            "schedule": .string("When backups run, as a five-field cron expression (minute hour day-of-month month day-of-week) or a macro such as @daily.",
                                default: BackupDefaults.schedule, pattern: SchemaPatterns.cron, maxLength: 128),
            "timeZone": .string("IANA time zone the schedule is read in (for example Europe/Paris); UTC when omitted.",
                                pattern: SchemaPatterns.timeZone, maxLength: 64),
            "retention": RetentionSpec.schema,
            "compression": .string("Compression of the database dump.", default: BackupDefaults.compression.rawValue,
                                   oneOf: BackupCompression.allCases.map(\.rawValue)),
            "verification": .string("How every backup is verified before it counts: restore-test loads it into a scratch database and compares it with the source; checksum re-reads it and checks its SHA-256.",
                                    default: BackupDefaults.verification.rawValue, oneOf: BackupVerification.allCases.map(\.rawValue)),
            "storage": StorageSpec.schema("The volume that holds the backups.", defaultSize: BackupDefaults.storageSize),
            "includeFiles": .boolean("Whether file contents (the blob volume) are backed up with the database, incrementally.",
                                     default: true),
            "suspend": .boolean("Pauses scheduled backups; on-demand backups (the filewallball.io/backup-now annotation) still run.",
                                default: false),
        ])
}

/// How long backups are kept: whichever of the two rules keeps more.
public struct RetentionSpec: Codable, Sendable, Equatable, SchemaDescribed {
    /// Keep backups younger than this many days.
    public var days: Int?
    /// Always keep at least this many verified backups.
    public var minCount: Int?

    /// Creates a retention.
    public init(days: Int? = nil, minCount: Int? = nil) {
        self.days = days
        self.minCount = minCount
    }

    /// The schema of `spec.retention`.
    public static let schema = Schema.object(
        "How long backups are kept: a backup is deleted only when both rules allow it, and the newest verified backup is never deleted.", [
            "days": .integer("Keep every backup younger than this many days.", default: BackupDefaults.retentionDays,
                             minimum: 0, maximum: 3650, format: "int32"),
            "minCount": .integer("Always keep at least this many verified backups, however old.", default: BackupDefaults.retentionMinCount,
                                 minimum: 1, maximum: 1000, format: "int32"),
        ]).defaulting(to: .emptyObject)
}

/// Compression of a backup's dump.
public enum BackupCompression: String, Codable, Sendable, Equatable, CaseIterable {
    /// gzip.
    case gzip
    /// zstd.
    case zstd
    /// Uncompressed.
    case none
}

/// How a backup is verified.
public enum BackupVerification: String, Codable, Sendable, Equatable, CaseIterable {
    /// Load into a scratch database and compare with the source.
    case restoreTest = "restore-test"
    /// Re-read and check the SHA-256.
    case checksum
}

/// Defaults of a BackupPolicy's spec.
public enum BackupDefaults {
    /// Daily at 02:00.
    public static let schedule = "0 2 * * *"
    /// Seven days.
    public static let retentionDays = 7
    /// Three backups.
    public static let retentionMinCount = 3
    /// gzip.
    public static let compression = BackupCompression.gzip
    /// A test restore.
    public static let verification = BackupVerification.restoreTest
    /// Backup volume size.
    public static let storageSize = "20Gi"
    /// The longest policy name (its CronJob `P-backup` and Jobs `P-now-<hash>` must fit in 52 and 63 characters).
    public static let maxNameLength = 45
}
