/// The `FileWallBallCluster` kind: MariaDB + Redis + the file service, managed as one.
public enum FileWallBallClusterKind: CustomResourceKind {
    /// The spec.
    public typealias Spec = FileWallBallClusterSpec
    /// The status.
    public typealias Status = FileWallBallClusterStatus

    /// `filewallballclusters`, short name `fwb`.
    public static let names = ResourceNames(kind: "FileWallBallCluster", plural: "filewallballclusters",
                                            singular: "filewallballcluster", shortNames: ["fwb"])
    /// Shown by `kubectl explain fwb`.
    public static let summary =
        "A FileWallBall installation: a MariaDB database, a Redis cache and replicas of the file service, reconciled by the FileWallBall controller."
    /// Ready, Phase, Replicas, Age.
    public static let printerColumns = [
        PrinterColumn("Ready", #".status.conditions[?(@.type=="Ready")].status"#, "Whether the file API is serving."),
        PrinterColumn("Phase", ".status.phase", "Summary of the cluster's state."),
        PrinterColumn("Replicas", ".status.replicaSummary", "Ready and desired file-service replicas."),
        PrinterColumn("URL", ".status.url", "In-cluster URL of the file API.", priority: 1),
        PrinterColumn.age,
    ]
    /// `kubectl scale fwb NAME --replicas=N` sets `spec.app.replicas`.
    public static let scale: ScaleSubresource? = ScaleSubresource(
        specReplicasPath: ".spec.app.replicas", statusReplicasPath: ".status.replicas", labelSelectorPath: ".status.selector")
    /// Child object names are derived from the cluster's name and must stay valid.
    public static let objectValidations = [
        ValidationRule(rule: "self.metadata.name.size() <= \(ClusterDefaults.maxNameLength)",
                       message: "metadata.name must be at most \(ClusterDefaults.maxNameLength) characters (names of the objects it owns are derived from it)"),
    ]
}
