import Foundation
import TestSupport
import Testing

/// backup → change data → restore gives back exactly the earlier rows and blobs.
@Suite struct RoundTripTests {
    @Test
    func restoreGivesBackEarlierRowsAndBlobs() async throws {
        let db = try await TestDatabase.make()
        try await withCleanup({ await db.cleanUp() }) {
            try await Seed.stateA(db)
            let before = try await db.contents()
            let backup = try await db.backup(["--verify", "restore-test"])
            #expect(backup.status == 0, "\(backup.stderr)")
            #expect(backup.json["verified"] as? Bool == true)
            let name = try #require(backup.json["name"] as? String)
            #expect(name.wholeMatch(of: #/filewallball_backup_\d{8}_\d{6}\.sql\.gz/#) != nil)

            try await Seed.stateB(db)
            let changed = try await db.contents()
            #expect(changed != before)

            let restore = try await db.restore(["--file", name])
            #expect(restore.status == 0, "\(restore.stdout) \(restore.stderr)")
            #expect(try await db.contents() == before)
            #expect(db.readBlob("aa/one.bin") == "blob one")
            #expect(db.readBlob("bb/two.bin") == "blob two")
            #expect(try await db.leftoverDatabases().isEmpty)
            #expect(try await db.sql("SELECT COUNT(*) FROM fwb_maintenance").trimmingCharacters(in: .whitespacesAndNewlines) == "0")
            #expect(!FileManager.default.fileExists(atPath: db.backupDir.appendingPathComponent(".restore-journal.json").path))

            // The safety backup holds state B and is itself verified: restoring it brings B back.
            let safety = try #require(restore.json["safety_backup"] as? String)
            let list = try await db.restore(["--list", "-o", "json"])
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
            #expect(entries.contains { $0["name"] as? String == safety && $0["verified"] as? Bool == true && $0["kind"] as? String == "safety" })
            let back = try await db.restore(["--file", safety, "--no-safety-backup"])
            #expect(back.status == 0, "\(back.stderr)")
            #expect(try await db.contents() == changed)

            // --latest is the newest verified regular backup, not the safety one.
            let latest = try await db.restore(["--latest", "--no-safety-backup"])
            #expect(latest.status == 0)
            #expect(latest.json["restored"] as? String == name)
            #expect(try await db.contents() == before)
        }
    }

    @Test(arguments: ["zstd", "none"])
    func otherCompressions(_ compression: String) async throws {
        let db = try await TestDatabase.make()
        try await withCleanup({ await db.cleanUp() }) {
            try await Seed.stateA(db)
            let before = try await db.contents()
            let backup = try await db.backup(["--compression", compression, "--verify", "restore-test"])
            #expect(backup.status == 0, "\(backup.stderr)")
            let name = try #require(backup.json["name"] as? String)
            #expect(name.hasSuffix(compression == "zstd" ? ".sql.zst" : ".sql"))
            try await Seed.stateB(db)
            let restore = try await db.restore(["--file", name, "--no-safety-backup"])
            #expect(restore.status == 0, "\(restore.stderr)")
            #expect(try await db.contents() == before)
        }
    }

    @Test
    func blobsAreCopiedIncrementally() async throws {
        let db = try await TestDatabase.make()
        try await withCleanup({ await db.cleanUp() }) {
            try await Seed.stateA(db)
            let first = try await db.backup()
            #expect(first.json["blobs_copied"] as? Int == 2)
            try await Task.sleep(for: .milliseconds(1100))
            let second = try await db.backup()
            #expect(second.status == 0, "\(second.stderr)")
            #expect(second.json["blobs"] as? Int == 2)
            #expect(second.json["blobs_copied"] as? Int == 0)
            try db.writeBlob("dd/four.bin", "four")
            try db.writeBlob("dd/copy-of-one.bin", "blob one")
            try await Task.sleep(for: .milliseconds(1100))
            let third = try await db.backup()
            #expect(third.json["blobs"] as? Int == 4)
            #expect(third.json["blobs_copied"] as? Int == 1)
        }
    }

    @Test
    func argumentAndConnectionErrorsHaveDistinctExitCodes() async throws {
        let db = try await TestDatabase.make()
        try await withCleanup({ await db.cleanUp() }) {
            let badCompression = try await db.backup(["--compression", "lz4"])
            #expect(badCompression.status == 64)
            let noURL = try await BinaryRunner.start(["backup", "--backup-dir", db.backupDir.path], environment: ["FWB_DATABASE_URL": ""]).wait()
            #expect(noURL.status == 64)
            #expect(noURL.json["code"] as? String == "bad_arguments")
            let unreachable = try await BinaryRunner.start(["backup", "--backup-dir", db.backupDir.path, "--database-url",
                                                       "mariadb://fwb:nope@127.0.0.1:1/filewallball_x"], environment: [:]).wait()
            #expect(unreachable.status == 10)
            #expect(!unreachable.stdout.contains("nope"))
            let missing = try await db.restore(["--file", "filewallball_backup_20200101_000000.sql.gz"])
            #expect(missing.status == 20)
            let bothModes = try await db.restore(["--latest", "--list"])
            #expect(bothModes.status == 64)
        }
    }
}
