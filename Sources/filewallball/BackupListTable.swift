import Backup
import Foundation

/// The `restore --list` table: name, taken at, size, verified, age.
enum BackupListTable {
    /// Renders aligned columns.
    static func render(_ entries: [BackupEntry], now: Date) -> String {
        let formatter = ISO8601DateFormatter()
        var rows = [["NAME", "TAKEN AT (UTC)", "SIZE", "VERIFIED", "AGE"]]
        for entry in entries {
            rows.append([entry.name, formatter.string(from: entry.takenAt), human(entry.size),
                         entry.verified ? (entry.kind == .safety ? "yes (safety)" : "yes") : "no", age(now.timeIntervalSince(entry.takenAt))])
        }
        let widths = (0..<5).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    private static func human(_ bytes: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var index = 0
        while value >= 1024, index < units.count - 1 { value /= 1024; index += 1 }
        return index == 0 ? "\(bytes) B" : String(format: "%.1f", value) + " " + units[index]
    }

    private static func age(_ seconds: TimeInterval) -> String {
        let s = Int(max(0, seconds))
        if s >= 86_400 { return "\(s / 86_400)d \((s % 86_400) / 3600)h" }
        if s >= 3600 { return "\(s / 3600)h \((s % 3600) / 60)m" }
        return "\(s / 60)m"
    }
}
