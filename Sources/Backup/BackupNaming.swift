import Foundation

/// Names of backup files: `filewallball_backup_YYYYMMDD_HHMMSS.sql.gz` (UTC), and their side files.
enum BackupNaming {
    static let prefix = "filewallball_backup_"
    static let manifestSuffix = ".manifest.json"
    static let partialSuffix = ".partial"

    private static var pattern: Regex<(Substring, Substring, Substring, Substring?)> { #/^filewallball_backup_(\d{8})_(\d{6})\.sql(\.gz|\.zst)?$/# }

    /// The file name for a backup taken at `date`.
    static func name(for date: Date, compression: Compression) -> String {
        prefix + stamp(date) + compression.fileExtension
    }

    /// `YYYYMMDD_HHMMSS` in UTC.
    static func stamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02d_%02d%02d%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0,
                      c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// True when `fileName` is a finished backup's name.
    static func isBackupName(_ fileName: String) -> Bool { fileName.wholeMatch(of: pattern) != nil }

    /// The instant encoded in a backup name.
    static func date(of fileName: String) -> Date? {
        guard let match = fileName.wholeMatch(of: pattern) else { return nil }
        let text = String(match.1) + String(match.2)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss"
        return formatter.date(from: text)
    }
}
