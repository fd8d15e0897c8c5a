import Foundation

/// Which backups to keep: everything younger than `retentionDays`, and at least the newest `keepMin`
/// verified ones (whichever keeps more); the newest verified backup and backups in use by a restore are
/// never deleted.
public struct RetentionPolicy: Sendable, Equatable {
    /// Maximum age in days of backups kept by age.
    public var retentionDays: Int
    /// Minimum number of verified backups kept whatever their age.
    public var keepMin: Int

    /// Defaults: 7 days, keep at least 3.
    public init(retentionDays: Int = 7, keepMin: Int = 3) {
        self.retentionDays = retentionDays
        self.keepMin = keepMin
    }

    /// Names to delete among `entries` at `now`; `protected` names (in use by a restore) are kept.
    public func namesToDelete(_ entries: [BackupEntry], now: Date, protected: Set<String>) -> [String] {
        let newestFirst = entries.sorted { ($0.takenAt, $0.name) > ($1.takenAt, $1.name) }
        let maxAge = TimeInterval(retentionDays) * 86_400
        var keep = protected
        for entry in newestFirst where now.timeIntervalSince(entry.takenAt) <= maxAge { keep.insert(entry.name) }
        let verified = newestFirst.filter(\.verified)
        for entry in verified.prefix(max(keepMin, 1)) { keep.insert(entry.name) }
        return newestFirst.map(\.name).filter { !keep.contains($0) }
    }
}
