import Foundation
import Logging
import MariaDB

/// Takes the manifest's row counts and CHECKSUM TABLE values in the same state the dump sees.
///
/// A second session (the barrier) goes through `BACKUP STAGE START … BLOCK_COMMIT`, so no transaction can
/// commit; meanwhile this session opens a consistent snapshot and mariadb-dump opens its own
/// `--single-transaction` snapshot (detected when the dump writes its first line that mariadb-dump only
/// writes after starting its transaction, e.g. `-- Table structure for table`); then the barrier ends with
/// `BACKUP STAGE END`. Both snapshots therefore see the same committed state. Unlike FLUSH TABLES WITH READ
/// LOCK, BACKUP STAGE does not wait for long-running queries to close their tables, so writers are held
/// only for the short window between BLOCK_COMMIT and END (milliseconds), never for the counting.
struct ConsistentSnapshot: Sendable {
    let inspector: DatabaseInspector
    let database: String
    let barrier: DatabaseInspector

    /// Opens the barrier session and blocks commits (bounded by `lock_wait_timeout`).
    static func blockCommits(_ configuration: MariaDBConfiguration, inspector: DatabaseInspector,
                             logger: Logger) async throws -> ConsistentSnapshot {
        let barrier = try await DatabaseInspector.connect(configuration, logger: logger)
        do {
            try await barrier.run("SET SESSION lock_wait_timeout = 30")
            for stage in ["START", "FLUSH", "BLOCK_DDL", "BLOCK_COMMIT"] { try await barrier.run("BACKUP STAGE \(stage)") }
        } catch {
            await barrier.close()
            throw error
        }
        return ConsistentSnapshot(inspector: inspector, database: configuration.database, barrier: barrier)
    }

    /// Opens this session's snapshot (while commits are blocked).
    func open() async throws {
        try await inspector.run("START TRANSACTION WITH CONSISTENT SNAPSHOT")
    }

    /// Waits (bounded) until the dump has opened its snapshot or ended, then lets commits through.
    func waitForDumpThenRelease(dumpReady: @Sendable () -> Bool, dumpRunning: @Sendable () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        var found = false
        while ContinuousClock.now < deadline {
            if dumpReady() || !dumpRunning() { found = true; break }
            try await Task.sleep(for: .milliseconds(2))
        }
        await release()
        guard found else {
            throw BackupError(.dumpFailed, reason: "snapshot_timeout", "mariadb-dump did not open its snapshot within 60 s")
        }
    }

    /// Ends the barrier (idempotent; closing the session also releases it).
    func release() async {
        try? await barrier.run("BACKUP STAGE END")
        await barrier.close()
    }

    /// Counts and checksums every table inside this session's snapshot, then ends it.
    func measure() async throws -> [BackupManifest.Table] {
        let tables = try await inspector.tables(in: database)
        let snapshot = try await inspector.snapshot(of: tables, in: database)
        try await inspector.run("COMMIT")
        return snapshot
    }
}
