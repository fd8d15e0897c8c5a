/// What the controller observed of a FileWallBallCluster.
public struct FileWallBallClusterStatus: Codable, Sendable, Equatable, SchemaDescribed {
    /// Summary of the cluster's state.
    public var phase: ClusterPhase?
    /// Ready, DatabaseReady, CacheReady, AppReady and Degraded.
    public var conditions: [StatusCondition]?
    /// The `metadata.generation` this status describes.
    public var observedGeneration: Int?
    /// Desired file-service replicas (the scale subresource's status path).
    public var replicas: Int?
    /// File-service replicas that are ready.
    public var readyReplicas: Int?
    /// `ready/desired`, for `kubectl get`.
    public var replicaSummary: String?
    /// Label selector of the file-service pods (the scale subresource's selector path).
    public var selector: String?
    /// The file API's in-cluster URL.
    public var url: String?
    /// Names of the generated Secrets.
    public var secrets: ClusterSecretNames?

    /// Creates a status.
    public init(phase: ClusterPhase? = nil, conditions: [StatusCondition]? = nil, observedGeneration: Int? = nil,
                replicas: Int? = nil, readyReplicas: Int? = nil, replicaSummary: String? = nil, selector: String? = nil,
                url: String? = nil, secrets: ClusterSecretNames? = nil) {
        self.phase = phase
        self.conditions = conditions
        self.observedGeneration = observedGeneration
        self.replicas = replicas
        self.readyReplicas = readyReplicas
        self.replicaSummary = replicaSummary
        self.selector = selector
        self.url = url
        self.secrets = secrets
    }

    /// The schema of `status`.
    public static let schema = Schema.object("The state of the cluster as the controller last observed it.", [
        "phase": .string("Summary of the cluster's state: Pending (nothing ready yet), Provisioning (some parts ready), Ready, Degraded (serving with a part down), Failed (the spec cannot be acted on), Deleting.",
                         oneOf: ClusterPhase.allCases.map(\.rawValue)),
        "conditions": StatusCondition.listSchema(
            "Ready, DatabaseReady, CacheReady, AppReady and Degraded, each with a reason, a message and the generation it was computed from."),
        "observedGeneration": .integer("The metadata.generation this status describes.", minimum: 0),
        "replicas": .integer("Desired file-service replicas.", minimum: 0, format: "int32"),
        "readyReplicas": .integer("File-service replicas that are ready.", minimum: 0, format: "int32"),
        "replicaSummary": .string("Ready and desired file-service replicas as READY/DESIRED."),
        "selector": .string("Label selector of the file-service pods (used by kubectl scale and autoscalers)."),

        "url": .string("In-cluster URL of the file API (the file service's Service)."),
        "secrets": ClusterSecretNames.schema,
    ])
}

/// Names of the Secrets the controller generated for a cluster.
public struct ClusterSecretNames: Codable, Sendable, Equatable, SchemaDescribed {
    /// MariaDB root and application credentials.
    public var database: String?
    /// The Redis password.
    public var cache: String?
    /// The first administrator's password for the file service.
    public var admin: String?

    /// Creates the names.
    public init(database: String? = nil, cache: String? = nil, admin: String? = nil) {
        self.database = database
        self.cache = cache
        self.admin = admin
    }

    /// The schema of `status.secrets`.
    public static let schema = Schema.object("The Secrets the controller generated for this cluster (created once, never overwritten).", [
        "database": .string("Secret with the MariaDB root and application passwords and the database URL."),
        "cache": .string("Secret with the Redis password."),
        "admin": .string("Secret with the file service's first administrator (keys username and password)."),
    ])
}

/// Summary states of a cluster.
public enum ClusterPhase: String, Codable, Sendable, Equatable, CaseIterable {
    /// Nothing is ready yet.
    case pending = "Pending"
    /// Some components are ready.
    case provisioning = "Provisioning"
    /// Everything is ready.
    case ready = "Ready"
    /// Serving, with a component down (Redis, or some replicas).
    case degraded = "Degraded"
    /// The spec cannot be acted on.
    case failed = "Failed"
    /// Deletion in progress.
    case deleting = "Deleting"
}
