/// Pool-size presets per deployment environment (design document: development 10, kubernetes 30,
/// production 50 Redis connections).
public enum EnvironmentPreset: String, Sendable, CaseIterable {
    case development, kubernetes, production

    /// Redis connections in the pool.
    public var redisConnections: Int {
        switch self {
        case .development: 10
        case .kubernetes: 30
        case .production: 50
        }
    }

    /// MariaDB connections in the pool. Kept small on purpose: each connection is a blocking client on
    /// its own thread, and on 2 cores "list 50" at 64 clients ran at the same rate with 6 connections as
    /// with 40, with p99 26 ms instead of 139 ms (bench/dataplane-bench.sh).
    public var databaseConnections: Int {
        switch self {
        case .development: 8
        case .kubernetes: 12
        case .production: 16
        }
    }
}
