/// The Redis key layout and TTLs of the design document. The metadata, session and upload-progress
/// lifetimes are defaults: `serve` reads the lifetimes in force once at start (`ServeConfiguration`).
public enum CachePolicy {
    /// Default file metadata lifetime in the cache (FWB_CACHE_FILE_METADATA_TTL_SECONDS).
    public static let fileMetaTTLSeconds = 3600
    /// Default session lifetime, refreshed on every use (sliding; FWB_SESSION_TTL_SECONDS).
    public static let sessionTTLSeconds = 86_400
    /// Lifetime of cached list pages (also the bound on staleness if an invalidation was lost).
    public static let fileListTTLSeconds = 120
    /// Default upload progress lifetime (FWB_CACHE_TEMPORARY_TTL_SECONDS).
    public static let uploadProgressTTLSeconds = 600
    /// Accepted file metadata lifetimes: up to 30 days (as the cluster CRD's `spec.cache.ttl`).
    public static let fileMetaTTLRange = 1...2_592_000
    /// Accepted session lifetimes: one minute to a year (as the cluster CRD's `spec.cache.ttl`).
    public static let sessionTTLRange = 60...31_536_000
    /// Accepted upload progress lifetimes: up to 7 days (as the cluster CRD's `spec.cache.ttl`).
    public static let uploadProgressTTLRange = 1...604_800

    /// `file:meta:{id}`.
    public static func fileMetaKey(_ fileID: String) -> String { "file:meta:\(fileID)" }
    /// `file:list:{owner}`: the owner's rendered list pages (see `ListCache`).
    public static func fileListKey(_ ownerID: UInt64) -> String { "file:list:{\(ownerID)}" }
    /// `file:listgen:{owner}`: the owner's list generation, bumped by every upload and delete.
    public static func fileListGenerationKey(_ ownerID: UInt64) -> String { "file:listgen:{\(ownerID)}" }
    /// Prefix of the generation keys: an invalidation bumps these (INCR) instead of deleting them.
    static let fileListGenerationPrefix = "file:listgen:"
    /// The keys a write by `ownerID` must invalidate so no replica serves an old list page.
    static func fileListKeys(_ ownerID: UInt64) -> [String] { [fileListGenerationKey(ownerID), fileListKey(ownerID)] }
    /// `session:token:{sha256 of the token}` — the token itself never reaches Redis.
    public static func sessionKey(tokenHash: String) -> String { "session:token:\(tokenHash)" }
    /// `temp:upload:progress:{upload_id}`.
    public static func uploadProgressKey(_ uploadID: String) -> String { "temp:upload:progress:\(uploadID)" }
}
