/// Names of the objects a cluster owns, all derived from the cluster's name.
public struct ClusterNames: Sendable, Equatable {
    /// The cluster's name.
    public var cluster: String

    /// Names for a cluster.
    public init(cluster: String) { self.cluster = cluster }

    /// Secret with MariaDB credentials and URLs.
    public var databaseSecret: String { "\(cluster)-database" }
    /// Secret with the Redis password, URL and `auth.conf`.
    public var cacheSecret: String { "\(cluster)-cache" }
    /// Secret with the first administrator's credentials.
    public var adminSecret: String { "\(cluster)-admin" }
    /// MariaDB ConfigMap, client Service and StatefulSet.
    public var mariadb: String { "\(cluster)-mariadb" }
    /// MariaDB headless Service (the StatefulSet's governing Service).
    public var mariadbHeadless: String { "\(cluster)-mariadb-headless" }
    /// Name of the StatefulSet's volume claim template.
    public static let mariadbDataTemplate = "data"
    /// The PVC the StatefulSet creates for its only pod.
    public var mariadbDataClaim: String { "\(Self.mariadbDataTemplate)-\(mariadb)-0" }
    /// Redis ConfigMap, Deployment and Service.
    public var redis: String { "\(cluster)-redis" }
    /// File service Deployment, Service and PodDisruptionBudget.
    public var api: String { "\(cluster)-api" }
    /// File service admin Service (probes and metrics port).
    public var apiAdmin: String { "\(cluster)-api-admin" }
    /// The blob volume claim.
    public var blobClaim: String { "\(cluster)-blobs" }
}
