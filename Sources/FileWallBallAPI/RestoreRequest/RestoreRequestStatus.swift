/// The progress of a restore.
public struct RestoreRequestStatus: Codable, Sendable, Equatable, SchemaDescribed {
    /// Where the restore is.
    public var phase: RestorePhase?
    /// When the restore Job started.
    public var startedAt: String?
    /// When it ended (Completed or Failed).
    public var completedAt: String?
    /// The backup actually restored (`latest` resolved).
    public var restoredBackup: String?
    /// The safety backup's name.
    public var safetyBackupName: String?
    /// What is happening, or what went wrong.
    public var message: String?
    /// The `metadata.generation` this status describes.
    public var observedGeneration: Int?
    /// Ready, Complete, Failed, SafetyBackupTaken, Restored.
    public var conditions: [StatusCondition]?

    /// Creates a status.
    public init(phase: RestorePhase? = nil, startedAt: String? = nil, completedAt: String? = nil, restoredBackup: String? = nil,
                safetyBackupName: String? = nil, message: String? = nil, observedGeneration: Int? = nil, conditions: [StatusCondition]? = nil) {
        self.phase = phase
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.restoredBackup = restoredBackup
        self.safetyBackupName = safetyBackupName
        self.message = message
        self.observedGeneration = observedGeneration
        self.conditions = conditions
    }

    /// The schema of `status`.
    public static let schema = Schema.object("The progress of the restore as the controller last observed it.", [
        "phase": .string("Pending (waiting to start, for example behind another restore of the same cluster), SafetyBackup, Restoring, Verifying, Completed or Failed.",
                         oneOf: RestorePhase.allCases.map(\.rawValue)),
        "startedAt": .timestamp("When the restore Job started."),
        "completedAt": .timestamp("When the restore ended, Completed or Failed."),
        "restoredBackup": .string("The backup actually restored (latest resolved to a name)."),
        "safetyBackupName": .string("The safety backup taken of the live data before the restore."),
        "message": .string("What is happening now, or why the restore failed."),
        "observedGeneration": .integer("The metadata.generation this status describes.", minimum: 0),
        "conditions": StatusCondition.listSchema("Ready (True once Completed; otherwise why not yet), Complete and Failed (True at the end), SafetyBackupTaken and Restored (one per Job), each with its reason."),
    ])
}

/// The phases of a restore, in order.
public enum RestorePhase: String, Codable, Sendable, Equatable, CaseIterable {
    /// Waiting to start.
    case pending = "Pending"
    /// Taking the safety backup.
    case safetyBackup = "SafetyBackup"
    /// Loading the backup into a staging database and swapping it in.
    case restoring = "Restoring"
    /// Checking the restored data.
    case verifying = "Verifying"
    /// Done; the file service serves the restored data.
    case completed = "Completed"
    /// Failed; live data untouched (or restored from the safety backup).
    case failed = "Failed"

    /// Whether the restore has ended.
    public var isFinal: Bool { self == .completed || self == .failed }
}
