/// The Redis key layout and TTLs of the design document.
public enum CachePolicy {
    /// File metadata lifetime in the cache.
    public static let fileMetaTTLSeconds = 3600
    /// Session lifetime, refreshed on every use (sliding).
    public static let sessionTTLSeconds = 86_400
    /// Lifetime of cached list pages (also the bound on staleness if an invalidation was lost).
    public static let fileListTTLSeconds = 120
    /// Upload progress lifetime.
    public static let uploadProgressTTLSeconds = 600

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
