import Foundation

/// A private Redis on 127.0.0.1 for one test (or suite), started by `hack/redis-start.sh`.
///
/// `stop()` shuts it down by pid; `restart()` brings it back on the same port and password (empty:
/// no persistence); `destroy()` stops it and deletes its folder.
public final class PrivateRedis: Sendable {
    /// The folder holding config, pid file and generated password.
    public let directory: URL
    /// `redis://:PASSWORD@127.0.0.1:PORT/0`.
    public let redisURL: String
    /// The TCP port on 127.0.0.1.
    public let port: Int

    /// Starts a fresh server in a new temp directory.
    public static func start() throws -> PrivateRedis {
        let dir = try ProjectPaths.makeTemporaryDirectory(prefix: "fwb-redis")
        return try PrivateRedis(directory: dir)
    }

    private init(directory: URL) throws {
        self.directory = directory
        let env = ScriptRunner.parseEnvironment(try ScriptRunner.run("redis-start.sh", [directory.path]))
        redisURL = env["FWB_REDIS_URL"] ?? ""
        port = Int(env["REDIS_PORT"] ?? "") ?? 0
    }

    /// The generated password.
    public var password: String {
        (try? String(contentsOf: directory.appendingPathComponent("redis.pwd"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    /// Starts the server again after `stop()` (same port and password, empty data).
    public func restart() throws { try ScriptRunner.run("redis-start.sh", [directory.path]) }
    /// Clean shutdown, by pid.
    public func stop() throws { try ScriptRunner.run("redis-stop.sh", [directory.path]) }
    /// SIGKILL, by pid.
    public func kill() throws { try ScriptRunner.run("redis-stop.sh", [directory.path, "--kill"]) }
    /// Stops the server and deletes its folder.
    public func destroy() { _ = try? ScriptRunner.run("redis-stop.sh", [directory.path, "--kill", "--purge"]) }
}
