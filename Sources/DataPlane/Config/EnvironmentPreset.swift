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

    /// MariaDB connections in the pool.
    public var databaseConnections: Int {
        switch self {
        case .development: 10
        case .kubernetes: 20
        case .production: 40
        }
    }
}
