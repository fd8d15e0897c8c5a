import Foundation
import TestSupport

/// One shared private MariaDB for the whole test process (stopped at exit); each test gets its own
/// database `filewallball_t<random>` and temp folders, so tests run in parallel safely.
enum SharedServer {
    static let server: PrivateMariaDB? = {
        let server = try? PrivateMariaDB.start()
        atexit { SharedServer.server?.destroy() }
        return server
    }()
}

/// A per-test database, backup folder and blob folder, plus helpers to run the built binary.
struct TestDatabase {
    let server: PrivateMariaDB
    let name: String
    let url: String
    let root: URL
    var backupDir: URL { root.appendingPathComponent("backups") }
    var blobDir: URL { root.appendingPathComponent("blobs") }

    /// Creates the database and folders (off the cooperative pool).
    static func make() async throws -> TestDatabase { try await onThread { try TestDatabase() } }

    private init() throws {
        server = try requireServer()
        name = "filewallball_t\(UUID().uuidString.prefix(8).lowercased())"
        let base = server.databaseURL
        guard let slash = base.lastIndex(of: "/") else { throw TestFailure("bad url") }
        url = String(base[...slash]) + name
        root = try ProjectPaths.makeTemporaryDirectory(prefix: "fwb-backup-test")
        try FileManager.default.createDirectory(at: blobDir, withIntermediateDirectories: true)
        try server.rootSQL("CREATE DATABASE `\(name)` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", database: "mysql")
    }

    /// Drops the database and deletes the folders.
    func cleanUp() async {
        let (server, name, root) = (self.server, self.name, self.root)
        _ = try? await onThread {
            _ = try? server.rootSQL("DROP DATABASE IF EXISTS `\(name)`", database: "mysql")
            try? FileManager.default.removeItem(at: root)
        }
    }

    /// Runs SQL as root in this database.
    @discardableResult
    func sqlSync(_ statement: String) throws -> String { try server.rootSQL("SET NAMES utf8mb4; " + statement, database: name) }

    /// Runs SQL as root in this database (off the cooperative pool).
    @discardableResult
    func sql(_ statement: String) async throws -> String {
        let db = self
        return try await onThread { try db.sqlSync(statement) }
    }

    /// Every row of every table (sorted by primary key), as text: the row-by-row comparison basis.
    func contents() async throws -> String {
        let db = self
        return try await onThread { try db.contentsSync() }
    }

    private func contentsSync() throws -> String {
        let tables = try sqlSync("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> 'fwb_maintenance' ORDER BY TABLE_NAME")
            .split(separator: "\n").map(String.init)
        var text = ""
        for table in tables {
            text += "## \(table)\n" + (try sqlSync("SHOW CREATE TABLE `\(table)`").replacingOccurrences(of: #"AUTO_INCREMENT=\d+ "#, with: "", options: .regularExpression))
            text += try sqlSync("SELECT * FROM `\(table)` ORDER BY 1")
        }
        return text
    }

    /// Databases derived from this one (staging, old, verify) still present.
    func leftoverDatabases() async throws -> [String] {
        let server = self.server
        let name = self.name
        return try await onThread { try server.rootSQL("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '\(name)\\_%'", database: "mysql")
            .split(separator: "\n").map(String.init) }
    }

    /// Files in the backup folder (names only).
    func backupFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: backupDir.path)) ?? []).sorted()
    }

    /// Writes a blob file.
    func writeBlob(_ path: String, _ text: String) throws {
        let url = blobDir.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Reads a blob file (nil when missing).
    func readBlob(_ path: String) -> String? {
        (try? Data(contentsOf: blobDir.appendingPathComponent(path))).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Runs `filewallball ARGS` to completion with FWB_DATABASE_URL set.
    func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> CommandResult {
        let child = try BinaryRunner.start(arguments, environment: environment.merging(["FWB_DATABASE_URL": url]) { a, _ in a })
        return await child.wait()
    }

    /// `backup` with the usual folders.
    func backup(_ extra: [String] = ["--verify", "checksum"], environment: [String: String] = [:]) async throws -> CommandResult {
        try await run(["backup", "--backup-dir", backupDir.path, "--blob-dir", blobDir.path] + extra, environment: environment)
    }

    /// `restore` with the usual folders.
    func restore(_ extra: [String], environment: [String: String] = [:]) async throws -> CommandResult {
        try await run(["restore", "--backup-dir", backupDir.path, "--blob-dir", blobDir.path] + extra, environment: environment)
    }
}

/// A failure raised by test helpers.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

private func requireServer() throws -> PrivateMariaDB {
    guard let server = SharedServer.server else { throw TestFailure("private MariaDB did not start (run hack/install-deps.sh; set FWB_REPO_ROOT)") }
    return server
}

