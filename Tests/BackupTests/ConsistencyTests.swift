import Foundation
import TestSupport
import Testing

/// The manifest's counts and checksums describe exactly what the dump holds, even while writers commit.
@Suite struct ConsistencyTests {
    @Test func backupUnderConcurrentWritesVerifiesByRestoreTest() async throws {
        let db = try await TestDatabase.make()
        try await withCleanup({ await db.cleanUp() }) {
            try await Seed.stateA(db)
            try await Seed.bigTable(db, megabytes: 8)
            let writer = Task {
                var n = 0
                while !Task.isCancelled && n < 400 {
                    _ = try? await db.sql("INSERT INTO big (payload) VALUES (REPEAT('w', 150)); UPDATE users SET created_at = NOW(6) WHERE id = 2")
                    n += 1
                }
            }
            let backup = try await db.backup(["--verify", "restore-test"])
            writer.cancel()
            _ = await writer.value
            #expect(backup.status == 0, "\(backup.stdout) \(backup.stderr)")
            #expect(backup.json["verified"] as? Bool == true)
            #expect(backup.json["verification"] as? String == "restore-test")
        }
    }
}
