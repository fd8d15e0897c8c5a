import FileWallBallAPI
import KubeClient

/// Builds the desired objects of one BackupPolicy and the Jobs of backups and restores: pure functions
/// of the policy, its resolved spec and the cluster it backs up (same input, identical JSON).
public struct BackupObjectBuilder: Sendable {
    /// The policy.
    public var policy: BackupPolicyInput
    /// Its spec with defaults resolved.
    public var spec: ResolvedBackupPolicySpec
    /// Names derived from the policy.
    public var names: BackupPolicyNames
    /// Names derived from the cluster backed up.
    public var clusterNames: ClusterNames
    /// The cluster's app image: the backup and restore commands are the same binary.
    public var image: String
    /// The cluster's deletion policy, which the backup claim follows.
    public var clusterDeletionPolicy: DeletionPolicy

    /// Where the backup volume is mounted.
    public static let backupDirectory = "/var/lib/filewallball/backups"
    /// Where the backup command writes its result (the container's termination message).
    public static let terminationLog = "/dev/termination-log"
    /// The container's name in every backup and restore pod.
    public static let containerName = "filewallball"
    /// History kept by the CronJob, for successful and for failed Jobs.
    public static let historyLimit = 3
    /// How late a missed scheduled run may still start, in seconds.
    public static let startingDeadlineSeconds = 300
    /// How long a finished on-demand Job stays (its result is in the policy's status by then).
    public static let onDemandTTLSeconds = 7 * 86_400

    /// Creates a builder from the policy and the cluster's resolved spec.
    public init(policy: BackupPolicyInput, clusterName: String, clusterSpec: ResolvedClusterSpec) {
        self.policy = policy
        self.spec = ResolvedBackupPolicySpec(policy.spec)
        self.names = policy.names
        self.clusterNames = ClusterNames(cluster: clusterName)
        self.image = clusterSpec.appImage
        self.clusterDeletionPolicy = clusterSpec.deletionPolicy
    }

    /// Creates a builder from the policy and the cluster; throws when the cluster's spec cannot be resolved.
    public init(policy: BackupPolicyInput, cluster: ClusterInput) throws(QuantityError) {
        self.init(policy: policy, clusterName: cluster.name, clusterSpec: try ResolvedClusterSpec(cluster.spec))
    }

    /// The objects to apply on every reconcile, in order: ServiceAccount, backup claim, CronJob (the
    /// caller checks the schedule first with `spec.cronSchedule()`: the API server rejects a bad one).
    public func objects() -> [DesiredObject] {
        [DesiredObject(serviceAccount()), DesiredObject(backupClaim()), DesiredObject(cronJob())]
    }

    /// `P-backup`: the identity of backup and restore pods. It is bound to no Role: the Jobs report
    /// through their termination message and never call the API, so no token is mounted either.
    public func serviceAccount() -> ServiceAccount {
        var account = ServiceAccount(name: names.serviceAccount, namespace: policy.namespace)
        account.metadata = metadata(names.serviceAccount, .backup, owner: policy.ownerReference)
        account.automountServiceAccountToken = false
        return account
    }

    /// `P-backups`: the backup volume. Like the cluster's data objects, it carries the policy's owner
    /// reference only when the cluster's deletionPolicy is `Delete`: under `Retain` the backups must
    /// outlive a deleted policy (or a policy deleted along with its cluster), since they may be the only
    /// copy of the data left.
    public func backupClaim() -> PersistentVolumeClaim {
        var claim = PersistentVolumeClaim(name: names.claim, namespace: policy.namespace)
        claim.metadata = metadata(names.claim, .backup, owner: clusterDeletionPolicy == .delete ? policy.ownerReference : nil)
        claim.spec = ClusterObjectBuilder.claimSpec(size: spec.storageSize, storageClass: spec.storageClass, accessMode: spec.storageAccessMode)
        return claim
    }

    /// Metadata of an object: name, namespace, the cluster's labels for `component` plus the policy
    /// label and `extra`, and the controller reference when given.
    func metadata(_ name: String, _ component: ClusterComponent, owner: OwnerReference?, extra: [String: String] = [:]) -> ObjectMeta {
        var meta = ObjectMeta()
        meta.name = name
        meta.namespace = policy.namespace
        meta.labels = labels(component, extra: extra)
        if let owner { meta.ownerReferences = [owner] }
        return meta
    }

    /// The cluster's five labels for `component` (the instance is the CLUSTER, so the cluster's
    /// NetworkPolicies admit these pods to MariaDB and Redis), the policy label and `extra`.
    func labels(_ component: ClusterComponent, extra: [String: String] = [:]) -> [String: String] {
        ObjectLabels.labels(cluster: clusterNames.cluster, component: component)
            .merging([BackupPolicyNames.policyLabel: policy.name]) { current, _ in current }
            .merging(extra) { current, _ in current }
    }
}
