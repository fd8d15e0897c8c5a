import Foundation
import Synchronization
import Testing
@testable import Backup

/// A clock the test moves by hand.
final class ManualClock: BackupClock {
    private let current: Mutex<Date>
    init(_ start: Date) { current = Mutex(start) }
    func now() -> Date { current.withLock { $0 } }
    func advance(hours: Double) { current.withLock { $0 = $0.addingTimeInterval(hours * 3600) } }
}

/// Retention over simulated days with an injected clock (no sleeping, no database).
@Suite struct RetentionTests {
    let directory: URL
    let start = Date(timeIntervalSince1970: 1_767_232_800) // 2026-01-01 02:00:00 UTC

    init() throws {
        directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fwb-retention-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Writes a fake finished backup taken at `date` referencing `blobs` (sha → content).
    func fakeBackup(at date: Date, verified: Bool = true, kind: BackupManifest.Kind = .backup, blobs: [String: String] = [:]) throws -> String {
        let name = BackupNaming.name(for: date, compression: .gzip)
        try Data("fake".utf8).write(to: directory.appendingPathComponent(name))
        let store = BlobStore(backupDirectory: directory)
        var entries: [BackupManifest.Blob] = []
        for (sha, content) in blobs {
            try FileManager.default.createDirectory(at: store.url(for: sha).deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: store.url(for: sha))
            entries.append(.init(path: "p/\(sha)", sha256: sha, size: Int64(content.utf8.count), mtime: 0))
        }
        let manifest = BackupManifest(name: name, database: "filewallball", kind: kind, sha256: "00", size: 4, compression: .gzip,
                                      startedAt: date, finishedAt: date, serverVersion: "test", tools: [:], tables: [],
                                      blobs: entries, verification: verified ? .init(level: "checksum", verifiedAt: date) : nil)
        try DurableFiles.writeAtomically(try manifest.encoded(), to: directory.appendingPathComponent(name + ".manifest.json"))
        return name
    }

    func names() throws -> [String] { try BackupDirectory(url: directory).list().map(\.name) }

    @Test func tenDaysOfDailyBackupsKeepSevenDaysAndPruneBlobs() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = ManualClock(start)
        let pruner = BackupPruner(directory: BackupDirectory(url: directory), clock: clock)
        let policy = RetentionPolicy(retentionDays: 7, keepMin: 3)
        var taken: [String] = []
        for day in 0..<10 {
            let sha = String(format: "%064x", day)
            taken.append(try fakeBackup(at: clock.now(), blobs: [sha: "day \(day)", String(repeating: "f", count: 64): "shared"]))
            let result = try pruner.prune(policy: policy)
            let kept = try names()
            // Everything taken within the last 7 days (inclusive) is kept; older ones are deleted.
            let expected = taken.enumerated().filter { day - $0.offset <= 7 }.map(\.element)
            #expect(Set(kept) == Set(expected), "day \(day)")
            #expect(result.backups.count == (day >= 8 ? 1 : 0))
            clock.advance(hours: 24)
        }
        // Blobs of pruned backups are gone, the shared one and the kept ones remain.
        let store = BlobStore(backupDirectory: directory)
        #expect(!FileManager.default.fileExists(atPath: store.url(for: String(format: "%064x", 0)).path))
        #expect(!FileManager.default.fileExists(atPath: store.url(for: String(format: "%064x", 1)).path))
        #expect(FileManager.default.fileExists(atPath: store.url(for: String(format: "%064x", 2)).path))
        #expect(FileManager.default.fileExists(atPath: store.url(for: String(repeating: "f", count: 64)).path))
    }

    @Test func longPauseKeepsNewestVerifiedAndKeepMin() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = ManualClock(start)
        let pruner = BackupPruner(directory: BackupDirectory(url: directory), clock: clock)
        var taken: [String] = []
        for _ in 0..<5 { taken.append(try fakeBackup(at: clock.now())); clock.advance(hours: 24) }
        let unverified = try fakeBackup(at: clock.now(), verified: false)
        // Backups stop for 10 days.
        clock.advance(hours: 24 * 10)
        _ = try pruner.prune(policy: RetentionPolicy(retentionDays: 7, keepMin: 1))
        #expect(try names() == [taken[4]], "only the newest verified backup survives; the unverified one is not counted")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent(unverified).path))
    }

    @Test func keepMinWinsOverAgeAndJournalProtects() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = ManualClock(start)
        let pruner = BackupPruner(directory: BackupDirectory(url: directory), clock: clock)
        var taken: [String] = []
        for _ in 0..<6 { taken.append(try fakeBackup(at: clock.now())); clock.advance(hours: 24) }
        clock.advance(hours: 24 * 30)
        let journal = RestoreJournal(backupName: taken[0], database: "filewallball", stagingDatabase: "s", oldDatabase: "o",
                                     safetyBackupName: nil, phase: .loadingStaging, startedAt: clock.now())
        try journal.save(in: directory)
        _ = try pruner.prune(policy: RetentionPolicy(retentionDays: 7, keepMin: 3))
        #expect(Set(try names()) == Set([taken[5], taken[4], taken[3], taken[0]]))
    }

    @Test func unreadableJournalStopsPruningWithAnError() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = ManualClock(start)
        let old = try fakeBackup(at: clock.now())
        clock.advance(hours: 24)
        _ = try fakeBackup(at: clock.now())
        clock.advance(hours: 24 * 30)
        try Data("{not json".utf8).write(to: RestoreJournal.url(in: directory))
        let error = #expect(throws: BackupError.self) {
            _ = try BackupPruner(directory: BackupDirectory(url: directory), clock: clock).prune(policy: RetentionPolicy(retentionDays: 7, keepMin: 1))
        }
        #expect(error?.code == .pruneFailed)
        #expect(try names().contains(old), "nothing is deleted when pruning cannot tell what a restore needs")
    }

    @Test func backupNamesAreUTC() {
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(BackupNaming.name(for: start, compression: .gzip) == "filewallball_backup_20260101_020000.sql.gz")
        #expect(BackupNaming.date(of: "filewallball_backup_20260101_020000.sql.gz") == start)
        #expect(!BackupNaming.isBackupName("filewallball_backup_20260101_020000.sql.gz.partial"))
    }
}
