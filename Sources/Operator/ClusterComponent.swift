/// The part of a cluster an object belongs to (`app.kubernetes.io/component`).
public enum ClusterComponent: String, Sendable, Equatable, CaseIterable {
    /// MariaDB.
    case database
    /// Redis.
    case cache
    /// The file service.
    case fileService = "file-service"
    /// Backup Jobs.
    case backup
    /// Restore Jobs.
    case restore
}
