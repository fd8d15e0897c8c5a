/// Names of the objects a BackupPolicy owns or starts, all derived from the policy's name.
public struct BackupPolicyNames: Sendable, Equatable {
    /// The policy's name.
    public var policy: String

    /// Names for a policy.
    public init(policy: String) { self.policy = policy }

    /// The label every Job and Pod started for the policy carries, valued with the policy's name.
    public static let policyLabel = "filewallball.io/backup-policy"
    /// The label of a RestoreRequest's Jobs and Pods, valued with the request's name.
    public static let restoreRequestLabel = "filewallball.io/restore-request"
    /// The annotation that asks for one on-demand backup per distinct value (a stable name).
    public static let backupNowAnnotation = "filewallball.io/backup-now"

    /// The backup volume claim (`P-backups`).
    public var claim: String { "\(policy)-backups" }
    /// The ServiceAccount backup and restore pods run as (`P-backup`; no token is mounted).
    public var serviceAccount: String { "\(policy)-backup" }
    /// The CronJob of scheduled backups (`P-backup`).
    public var cronJob: String { "\(policy)-backup" }
}
