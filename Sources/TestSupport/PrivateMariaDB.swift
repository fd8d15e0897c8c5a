import Foundation

/// A private MariaDB server on 127.0.0.1 for one test (or suite), started by `hack/mariadb-start.sh`.
///
/// The data directory lives in a temp folder; `stop()` shuts it down by pid, `start()` brings it back
/// on the same port with the same data and passwords, `kill()` SIGKILLs it (crash tests), and
/// `destroy()` stops it and deletes everything.
public final class PrivateMariaDB: Sendable {
    /// The folder holding data, socket, pid file and generated passwords.
    public let directory: URL
    /// `mariadb://fwb:PASSWORD@127.0.0.1:PORT/filewallball`.
    public let databaseURL: String
    /// The TCP port on 127.0.0.1.
    public let port: Int
    /// The unix socket path (root may log in through it without a password).
    public let socketPath: String

    /// Starts a fresh server in a new temp directory.
    public static func start() throws -> PrivateMariaDB {
        let dir = try ProjectPaths.makeTemporaryDirectory(prefix: "fwb-mariadb")
        return try PrivateMariaDB(directory: dir)
    }

    private init(directory: URL) throws {
        self.directory = directory
        let env = ScriptRunner.parseEnvironment(try ScriptRunner.run("mariadb-start.sh", [directory.path]))
        databaseURL = env["FWB_DATABASE_URL"] ?? ""
        port = Int(env["MARIADB_PORT"] ?? "") ?? 0
        socketPath = env["MARIADB_SOCKET"] ?? ""
    }

    /// Starts the server again after `stop()` or `kill()` (same port, data and passwords).
    public func restart() throws { try ScriptRunner.run("mariadb-start.sh", [directory.path]) }
    /// Clean shutdown, by pid.
    public func stop() throws { try ScriptRunner.run("mariadb-stop.sh", [directory.path]) }
    /// SIGKILL, by pid.
    public func kill() throws { try ScriptRunner.run("mariadb-stop.sh", [directory.path, "--kill"]) }
    /// Stops the server and deletes its directory.
    public func destroy() { _ = try? ScriptRunner.run("mariadb-stop.sh", [directory.path, "--kill", "--purge"]) }

    /// Runs SQL as root through the unix socket with the `mariadb` client; returns tab-separated rows.
    @discardableResult
    public func rootSQL(_ sql: String, database: String = "filewallball") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["mariadb", "--no-defaults", "--socket=\(socketPath)", "-uroot", "-N", "-B", database, "-e", sql]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ScriptError(script: "mariadb -e", status: process.terminationStatus, stderr: String(decoding: errData, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }
}
