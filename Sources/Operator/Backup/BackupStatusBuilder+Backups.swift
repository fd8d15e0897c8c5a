import FileWallBallAPI
import Foundation
import KubeClient

extension BackupStatusBuilder {
    /// The most entries `status.backups` holds (the schema's maxItems).
    public static let maxKeptBackups = 1000

    /// The kept list, newest first: `previous`, then each observed backup in the order taken (added when
    /// not older than the newest previously listed — an older one missing from the list was pruned),
    /// each run removing the names its retention pruned.
    static func keptBackups(_ previous: [KeptBackup], _ outcomes: [BackupRunOutcome]) -> [KeptBackup]? {
        var list = previous
        let watermark = previous.compactMap { KubeTime.parse($0.takenAt) }.max()
        let successes = outcomes.compactMap(\.success).sorted { ($0.takenAt, $0.record.name) < ($1.takenAt, $1.record.name) }
        for success in successes {
            let pruned = Set(success.pruned)
            list.removeAll { pruned.contains($0.name) }
            if watermark.map({ success.takenAt >= $0 }) ?? true, !list.contains(where: { $0.name == success.kept.name }) {
                list.append(success.kept)
            }
        }
        let sorted = list.sorted { lhs, rhs in
            let left = KubeTime.parse(lhs.takenAt) ?? .distantPast
            let right = KubeTime.parse(rhs.takenAt) ?? .distantPast
            return (left, lhs.name) > (right, rhs.name)
        }
        return sorted.isEmpty ? nil : Array(sorted.prefix(maxKeptBackups))
    }
}
