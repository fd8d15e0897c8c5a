/// The Redis key layout and TTLs of the design document.
public enum CachePolicy {
    /// File metadata lifetime in the cache.
    public static let fileMetaTTLSeconds = 3600
    /// Session lifetime, refreshed on every use (sliding).
    public static let sessionTTLSeconds = 86_400
    /// Upload progress lifetime.
    public static let uploadProgressTTLSeconds = 600

    /// `file:meta:{id}`.
    public static func fileMetaKey(_ fileID: String) -> String { "file:meta:\(fileID)" }
    /// `session:token:{sha256 of the token}` — the token itself never reaches Redis.
    public static func sessionKey(tokenHash: String) -> String { "session:token:\(tokenHash)" }
    /// `temp:upload:progress:{upload_id}`.
    public static func uploadProgressKey(_ uploadID: String) -> String { "temp:upload:progress:\(uploadID)" }
}
