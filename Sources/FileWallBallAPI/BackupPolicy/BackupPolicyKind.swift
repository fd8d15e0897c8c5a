/// The `BackupPolicy` kind: scheduled, verified backups of a cluster, kept by retention.
public enum BackupPolicyKind: CustomResourceKind {
    /// The spec.
    public typealias Spec = BackupPolicySpec
    /// The status.
    public typealias Status = BackupPolicyStatus

    /// `backuppolicies`, short name `fwbbp`.
    public static let names = ResourceNames(kind: "BackupPolicy", plural: "backuppolicies",
                                            singular: "backuppolicy", shortNames: ["fwbbp"])
    /// Shown by `kubectl explain fwbbp`.
    public static let summary =
        "Scheduled backups of a FileWallBallCluster: a CronJob runs filewallball backup, every backup is verified, and retention keeps the store bounded. Annotate with filewallball.io/backup-now=<new value> for an on-demand backup."
    /// Cluster, Schedule, Last Backup, Healthy, Age.
    public static let printerColumns = [
        PrinterColumn("Cluster", ".spec.clusterRef.name", "The FileWallBallCluster backed up."),
        PrinterColumn("Schedule", ".spec.schedule", "Cron schedule of the backups."),
        PrinterColumn("Last Backup", type: "date", ".status.lastSuccessfulBackup.takenAt", "When the newest verified backup was taken."),
        PrinterColumn("Healthy", #".status.conditions[?(@.type=="BackupHealthy")].status"#, "Whether the newest backup succeeded and was verified."),
        PrinterColumn("Next", type: "date", ".status.nextScheduleTime", "When the next scheduled backup starts.", priority: 1),
        PrinterColumn.age,
    ]
    /// Job names are derived from the policy's name and must stay valid DNS labels.
    public static let objectValidations = [
        ValidationRule(rule: "self.metadata.name.size() <= \(BackupDefaults.maxNameLength)",
                       message: "metadata.name must be at most \(BackupDefaults.maxNameLength) characters (names of its CronJob and Jobs are derived from it)"),
    ]
}
