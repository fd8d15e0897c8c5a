/// The Redis part of a cluster: cache of file metadata, shared sessions and upload progress.
public struct CacheSpec: Codable, Sendable, Equatable, SchemaDescribed {
    /// Redis image.
    public var image: String?
    /// Redis `maxmemory` (`256mb`).
    public var maxMemory: String?
    /// Redis `maxmemory-policy`.
    public var evictionPolicy: EvictionPolicy?
    /// Cache lifetimes.
    public var ttl: CacheTTLSpec?
    /// Container resources.
    public var resources: ResourceRequirements?

    /// Creates a cache spec.
    public init(image: String? = nil, maxMemory: String? = nil, evictionPolicy: EvictionPolicy? = nil,
                ttl: CacheTTLSpec? = nil, resources: ResourceRequirements? = nil) {
        self.image = image
        self.maxMemory = maxMemory
        self.evictionPolicy = evictionPolicy
        self.ttl = ttl
        self.resources = resources
    }

    /// The schema of `spec.cache`.
    public static let schema = Schema.object(
        "The Redis cache: file metadata, sessions shared by every file-service replica, and upload progress. Redis runs without persistence; losing it costs speed, never data.", [
            "image": .string("Redis container image (7 or newer).", default: ClusterDefaults.cacheImage,
                             pattern: SchemaPatterns.image, maxLength: 512),
            "maxMemory": .string("Redis maxmemory: the most memory the cache may use, as Redis writes sizes (256mb, 1gb).",
                                 default: ClusterDefaults.cacheMaxMemory, pattern: SchemaPatterns.redisMemory),
            "evictionPolicy": .string("Redis maxmemory-policy: which keys Redis evicts when maxMemory is reached.",
                                      default: ClusterDefaults.cacheEvictionPolicy.rawValue,
                                      oneOf: EvictionPolicy.allCases.map(\.rawValue)),
            "ttl": CacheTTLSpec.schema,
            "resources": ResourceRequirements.schema,
        ]).defaulting(to: .emptyObject)
}

/// Lifetimes of what the file service caches in Redis.
public struct CacheTTLSpec: Codable, Sendable, Equatable, SchemaDescribed {
    /// Cached file metadata (`file:meta:{id}`), seconds.
    public var fileMetadataSeconds: Int?
    /// Sessions (`session:...`), seconds; sliding.
    public var sessionSeconds: Int?
    /// Temporary data such as upload progress (`temp:upload:progress:{id}`), seconds.
    public var temporaryDataSeconds: Int?

    /// Creates TTLs.
    public init(fileMetadataSeconds: Int? = nil, sessionSeconds: Int? = nil, temporaryDataSeconds: Int? = nil) {
        self.fileMetadataSeconds = fileMetadataSeconds
        self.sessionSeconds = sessionSeconds
        self.temporaryDataSeconds = temporaryDataSeconds
    }

    /// The schema of `spec.cache.ttl`.
    public static let schema = Schema.object("How long the file service keeps each kind of entry in Redis.", [
        "fileMetadataSeconds": .integer("Lifetime of cached file metadata, in seconds.",
                                        default: ClusterDefaults.fileMetadataTTLSeconds, minimum: 1, maximum: 2_592_000),
        "sessionSeconds": .integer("Lifetime of a session since its last use, in seconds.",
                                   default: ClusterDefaults.sessionTTLSeconds, minimum: 60, maximum: 31_536_000),
        "temporaryDataSeconds": .integer("Lifetime of temporary data such as upload progress, in seconds.",
                                         default: ClusterDefaults.temporaryDataTTLSeconds, minimum: 1, maximum: 604_800),
    ]).defaulting(to: .emptyObject)
}

/// Redis eviction policies (`maxmemory-policy`).
public enum EvictionPolicy: String, Codable, Sendable, Equatable, CaseIterable {
    /// Evict any key, least recently used first.
    case allkeysLRU = "allkeys-lru"
    /// Evict any key, least frequently used first.
    case allkeysLFU = "allkeys-lfu"
    /// Evict random keys.
    case allkeysRandom = "allkeys-random"
    /// Evict keys with a TTL, least recently used first.
    case volatileLRU = "volatile-lru"
    /// Evict keys with a TTL, least frequently used first.
    case volatileLFU = "volatile-lfu"
    /// Evict random keys with a TTL.
    case volatileRandom = "volatile-random"
    /// Evict keys with a TTL, nearest expiry first.
    case volatileTTL = "volatile-ttl"
    /// Never evict: writes fail when memory is full.
    case noEviction = "noeviction"
}
