/// The desired state of a FileWallBallCluster: MariaDB, Redis and the file service.
public struct FileWallBallClusterSpec: Codable, Sendable, Equatable, SchemaDescribed {
    /// The MariaDB database.
    public var database: DatabaseSpec?
    /// The Redis cache.
    public var cache: CacheSpec?
    /// The file service (`filewallball serve`).
    public var app: AppSpec?
    /// What happens to PVCs and Secrets when the cluster is deleted.
    public var deletionPolicy: DeletionPolicy?

    /// Creates a spec.
    public init(database: DatabaseSpec? = nil, cache: CacheSpec? = nil, app: AppSpec? = nil, deletionPolicy: DeletionPolicy? = nil) {
        self.database = database
        self.cache = cache
        self.app = app
        self.deletionPolicy = deletionPolicy
    }

    /// The schema of `spec`.
    public static let schema = Schema.object(
        "The desired state of a FileWallBall installation: a MariaDB database, a Redis cache and the file service in front of them.", [
            "database": DatabaseSpec.schema,
            "cache": CacheSpec.schema,
            "app": AppSpec.schema,
            "deletionPolicy": .string(
                "What happens to the PersistentVolumeClaims and generated Secrets when the cluster is deleted: Retain keeps them (re-creating the cluster serves the same data), Delete removes them.",
                default: ClusterDefaults.deletionPolicy.rawValue, oneOf: DeletionPolicy.allCases.map(\.rawValue)),
        ]).defaulting(to: .emptyObject)
}

/// What deleting a cluster does to its data.
public enum DeletionPolicy: String, Codable, Sendable, Equatable, CaseIterable {
    /// PVCs and Secrets outlive the cluster.
    case retain = "Retain"
    /// A finalizer removes PVCs and Secrets.
    case delete = "Delete"
}
