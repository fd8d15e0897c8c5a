import Foundation
import TestSupport
import Testing

/// The commands as the controller's Jobs run them: results in a `--result-file` (the termination
/// message), the backup's origin, and a restore split into a safety-backup Job and a restore Job.
@Suite struct WorkloadTests {
    func resultFile(_ db: TestDatabase, _ name: String) -> String { db.root.appendingPathComponent(name).path }

    func readJSON(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(data.count <= 4096)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The result file's bytes are exactly stdout's JSON line.
    func sameAsStdout(_ path: String, _ result: CommandResult) throws -> Bool {
        let line = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        return try String(contentsOfFile: path, encoding: .utf8) == line && !line.isEmpty
    }

    func list(_ db: TestDatabase) async throws -> [[String: Any]] {
        let listed = try await db.restore(["--list", "-o", "json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
    }

    @Test
    func resultFileHoldsTheResultOnSuccessAndTheFailureOnError() async throws {
        let db = try await TestDatabase.make()
        try await withCleanup({ await db.cleanUp() }) {
            try await Seed.stateA(db)
            let path = resultFile(db, "backup-result.json")
            let backup = try await db.backup(["--verify", "checksum", "--origin", "on-demand", "--result-file", path])
            #expect(backup.status == 0, "\(backup.stderr)")
            let written = try readJSON(path)
            // The same document as stdout.
            #expect(try sameAsStdout(path, backup))
            #expect(written["status"] as? String == "ok")
            #expect(written["origin"] as? String == "on-demand")
            #expect(written["verified"] as? Bool == true)
            let name = try #require(written["name"] as? String)
            let stamp = try #require(name.firstMatch(of: #/(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})/#))
            #expect(written["taken_at"] as? String == "\(stamp.1)-\(stamp.2)-\(stamp.3)T\(stamp.4):\(stamp.5):\(stamp.6)Z")
            let entries = try await list(db)
            let entry = try #require(entries.first { $0["name"] as? String == name })
            #expect(entry["origin"] as? String == "on-demand")
            #expect(entry["kind"] as? String == "backup")

            // Failure: unreachable database → exit 10, and the same failure document in the file.
            let failed = resultFile(db, "failed.json")
            let unreachable = try await BinaryRunner.start(
                ["backup", "--backup-dir", db.backupDir.path, "--result-file", failed,
                 "--database-url", "mariadb://fwb:nope@127.0.0.1:1/filewallball_x"], environment: [:]).wait()
            #expect(unreachable.status == 10)
            let failure = try readJSON(failed)
            #expect(try sameAsStdout(failed, unreachable))
            #expect(failure["status"] as? String == "error")
            #expect(failure["code"] as? String == "database_unavailable")
            #expect(failure["exit_code"] as? Int == 10)
            #expect((failure["reason"] as? String)?.isEmpty == false)
            #expect((failure["message"] as? String)?.isEmpty == false)
            #expect(!String(decoding: try Data(contentsOf: URL(fileURLWithPath: failed)), as: UTF8.self).contains("nope"))

            // Restore: a missing backup (exit 20), a bad --origin (64), a usage error caught before the run (64).
            let restoreFailed = resultFile(db, "restore-failed.json")
            let missing = try await db.restore(["--file", "filewallball_backup_20200101_000000.sql.gz", "--result-file", restoreFailed])
            #expect(missing.status == 20)
            #expect(try readJSON(restoreFailed)["code"] as? String == "backup_not_found")
            let badOrigin = try await db.backup(["--origin", "nightly", "--result-file", failed])
            #expect(badOrigin.status == 64)
            #expect(try readJSON(failed)["reason"] as? String == "origin")
            let usage = try await db.restore(["--latest", "--list", "--result-file", restoreFailed])
            #expect(usage.status == 64)
            let usageFailure = try readJSON(restoreFailed)
            #expect(usageFailure["code"] as? String == "bad_arguments")
            #expect(usageFailure["reason"] as? String == "usage")
            #expect(usageFailure["exit_code"] as? Int == 64)

            // --list: the entries, in an object.
            let listFile = resultFile(db, "list.json")
            #expect(try await db.restore(["--list", "--result-file", listFile]).status == 0)
            let listed = try readJSON(listFile)
            #expect(listed["status"] as? String == "ok")
            #expect(listed["count"] as? Int == 1)
            #expect((listed["backups"] as? [[String: Any]])?.first?["name"] as? String == name)
        }
    }

    @Test
    func restoreInTwoJobsSafetyBackupThenRestoreWithoutOne() async throws {
        let db = try await TestDatabase.make()
        try await withCleanup({ await db.cleanUp() }) {
            try await Seed.stateA(db)
            let stateA = try await db.contents()
            let first = try await db.backup()
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.json["origin"] as? String == "scheduled")
            let name = try #require(first.json["name"] as? String)
            try await Seed.stateB(db)
            let stateB = try await db.contents()
            try await Task.sleep(for: .milliseconds(1100))

            // Job 1: the safety backup. It prunes nothing even with a retention that would delete `name`.
            let safetyFile = resultFile(db, "safety.json")
            let safety = try await db.backup(["--verify", "checksum", "--origin", "safety", "--retention-days", "0", "--keep-min", "1",
                                              "--result-file", safetyFile])
            #expect(safety.status == 0, "\(safety.stderr)")
            let safetyName = try #require(try readJSON(safetyFile)["name"] as? String)
            #expect(safety.json["origin"] as? String == "safety")
            #expect((safety.json["pruned_backups"] as? [Any])?.isEmpty == true)
            #expect(FileManager.default.fileExists(atPath: db.backupDir.appendingPathComponent(name).path))

            // Job 2: the restore, without a safety backup of its own.
            let restoreFile = resultFile(db, "restore.json")
            let restore = try await db.restore(["--file", name, "--no-safety-backup", "--result-file", restoreFile])
            #expect(restore.status == 0, "\(restore.stdout) \(restore.stderr)")
            let restored = try readJSON(restoreFile)
            #expect(try sameAsStdout(restoreFile, restore))
            #expect(restored["status"] as? String == "ok")
            #expect(restored["restored"] as? String == name)
            #expect(restored["safety_backup"] == nil)
            #expect(try await db.contents() == stateA)
            #expect(db.readBlob("aa/one.bin") == "blob one")

            let entries = try await list(db)
            #expect(entries.count == 2)
            let safetyEntry = try #require(entries.first { $0["name"] as? String == safetyName })
            #expect(safetyEntry["origin"] as? String == "safety")
            #expect(safetyEntry["kind"] as? String == "safety")
            #expect(safetyEntry["verified"] as? Bool == true)
            #expect(entries.first { $0["name"] as? String == name }?["origin"] as? String == "scheduled")

            // "latest" is the newest non-safety backup, although the safety backup is newer.
            try await Seed.stateB(db)
            let latest = try await db.restore(["--latest", "--no-safety-backup"])
            #expect(latest.status == 0, "\(latest.stderr)")
            #expect(latest.json["restored"] as? String == name)
            #expect(try await db.contents() == stateA)

            // The safety backup restores by name: state B is back.
            let back = try await db.restore(["--file", safetyName, "--no-safety-backup"])
            #expect(back.status == 0, "\(back.stderr)")
            #expect(try await db.contents() == stateB)
        }
    }
}
