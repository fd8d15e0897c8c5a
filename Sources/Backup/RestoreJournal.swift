import Foundation

/// The restore journal `<backup-dir>/.restore-journal.json`: which phase a restore reached, so a rerun
/// after a crash can finish or undo it. While it exists, retention never deletes the backups it names.
struct RestoreJournal: Codable, Sendable, Equatable {
    /// Restore phases in order; everything before `swapping` leaves the live tables untouched.
    enum Phase: String, Codable, Sendable, Comparable {
        case validating, safetyBackup, loadingStaging, verifyingStaging, restoringBlobs, maintenanceOn, swapping, swapped

        private var order: Int {
            [.validating, .safetyBackup, .loadingStaging, .verifyingStaging, .restoringBlobs, .maintenanceOn, .swapping, .swapped]
                .firstIndex(of: self) ?? 0
        }

        static func < (lhs: Phase, rhs: Phase) -> Bool { lhs.order < rhs.order }
    }

    /// Backup being restored.
    var backupName: String
    /// Live database.
    var database: String
    /// Staging database the backup is loaded into.
    var stagingDatabase: String
    /// Database the previous live tables are moved into by the swap.
    var oldDatabase: String
    /// Safety backup taken before the restore, once done.
    var safetyBackupName: String?
    /// Phase reached.
    var phase: Phase
    /// When the restore started.
    var startedAt: Date

    static let fileName = ".restore-journal.json"

    static func url(in directory: URL) -> URL { directory.appendingPathComponent(fileName) }

    /// Reads the journal, nil when none.
    static func load(from directory: URL) throws -> RestoreJournal? {
        let url = url(in: directory)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do { return try decoder.decode(RestoreJournal.self, from: Data(contentsOf: url)) } catch {
            throw BackupError(.restoreFailed, reason: "bad_journal", "restore journal \(url.path) is unreadable: \(error)")
        }
    }

    /// Writes the journal durably (temp + fsync + rename + dir fsync).
    func save(in directory: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        try DurableFiles.writeAtomically(try encoder.encode(self), to: Self.url(in: directory))
    }

    /// Deletes the journal durably.
    static func remove(in directory: URL) throws {
        let url = url(in: directory)
        if FileManager.default.fileExists(atPath: url.path) {
            do { try FileManager.default.removeItem(at: url) } catch { throw BackupError.io(error, "remove journal") }
            try DurableFiles.syncDirectory(directory)
        }
    }

    /// Backups this journal keeps from being pruned.
    var protectedNames: Set<String> { Set([backupName] + (safetyBackupName.map { [$0] } ?? [])) }
}
