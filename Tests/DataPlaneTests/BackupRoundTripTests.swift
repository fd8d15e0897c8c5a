import Foundation
import Testing
import TestSupport

/// The backup engine against the data plane's real schema and blob layout, through the CLI.
@Suite("backup and restore of a live data plane")
struct BackupRoundTripTests {
    @Test("files deleted after a backup come back, metadata and bytes, after restore --latest")
    func roundTrip() throws {
        let harness = try Harness()
        let server = try harness.startServer()
        let client = try makeUser(harness, server: server, name: "archivist")
        let bytes = sampleBytes(123_456, seed: 11)
        let id = try #require(client.upload("keep.bin", bytes).json["id"] as? String)
        let backups = URL(fileURLWithPath: harness.blobDir).deletingLastPathComponent().appendingPathComponent("backups").path

        let backup = try runCLI(["backup", "--backup-dir", backups, "--blob-dir", harness.blobDir], harness: harness)
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.contains("\"verified\":true"))

        #expect(try client.call("DELETE", "/api/v1/files/\(id)").status == 204)
        #expect(try client.call("GET", "/api/v1/files/\(id)").status == 404)
        // A file and a session born after the backup, both cached in Redis: the restore removes them.
        let later = try #require(client.upload("later.bin", [9, 9]).json["id"] as? String)
        #expect(try client.call("GET", "/api/v1/files/\(later)/meta").status == 200)
        let lateSession = try Client.login(port: server.port, username: "admin", password: harness.adminPassword)
        #expect(try lateSession.call("GET", "/api/v1/auth/me").status == 200)

        let restore = try runCLI(["restore", "--backup-dir", backups, "--blob-dir", harness.blobDir, "--latest"], harness: harness)
        #expect(restore.status == 0, "\(restore.stderr)")
        #expect(try client.call("GET", "/api/v1/files/\(later)/meta").status == 404)
        #expect(try lateSession.call("GET", "/api/v1/auth/me").status == 401)
        #expect(try client.call("GET", "/api/v1/files/\(id)/meta").json["name"] as? String == "keep.bin")
        #expect(try client.call("GET", "/api/v1/files/\(id)").body == bytes)
        #expect(try harness.mariadb.rootSQL("SELECT COUNT(*) FROM fwb_maintenance").trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        #expect(try client.upload("after-restore", [1, 2, 3]).status == 201)
    }

    private func runCLI(_ arguments: [String], harness: Harness) throws -> (status: Int32, stdout: String, stderr: String) {
        var env = ProcessInfo.processInfo.environment
        env["FWB_DATABASE_URL"] = harness.mariadb.databaseURL
        env["FWB_REDIS_URL"] = harness.redis.redisURL
        return try ScriptRunner.runProcess(ServeProcess.binaryPath, arguments, environment: env)
    }
}
