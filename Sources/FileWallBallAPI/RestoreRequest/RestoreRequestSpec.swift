/// A request to restore a cluster from one of its backups. Immutable once created.
public struct RestoreRequestSpec: Codable, Sendable, Equatable, SchemaDescribed {
    /// The cluster to restore.
    public var clusterRef: LocalObjectReference
    /// The BackupPolicy whose store holds the backup; optional when the cluster has exactly one.
    public var backupPolicyName: String?
    /// A backup name, or `latest` for the newest verified backup.
    public var backup: String?
    /// Whether a verified safety backup of the live data is taken first.
    public var safetyBackup: Bool?

    /// Creates a spec.
    public init(clusterRef: LocalObjectReference, backupPolicyName: String? = nil, backup: String? = nil, safetyBackup: Bool? = nil) {
        self.clusterRef = clusterRef
        self.backupPolicyName = backupPolicyName
        self.backup = backup
        self.safetyBackup = safetyBackup
    }

    /// The schema of `spec`.
    public static let schema = Schema.object(
        "Which backup to restore into which cluster. The spec cannot be changed once created: create a new RestoreRequest instead.",
        required: ["clusterRef"], [
            "clusterRef": LocalObjectReference.clusterSchema,
            "backupPolicyName": .string("The BackupPolicy whose backup store holds the backup; may be omitted when the cluster has exactly one BackupPolicy.",
                                        pattern: SchemaPatterns.dnsSubdomain, maxLength: 253),
            "backup": .string("The backup to restore: a name from the BackupPolicy's status.backups, or latest for the newest verified backup.",
                              default: "latest", pattern: SchemaPatterns.backupName),
            "safetyBackup": .boolean("Whether a verified backup of the live data is taken before anything is changed (it is listed in the BackupPolicy's status).",
                                     default: true),
        ]).validated("self == oldSelf", message: "spec is immutable: create a new RestoreRequest instead")
}
