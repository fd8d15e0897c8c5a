import Foundation
import Logging
import MariaDB

/// SQL the engine runs through the `MariaDB` module: table lists, row counts, CHECKSUM TABLE, scratch
/// databases and the maintenance flag.
struct DatabaseInspector: Sendable {
    /// The maintenance flag table (kept in the live database, never dumped nor swapped).
    static let maintenanceTable = "fwb_maintenance"

    let connection: MariaDBConnection

    /// Connects with `configuration`; failures become `databaseUnavailable`.
    static func connect(_ configuration: MariaDBConfiguration, logger: Logger) async throws -> DatabaseInspector {
        do {
            return DatabaseInspector(connection: try await MariaDBConnection.connect(configuration: configuration, logger: logger))
        } catch {
            throw BackupError(.databaseUnavailable, reason: "connect", "cannot connect to \(configuration.host):\(configuration.port)/\(configuration.database): \(error)")
        }
    }

    /// Closes the connection.
    func close() async { await connection.close() }

    /// Base tables of `database` (sorted), without the maintenance table.
    func tables(in database: String) async throws -> [String] {
        let rows = try await connection.query(
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
            [database])
        return try rows.map { try $0.decode(0, as: String.self) }.filter { $0 != Self.maintenanceTable }
    }

    /// Views and triggers in `database` (the table swap cannot move them between databases).
    func unsupportedObjects(in database: String) async throws -> [String] {
        let views = try await connection.query(
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE <> 'BASE TABLE'", [database])
        let triggers = try await connection.query(
            "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?", [database])
        return try views.map { "view " + (try $0.decode(0, as: String.self)) }
            + triggers.map { "trigger " + (try $0.decode(0, as: String.self)) }
    }

    /// Row count and CHECKSUM TABLE of each table (inside the caller's transaction, if any).
    func snapshot(of tables: [String], in database: String) async throws -> [BackupManifest.Table] {
        var result: [BackupManifest.Table] = []
        for table in tables {
            let qualified = SQLIdentifier.qualified(database, table)
            let countRows = try await connection.query("SELECT COUNT(*) FROM \(qualified)")
            let checksumRows = try await connection.query("CHECKSUM TABLE \(qualified)")
            let rows = countRows.first.flatMap { Self.integer($0.values.first) } ?? 0
            let checksum = checksumRows.first.flatMap { Self.unsigned($0.values.last) }
            result.append(BackupManifest.Table(name: table, rows: rows, checksum: checksum))
        }
        return result
    }

    /// `SELECT VERSION()`.
    func serverVersion() async throws -> String {
        let rows = try await connection.query("SELECT VERSION()")
        return try rows.first?.decode(0, as: String.self) ?? connection.serverVersion
    }

    /// CREATE DATABASE (utf8mb4).
    func createDatabase(_ name: String) async throws {
        try await connection.executeUnprepared(
            "CREATE DATABASE \(SQLIdentifier.quote(name)) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
    }

    /// DROP DATABASE IF EXISTS.
    func dropDatabase(_ name: String) async throws {
        try await connection.executeUnprepared("DROP DATABASE IF EXISTS \(SQLIdentifier.quote(name))")
    }

    /// True when the database exists.
    func databaseExists(_ name: String) async throws -> Bool {
        let rows = try await connection.query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", [name])
        return !rows.isEmpty
    }

    /// Runs a statement that cannot be prepared.
    func run(_ sql: String) async throws { try await connection.executeUnprepared(sql) }

    static func integer(_ value: MariaDBValue?) -> Int64? {
        switch value {
        case .int(let v): return v
        case .uint(let v): return Int64(exactly: v)
        case .text(let s): return Int64(s)
        case .double(let d): return Int64(exactly: d)
        default: return nil
        }
    }

    static func unsigned(_ value: MariaDBValue?) -> UInt64? {
        switch value {
        case .int(let v): return UInt64(exactly: v)
        case .uint(let v): return v
        case .text(let s): return UInt64(s)
        case .double(let d): return UInt64(exactly: d)
        default: return nil
        }
    }
}
