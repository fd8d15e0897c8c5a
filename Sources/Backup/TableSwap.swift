import Foundation

/// The atomic swap: ONE `RENAME TABLE` moving every live table to the old database and every staging
/// table to the live database. MariaDB executes it atomically (all renames or none, crash-safe).
struct TableSwap: Sendable {
    let inspector: DatabaseInspector
    let database: String

    var maintenance: MaintenanceFlag { MaintenanceFlag(inspector: inspector, database: database) }

    /// Swaps staging in; the previous live tables end up in `old` (created here).
    func swap(staging: String, old: String) async throws {
        let live = try await inspector.tables(in: database)
        let incoming = try await inspector.tables(in: staging)
        if !(try await inspector.databaseExists(old)) { try await inspector.createDatabase(old) }
        let outgoing = live.map { "\(SQLIdentifier.qualified(database, $0)) TO \(SQLIdentifier.qualified(old, $0))" }
        let moves = incoming.map { "\(SQLIdentifier.qualified(staging, $0)) TO \(SQLIdentifier.qualified(database, $0))" }
        let clauses = outgoing + moves
        guard !clauses.isEmpty else { return }
        try await inspector.run("SET SESSION lock_wait_timeout = 60")
        try await inspector.run("RENAME TABLE " + clauses.joined(separator: ", "))
    }
}
