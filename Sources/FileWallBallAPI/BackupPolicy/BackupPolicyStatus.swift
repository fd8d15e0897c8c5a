/// What the controller observed of a BackupPolicy's backups.
public struct BackupPolicyStatus: Codable, Sendable, Equatable, SchemaDescribed {
    /// The `metadata.generation` this status describes.
    public var observedGeneration: Int?
    /// When the last scheduled backup was started.
    public var lastScheduleTime: String?
    /// When the next scheduled backup starts.
    public var nextScheduleTime: String?
    /// The newest backup that completed and was verified.
    public var lastSuccessfulBackup: BackupRecord?
    /// The newest failure.
    public var lastFailure: BackupFailure?
    /// The backups kept in the store, newest first.
    public var backups: [KeptBackup]?
    /// The last value of the backup-now annotation a Job was started for.
    public var lastOnDemandRequest: String?
    /// Ready, BackupHealthy.
    public var conditions: [StatusCondition]?

    /// Creates a status.
    public init(observedGeneration: Int? = nil, lastScheduleTime: String? = nil, nextScheduleTime: String? = nil,
                lastSuccessfulBackup: BackupRecord? = nil, lastFailure: BackupFailure? = nil, backups: [KeptBackup]? = nil,
                lastOnDemandRequest: String? = nil, conditions: [StatusCondition]? = nil) {
        self.observedGeneration = observedGeneration
        self.lastScheduleTime = lastScheduleTime
        self.nextScheduleTime = nextScheduleTime
        self.lastSuccessfulBackup = lastSuccessfulBackup
        self.lastFailure = lastFailure
        self.backups = backups
        self.lastOnDemandRequest = lastOnDemandRequest
        self.conditions = conditions
    }

    /// The schema of `status`.
    public static let schema = Schema.object("The backups of this policy as the controller last observed them. A failed or unverified backup is reported as a failure, never as a success.", [
        "observedGeneration": .integer("The metadata.generation this status describes.", minimum: 0),
        "lastScheduleTime": .timestamp("When the last scheduled backup was started."),
        "nextScheduleTime": .timestamp("When the next scheduled backup starts (absent while suspended)."),
        "lastSuccessfulBackup": BackupRecord.schema,
        "lastFailure": BackupFailure.schema,
        "backups": Schema.array("The backups kept in the store, newest first (safety backups taken before restores included).",
                                of: KeptBackup.schema, maxItems: 1000).mapList(keys: ["name"]),
        "lastOnDemandRequest": .string("The last value of the filewallball.io/backup-now annotation for which a backup was started; a new value starts exactly one more."),
        "conditions": StatusCondition.listSchema("Ready (the CronJob is in place) and BackupHealthy (the newest backup succeeded and was verified)."),
    ])
}

/// One completed, verified backup.
public struct BackupRecord: Codable, Sendable, Equatable, SchemaDescribed {
    /// Backup name (what `filewallball restore --file` takes).
    public var name: String
    /// When it was taken.
    public var takenAt: String
    /// Size in bytes of the dump.
    public var sizeBytes: Int?
    /// SHA-256 of the dump.
    public var sha256: String?
    /// Whether verification passed.
    public var verified: Bool
    /// How long the run took.
    public var durationSeconds: Int?

    /// Creates a record.
    public init(name: String, takenAt: String, sizeBytes: Int? = nil, sha256: String? = nil, verified: Bool, durationSeconds: Int? = nil) {
        self.name = name
        self.takenAt = takenAt
        self.sizeBytes = sizeBytes
        self.sha256 = sha256
        self.verified = verified
        self.durationSeconds = durationSeconds
    }

    /// The schema of `status.lastSuccessfulBackup`.
    public static let schema = Schema.object("The newest backup that completed and passed verification.",
                                             required: ["name", "takenAt", "verified"], [
        "name": .string("The backup's name (what a RestoreRequest's spec.backup takes)."),
        "takenAt": .timestamp("When the backup was taken."),
        "sizeBytes": .integer("Size of the compressed database dump in bytes.", minimum: 0),
        "sha256": .string("SHA-256 of the database dump, hex.", pattern: "^[0-9a-f]{64}$"),
        "verified": .boolean("Whether the backup passed its verification."),
        "durationSeconds": .integer("How long the backup run took, in seconds.", minimum: 0),
    ])
}

/// The newest failed backup run.
public struct BackupFailure: Codable, Sendable, Equatable, SchemaDescribed {
    /// When it failed.
    public var time: String
    /// Machine-readable reason.
    public var reason: String
    /// Human-readable message.
    public var message: String

    /// Creates a failure.
    public init(time: String, reason: String, message: String) {
        self.time = time
        self.reason = reason
        self.message = message
    }

    /// The schema of `status.lastFailure`.
    public static let schema = Schema.object("The newest backup run that failed or could not be verified.",
                                             required: ["time", "reason", "message"], [
        "time": .timestamp("When the run failed."),
        "reason": .string("Machine-readable reason (for example VerificationFailed, DatabaseUnavailable, JobFailed)."),
        "message": .string("What went wrong, from the backup's own report when it gave one."),
    ])
}

/// A backup kept in the store.
public struct KeptBackup: Codable, Sendable, Equatable, SchemaDescribed {
    /// Backup name.
    public var name: String
    /// When it was taken.
    public var takenAt: String
    /// Size in bytes.
    public var sizeBytes: Int?
    /// Whether it was verified.
    public var verified: Bool
    /// `scheduled`, `on-demand` or `safety`.
    public var origin: String?

    /// Creates an entry.
    public init(name: String, takenAt: String, sizeBytes: Int? = nil, verified: Bool, origin: String? = nil) {
        self.name = name
        self.takenAt = takenAt
        self.sizeBytes = sizeBytes
        self.verified = verified
        self.origin = origin
    }

    /// The schema of one `status.backups` entry.
    public static let schema = Schema.object("A backup kept in the store.", required: ["name", "takenAt", "verified"], [
        "name": .string("The backup's name."),
        "takenAt": .timestamp("When the backup was taken."),
        "sizeBytes": .integer("Size of the compressed database dump in bytes.", minimum: 0),
        "verified": .boolean("Whether the backup passed its verification."),
        "origin": .string("What took it: scheduled, on-demand, or safety (before a restore).",
                          oneOf: ["scheduled", "on-demand", "safety"]),
    ])
}
