import Logging
import MariaDB

/// Applies `Migrations.all` at start-up.
///
/// Safe when several replicas start at once: every replica takes the MariaDB named lock
/// `filewallball.schema` (GET_LOCK) before reading the version, so exactly one applies each step and the
/// others then see it done. Refuses to run against a schema newer than this binary knows, since an
/// older binary could corrupt data written by a newer one.
struct SchemaMigrator: Sendable {
    let pool: MariaDBPool
    let logger: Logger
    /// Seconds to wait for another replica's migration.
    var lockTimeoutSeconds = 60

    /// Brings the schema to `Migrations.latestVersion`; returns the version now in force.
    @discardableResult
    func migrate() async throws -> Int {
        let lockTimeout = lockTimeoutSeconds
        let logger = logger
        return try await pool.withConnection { connection in
            let got = try await connection.query("SELECT GET_LOCK('filewallball.schema', ?) AS got", [lockTimeout])
            guard let first = got.first, (try first.decode("got", as: Int64?.self)) == 1 else {
                throw StartupError.migrationLockTimeout
            }
            do {
                let version = try await Self.run(on: connection, logger: logger)
                _ = try await connection.query("SELECT RELEASE_LOCK('filewallball.schema') AS released")
                return version
            } catch {
                _ = try? await connection.query("SELECT RELEASE_LOCK('filewallball.schema') AS released")
                throw error
            }
        }
    }

    private static func run(on connection: MariaDBConnection, logger: Logger) async throws -> Int {
        try await connection.executeUnprepared("""
            CREATE TABLE IF NOT EXISTS fwb_schema_version (
              id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
              version INT NOT NULL,
              updated_at DATETIME(6) NOT NULL
            ) ENGINE=InnoDB
            """)
        let rows = try await connection.query("SELECT version FROM fwb_schema_version WHERE id = 1")
        var current = try rows.first.map { try $0.decode("version", as: Int.self) } ?? 0
        if current > Migrations.latestVersion {
            throw StartupError.schemaTooNew(found: current, known: Migrations.latestVersion)
        }
        for migration in Migrations.all where migration.version > current {
            logger.info("applying schema migration", metadata: ["schema.version": "\(migration.version)", "schema.summary": "\(migration.summary)"])
            for statement in migration.statements {
                try await connection.executeUnprepared(statement)
            }
            _ = try await connection.execute(
                "INSERT INTO fwb_schema_version (id, version, updated_at) VALUES (1, ?, UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE version = VALUES(version), updated_at = VALUES(updated_at)",
                [migration.version]
            )
            current = migration.version
        }
        return current
    }
}

/// Why `serve` could not start.
public enum StartupError: Error, CustomStringConvertible, Equatable {
    /// The database holds a schema from a newer FileWallBall.
    case schemaTooNew(found: Int, known: Int)
    /// Another replica held the migration lock for too long.
    case migrationLockTimeout
    /// The bootstrap password file is unreadable or empty.
    case bootstrapPassword(String)
    /// The blob directory is unusable.
    case blobDirectory(String)

    /// One line for stderr.
    public var description: String {
        switch self {
        case .schemaTooNew(let found, let known):
            "the database schema is version \(found) but this binary knows only up to \(known); upgrade filewallball"
        case .migrationLockTimeout: "timed out waiting for another replica's schema migration (lock filewallball.schema)"
        case .bootstrapPassword(let why): "bootstrap admin password: \(why)"
        case .blobDirectory(let why): "blob directory: \(why)"
        }
    }
}
