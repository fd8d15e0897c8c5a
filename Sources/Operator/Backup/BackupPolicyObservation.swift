/// What the reconciler observed around a BackupPolicy (from its informer caches), besides the policy.
public struct BackupPolicyObservation: Sendable, Equatable {
    /// Whether the FileWallBallCluster of `spec.clusterRef` exists.
    public var clusterExists: Bool
    /// Whether the policy's CronJob exists.
    public var cronJobExists: Bool
    /// The CronJob's `status.lastScheduleTime`.
    public var cronJobLastScheduleTime: String?
    /// The Jobs labelled with the policy (scheduled, on-demand, safety and restore Jobs alike).
    public var jobs: [BackupJobObservation]
    /// The backup-now value just handled (`OnDemandDecision`); nil keeps the previous status' value.
    public var lastOnDemandRequest: String?

    /// Creates an observation.
    public init(clusterExists: Bool, cronJobExists: Bool, cronJobLastScheduleTime: String? = nil, jobs: [BackupJobObservation] = [],
                lastOnDemandRequest: String? = nil) {
        self.clusterExists = clusterExists
        self.cronJobExists = cronJobExists
        self.cronJobLastScheduleTime = cronJobLastScheduleTime
        self.jobs = jobs
        self.lastOnDemandRequest = lastOnDemandRequest
    }
}
