/// The `RestoreRequest` kind: one atomic restore of a cluster from a backup, behind a safety backup.
public enum RestoreRequestKind: CustomResourceKind {
    /// The spec.
    public typealias Spec = RestoreRequestSpec
    /// The status.
    public typealias Status = RestoreRequestStatus

    /// `restorerequests`, short name `fwbrr`.
    public static let names = ResourceNames(kind: "RestoreRequest", plural: "restorerequests",
                                            singular: "restorerequest", shortNames: ["fwbrr"])
    /// Shown by `kubectl explain fwbrr`.
    public static let summary =
        "A one-off restore of a FileWallBallCluster from a backup: a verified safety backup first, then the backup is loaded into a staging database and swapped in atomically while the file service is in maintenance. At most one restore runs per cluster."
    /// Cluster, Backup, Phase, Age.
    public static let printerColumns = [
        PrinterColumn("Cluster", ".spec.clusterRef.name", "The FileWallBallCluster restored."),
        PrinterColumn("Backup", ".spec.backup", "The backup requested."),
        PrinterColumn("Phase", ".status.phase", "Where the restore is."),
        PrinterColumn("Restored", ".status.restoredBackup", "The backup actually restored.", priority: 1),
        PrinterColumn.age,
    ]
}
