import FileWallBallAPI

/// A cluster's spec with every default filled in (from `ClusterDefaults`), so builders never meet nil.
public struct ResolvedClusterSpec: Sendable, Equatable {
    /// MariaDB image.
    public var databaseImage: String
    /// The file service's database name.
    public var databaseName: String
    /// MariaDB data volume size (a quantity).
    public var databaseStorageSize: String
    /// MariaDB data volume StorageClass; nil for the cluster's default.
    public var databaseStorageClass: String?
    /// MariaDB container resources.
    public var databaseResources: ResourceRequirements
    /// Redis image.
    public var cacheImage: String
    /// Redis `maxmemory`, as Redis writes sizes.
    public var cacheMaxMemory: String
    /// Redis `maxmemory-policy`.
    public var cacheEvictionPolicy: EvictionPolicy
    /// TTL of cached file metadata, seconds.
    public var fileMetadataTTLSeconds: Int
    /// TTL of sessions, seconds.
    public var sessionTTLSeconds: Int
    /// TTL of temporary data, seconds.
    public var temporaryDataTTLSeconds: Int
    /// Redis container resources.
    public var cacheResources: ResourceRequirements
    /// File service image.
    public var appImage: String
    /// File service replicas.
    public var appReplicas: Int
    /// File service container resources.
    public var appResources: ResourceRequirements
    /// Upload limit as written in the spec (a quantity).
    public var maxUploadSize: String
    /// Upload limit in bytes.
    public var maxUploadBytes: Int64
    /// Pool-size preset.
    public var environment: EnvironmentName
    /// Blob volume size.
    public var blobStorageSize: String
    /// Blob volume StorageClass; nil for the cluster's default.
    public var blobStorageClass: String?
    /// Blob volume access mode.
    public var blobAccessMode: VolumeAccessMode
    /// What deletion does to PVCs and Secrets.
    public var deletionPolicy: DeletionPolicy

    /// Resolves a spec; throws when the upload size is not a whole number of bytes.
    public init(_ spec: FileWallBallClusterSpec) throws(QuantityError) {
        let database = spec.database ?? DatabaseSpec()
        let cache = spec.cache ?? CacheSpec()
        let ttl = cache.ttl ?? CacheTTLSpec()
        let app = spec.app ?? AppSpec()
        databaseImage = database.image ?? ClusterDefaults.databaseImage
        databaseName = database.databaseName ?? ClusterDefaults.databaseName
        databaseStorageSize = database.storage?.size ?? ClusterDefaults.databaseStorageSize
        databaseStorageClass = database.storage?.storageClassName
        databaseResources = database.resources ?? ResourceRequirements()
        cacheImage = cache.image ?? ClusterDefaults.cacheImage
        cacheMaxMemory = cache.maxMemory ?? ClusterDefaults.cacheMaxMemory
        cacheEvictionPolicy = cache.evictionPolicy ?? ClusterDefaults.cacheEvictionPolicy
        fileMetadataTTLSeconds = ttl.fileMetadataSeconds ?? ClusterDefaults.fileMetadataTTLSeconds
        sessionTTLSeconds = ttl.sessionSeconds ?? ClusterDefaults.sessionTTLSeconds
        temporaryDataTTLSeconds = ttl.temporaryDataSeconds ?? ClusterDefaults.temporaryDataTTLSeconds
        cacheResources = cache.resources ?? ResourceRequirements()
        appImage = app.image ?? FileWallBallAPIGroup.defaultImage
        appReplicas = app.replicas ?? ClusterDefaults.appReplicas
        appResources = app.resources ?? ResourceRequirements()
        maxUploadSize = app.maxUploadSize ?? ClusterDefaults.maxUploadSize
        maxUploadBytes = try Quantity.bytes(maxUploadSize)
        environment = app.environment ?? ClusterDefaults.environment
        blobStorageSize = app.blobStorage?.size ?? ClusterDefaults.blobStorageSize
        blobStorageClass = app.blobStorage?.storageClassName
        blobAccessMode = app.blobStorage?.accessMode ?? ClusterDefaults.blobAccessMode
        deletionPolicy = spec.deletionPolicy ?? ClusterDefaults.deletionPolicy
    }
}
