import FileWallBallAPI

/// Everything besides the request itself that the restore planner reads, as the glue observed it in its
/// informer caches on this pass.
public struct RestoreObservation: Sendable, Equatable {
    /// The FileWallBallCluster named by the acting spec.
    public var cluster: RestoreClusterPresence
    /// Every BackupPolicy of the request's namespace (the planner picks the one that applies).
    public var policies: [RestorePolicyCandidate]
    /// The RestoreRequests of the namespace (this one may be included; it is skipped by name).
    public var peers: [RestorePeer]
    /// The Job `NAME-safety`.
    public var safetyJob: RestoreJobState
    /// The Job `NAME-restore`.
    public var restoreJob: RestoreJobState

    /// Creates an observation.
    public init(cluster: RestoreClusterPresence, policies: [RestorePolicyCandidate] = [], peers: [RestorePeer] = [],
                safetyJob: RestoreJobState = .absent, restoreJob: RestoreJobState = .absent) {
        self.cluster = cluster
        self.policies = policies
        self.peers = peers
        self.safetyJob = safetyJob
        self.restoreJob = restoreJob
    }
}

/// Whether the cluster to restore exists, and whether it reports `Ready=True` (the data plane serving).
public enum RestoreClusterPresence: Sendable, Equatable {
    /// No FileWallBallCluster of that name in the namespace.
    case notFound
    /// It exists and is not Ready (or has not said).
    case notReady
    /// It exists and its `Ready` condition is `True` for its current generation.
    case ready
}

/// One BackupPolicy as the restore planner sees it: its name, its cluster and the backups in its status.
public struct RestorePolicyCandidate: Sendable, Equatable {
    /// `metadata.name`.
    public var name: String
    /// `spec.clusterRef.name`.
    public var clusterName: String
    /// `status.backups` (newest first); nil before the controller first reported them.
    public var backups: [KeptBackup]?

    /// Creates a candidate.
    public init(name: String, clusterName: String, backups: [KeptBackup]? = nil) {
        self.name = name
        self.clusterName = clusterName
        self.backups = backups
    }
}

/// Another RestoreRequest, for the one-restore-per-cluster rule.
public struct RestorePeer: Sendable, Equatable {
    /// `metadata.name`.
    public var name: String
    /// The cluster of its acting spec (`RestoreRequestInput.actingSpec`); nil when its spec is invalid.
    public var clusterName: String?
    /// `metadata.creationTimestamp` (RFC 3339).
    public var creationTimestamp: String
    /// `status.phase`; nil before its first status.
    public var phase: RestorePhase?

    /// Creates a peer.
    public init(name: String, clusterName: String?, creationTimestamp: String, phase: RestorePhase?) {
        self.name = name
        self.clusterName = clusterName
        self.creationTimestamp = creationTimestamp
        self.phase = phase
    }

    /// The peer as read from a served RestoreRequest.
    public init(_ input: RestoreRequestInput) {
        self.init(name: input.name, clusterName: input.actingSpec?.clusterName, creationTimestamp: input.creationTimestamp,
                  phase: input.status.phase)
    }
}
