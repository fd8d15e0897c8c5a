/// Where the Redis pod finds its configuration and password.
public enum CacheFiles {
    /// Key of the cache Secret holding the `requirepass` line.
    public static let authKey = "auth.conf"
    /// Mount point of the `N-redis` ConfigMap.
    public static let configDirectory = "/etc/redis/conf"
    /// Mount point of the cache Secret's `auth.conf`.
    public static let secretDirectory = "/etc/redis/secret"
    /// The configuration file redis-server is started with.
    public static var configFile: String { "\(configDirectory)/redis.conf" }
}
