/// Defaults of a FileWallBallCluster's spec: written into the CRD schema (the API server fills them in)
/// and used by the controller for objects stored before a default existed.
public enum ClusterDefaults {
    /// MariaDB image.
    public static let databaseImage = "mariadb:10.11"
    /// Name of the file service's database.
    public static let databaseName = "filewallball_db"
    /// MariaDB data volume size.
    public static let databaseStorageSize = "10Gi"
    /// Redis image.
    public static let cacheImage = "redis:7.2"
    /// Redis `maxmemory`.
    public static let cacheMaxMemory = "256mb"
    /// Redis `maxmemory-policy`.
    public static let cacheEvictionPolicy = EvictionPolicy.allkeysLRU
    /// TTL of cached file metadata, seconds.
    public static let fileMetadataTTLSeconds = 3600
    /// TTL of sessions, seconds.
    public static let sessionTTLSeconds = 86_400
    /// TTL of temporary data (upload progress), seconds.
    public static let temporaryDataTTLSeconds = 600
    /// File service replicas.
    public static let appReplicas = 2
    /// Upload size limit.
    public static let maxUploadSize = "10Gi"
    /// Pool-size preset of the file service.
    public static let environment = EnvironmentName.kubernetes
    /// Blob volume size.
    public static let blobStorageSize = "20Gi"
    /// Blob volume access mode.
    public static let blobAccessMode = VolumeAccessMode.readWriteOnce
    /// What happens to PVCs and Secrets when the cluster is deleted.
    public static let deletionPolicy = DeletionPolicy.retain
    /// Longest cluster name: child names such as `NAME-mariadb-headless` and the StatefulSet's pod and
    /// revision labels must stay within 63 characters.
    public static let maxNameLength = 40
}
