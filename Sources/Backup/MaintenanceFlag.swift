import Foundation

/// The maintenance flag the data plane checks before every write: a row with id = 1 in
/// `fwb_maintenance` of the live database whose `expires_at` (UTC) is in the future means
/// "answer writes with 503 maintenance".
struct MaintenanceFlag: Sendable {
    let inspector: DatabaseInspector
    let database: String

    private var table: String { SQLIdentifier.qualified(database, DatabaseInspector.maintenanceTable) }

    /// Creates the table if missing.
    func ensureTable() async throws {
        try await inspector.run("""
            CREATE TABLE IF NOT EXISTS \(table) (
              id TINYINT NOT NULL PRIMARY KEY, reason VARCHAR(255) NOT NULL,
              started_at DATETIME(6) NOT NULL, expires_at DATETIME(6) NOT NULL
            ) ENGINE=InnoDB
            """)
    }

    /// Sets (or refreshes) the flag for `seconds`.
    func set(reason: String, seconds: Int) async throws {
        try await ensureTable()
        _ = try await inspector.connection.execute(
            "REPLACE INTO \(table) (id, reason, started_at, expires_at) VALUES (1, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL ? SECOND)",
            [reason, seconds])
    }

    /// Clears the flag (no-op when the table or row is missing).
    func clear() async throws {
        try await ensureTable()
        _ = try await inspector.connection.execute("DELETE FROM \(table) WHERE id = 1")
    }
}
