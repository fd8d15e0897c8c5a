import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TestSupport
import Testing

/// SIGKILL at the worst moments: a backup never leaves a file that looks complete; a restore always
/// leaves the live database complete (old or new) and a rerun succeeds.
@Suite struct CrashTests {
    @Test
    func killDuringDumpLeavesNoCompleteLookingFile() async throws {
        let db = try await TestDatabase.make()
        try await withCleanup({ await db.cleanUp() }) {
            try await Seed.stateA(db)
            try await Seed.bigTable(db, megabytes: 24)
            let marker = db.root.appendingPathComponent("paused")
            let child = try BinaryRunner.start(
                ["backup", "--backup-dir", db.backupDir.path, "--verify", "checksum"],
                environment: ["FWB_DATABASE_URL": db.url, "FWB_TEST_PAUSE_AT": "dumping", "FWB_TEST_PAUSE_MARKER": marker.path])
            #expect(await child.waitForMarker(marker))
            // While mariadb-dump is mid-table, no process shows the password in its arguments.
            let password = try #require(db.url.split(separator: ":")[2].split(separator: "@").first.map(String.init))
            #expect(!allCommandLines().contains { $0.contains(password) })
            // Writers and DDL are not blocked while the dump streams (the commit barrier is long gone).
            try await db.sql("SET SESSION lock_wait_timeout = 3; INSERT INTO users (username, created_at) VALUES ('during-dump', NOW(6)); CREATE TABLE probe (id INT PRIMARY KEY); DROP TABLE probe")
            // A second run while the first holds the directory lock is refused as busy (exit 15).
            let concurrent = try await db.backup()
            #expect(concurrent.status == 15, "\(concurrent.stdout)")
            _ = await child.kill()
            let files = db.backupFiles()
            #expect(!files.contains { $0.hasSuffix(".sql.gz") || $0.hasSuffix(".manifest.json") }, "\(files)")
            #expect(files.contains { $0.hasSuffix(".partial") })
            let list = try await db.restore(["--list", "-o", "json"])
            #expect(list.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
            // The lock died with the process: the next backup works.
            try await Task.sleep(for: .milliseconds(1100))
            let next = try await db.backup()
            #expect(next.status == 0, "\(next.stderr)")
            // The killed run's private option file (with the password) was swept by the next run.
            let temp = (try? FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())) ?? []
            #expect(!temp.contains { $0.hasPrefix("fwb-client-\(child.pid)-") })
        }
    }

    @Test(arguments: ["validated", "safety-backup-done", "staging-loaded", "maintenance-on", "swapped", "old-dropped"])
    func killDuringRestoreLeavesLiveCompleteAndRerunSucceeds(_ phase: String) async throws {
        let db = try await TestDatabase.make()
        try await withCleanup({ await db.cleanUp() }) {
            try await Seed.stateA(db)
            let stateA = try await db.contents()
            let backup = try await db.backup()
            let name = try #require(backup.json["name"] as? String)
            try await Seed.stateB(db)
            let stateB = try await db.contents()
            let marker = db.root.appendingPathComponent("paused")
            let child = try BinaryRunner.start(
                ["restore", "--backup-dir", db.backupDir.path, "--blob-dir", db.blobDir.path, "--file", name],
                environment: ["FWB_DATABASE_URL": db.url, "FWB_TEST_PAUSE_AT": phase, "FWB_TEST_PAUSE_MARKER": marker.path])
            let paused = await child.waitForMarker(marker)
            if !paused { Issue.record("never paused at \(phase): \(await child.kill().stderr)") }
            if phase == "maintenance-on" {
                let flag = try await db.sql("SELECT COUNT(*) FROM fwb_maintenance WHERE id = 1 AND expires_at > UTC_TIMESTAMP(6)")
                #expect(flag.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
            }
            _ = await child.kill()
            let afterKill = try await db.contents()
            let swapped = phase == "swapped" || phase == "old-dropped"
            #expect(afterKill == (swapped ? stateA : stateB), "live database must be complete old or new data")

            // Retention never deletes a backup an interrupted restore still needs.
            #expect(FileManager.default.fileExists(atPath: db.backupDir.appendingPathComponent(name).path))

            let rerun = try await db.restore(["--file", name])
            #expect(rerun.status == 0, "\(rerun.stdout) \(rerun.stderr)")
            #expect(try await db.contents() == stateA)
            #expect(db.readBlob("aa/one.bin") == "blob one")
            #expect(try await db.leftoverDatabases().isEmpty)
            #expect(try await db.sql("SELECT COUNT(*) FROM fwb_maintenance").trimmingCharacters(in: .whitespacesAndNewlines) == "0")
            #expect(!FileManager.default.fileExists(atPath: db.backupDir.appendingPathComponent(".restore-journal.json").path))
        }
    }

    @Test
    func strayPauseVariableDoesNotHangARestore() async throws {
        let db = try await TestDatabase.make()
        try await withCleanup({ await db.cleanUp() }) {
            try await Seed.stateA(db)
            let stateA = try await db.contents()
            let backup = try await db.backup()
            let name = try #require(backup.json["name"] as? String)
            // FWB_TEST_PAUSE_AT left behind in a real environment, without the marker the crash tests add.
            let child = try BinaryRunner.start(
                ["restore", "--backup-dir", db.backupDir.path, "--blob-dir", db.blobDir.path, "--file", name],
                environment: ["FWB_DATABASE_URL": db.url, "FWB_TEST_PAUSE_AT": "validated"])
            // A hung restore is killed (and so fails the test) instead of hanging it.
            let pid = child.pid
            let watchdog = Task {
                try await Task.sleep(for: .seconds(90))
                _ = Glibc.kill(pid, SIGKILL)
            }
            let result = await child.wait()
            watchdog.cancel()
            #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
            #expect(!result.stderr.contains("crash-test pause"))
            #expect(try await db.contents() == stateA)
        }
    }

    private func allCommandLines() -> [String] {
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.filter { Int($0) != nil } ?? []
        return pids.compactMap { pid in
            (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))).map { String(decoding: $0, as: UTF8.self) }
        }
    }
}
