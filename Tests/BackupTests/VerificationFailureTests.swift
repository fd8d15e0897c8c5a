import Foundation
import TestSupport
import Testing

/// A backup that cannot be verified is a failed backup: exit 12, nothing left that looks like a backup.
@Suite struct VerificationFailureTests {
    @Test func restoreTestThatCannotRunFailsTheBackup() async throws {
        let db = try await TestDatabase.make()
        try await withCleanup({ await db.cleanUp() }) {
            try await Seed.stateA(db)
            // A user with every right on the database but none on scratch databases: restore-test must fail.
            let user = "lim_\(UUID().uuidString.prefix(6).lowercased())"
            try await db.sql("""
                CREATE USER '\(user)'@'127.0.0.1' IDENTIFIED BY 'pw-\(user)';
                GRANT ALL PRIVILEGES ON `\(db.name)`.* TO '\(user)'@'127.0.0.1';
                GRANT PROCESS, RELOAD ON *.* TO '\(user)'@'127.0.0.1';
                """)
            try await withCleanup({ _ = try? await db.sql("DROP USER '\(user)'@'127.0.0.1'") }) {
                let port = db.server.port
                let url = "mariadb://\(user):pw-\(user)@127.0.0.1:\(port)/\(db.name)"
                let failed = try await db.run(["backup", "--backup-dir", db.backupDir.path, "--verify", "restore-test"],
                                              environment: ["FWB_DATABASE_URL": url])
                #expect(failed.status == 12, "\(failed.stdout) \(failed.stderr)")
                #expect(failed.json["code"] as? String == "verification_failed")
                #expect(failed.json["reason"] as? String == "scratch_database")
                #expect(!db.backupFiles().contains { $0.hasPrefix("filewallball_backup_") }, "\(db.backupFiles())")
                // The same user can still take a checksum-verified backup.
                let ok = try await db.run(["backup", "--backup-dir", db.backupDir.path, "--verify", "checksum"],
                                          environment: ["FWB_DATABASE_URL": url])
                #expect(ok.status == 0, "\(ok.stderr)")
            }
        }
    }
}
