import Foundation
import TestSupport

/// A private Redis like TestSupport's `PrivateRedis`, whose hack/ scripts run off the cooperative pool.
final class TestRedis: Sendable {
    let directory: String
    let redisURL: String
    let port: Int

    static func start() async throws -> TestRedis {
        let directory = try ProjectPaths.makeTemporaryDirectory(prefix: "fwb-redis-test").path
        let env = ScriptRunner.parseEnvironment(try await offPool { try ScriptRunner.run("redis-start.sh", [directory]) })
        return TestRedis(directory: directory, url: env["FWB_REDIS_URL"] ?? "", port: Int(env["REDIS_PORT"] ?? "") ?? 0)
    }

    private init(directory: String, url: String, port: Int) {
        self.directory = directory
        self.redisURL = url
        self.port = port
    }

    func restart() async throws { _ = try await Self.offPool { try ScriptRunner.run("redis-start.sh", [self.directory]) } }
    func stop() async throws { _ = try await Self.offPool { try ScriptRunner.run("redis-stop.sh", [self.directory]) } }
    func destroy() async { _ = try? await Self.offPool { try ScriptRunner.run("redis-stop.sh", [self.directory, "--kill", "--purge"]) } }

    /// Runs a blocking script on a dispatch thread so it never starves the cooperative pool.
    private static func offPool(_ body: @escaping @Sendable () throws -> String) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }
}
