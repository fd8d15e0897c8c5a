#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TestSupport

/// Runs hack/ scripts with posix_spawn + waitpid.
///
/// Workaround: TestSupport's Foundation `Process.waitUntilExit()` never returns in this environment
/// (the script exits but is never reaped), so these tests start Redis through this spawner instead.
enum ScriptSpawner {
    @discardableResult
    static func run(_ name: String, _ arguments: [String]) throws -> String {
        let script = ProjectPaths.hackScript(name).path
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw SpawnError(script: name, status: -1, stderr: "pipe failed") }
        let errorPath = NSTemporaryDirectory() + "fwb-spawn-\(UUID().uuidString).err"
        defer { unlink(errorPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // The wrapper closes every inherited descriptor above 2 before running the script, so this
        // process's sockets (e.g. Redis connections) never leak into the script or the server it starts.
        let closeAndRun = "for f in /proc/$$/fd/*; do n=${f##*/}; [ \"$n\" -gt 2 ] && eval \"exec $n>&-\"; done 2>/dev/null; exec /bin/bash \"$0\" \"$@\""
        let argv = (["/bin/bash", "-c", closeAndRun, script] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        // Dispatch threads block most signals and children inherit the mask: reset it, or the Redis
        // server started by the script would ignore SIGTERM and redis-stop.sh would wait 30 s.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptySet = sigset_t()
        sigemptyset(&emptySet)
        posix_spawnattr_setsigmask(&attributes, &emptySet)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, &attributes, argv, environ)
        close(pipeEnds[1])
        guard spawned == 0 else {
            close(pipeEnds[0])
            throw SpawnError(script: name, status: -1, stderr: "posix_spawn failed: \(spawned)")
        }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(pipeEnds[0], $0.baseAddress, $0.count) }
            if count > 0 { output.append(contentsOf: buffer[0..<count]) } else if count == 0 || errno != EINTR { break }
        }
        close(pipeEnds[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        guard exitCode == 0 else {
            let stderr = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
            throw SpawnError(script: name, status: exitCode, stderr: stderr)
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// A failed hack/ script run.
struct SpawnError: Error, CustomStringConvertible {
    var script: String
    var status: Int32
    var stderr: String
    var description: String { "\(script) exited \(status): \(stderr)" }
}

/// A private Redis like TestSupport's `PrivateRedis`, started through `ScriptSpawner`.
final class TestRedis: Sendable {
    let directory: String
    let redisURL: String
    let port: Int

    static func start() async throws -> TestRedis {
        let directory = try ProjectPaths.makeTemporaryDirectory(prefix: "fwb-redis-test").path
        let env = ScriptRunner.parseEnvironment(try await offPool { try ScriptSpawner.run("redis-start.sh", [directory]) })
        return TestRedis(directory: directory, url: env["FWB_REDIS_URL"] ?? "", port: Int(env["REDIS_PORT"] ?? "") ?? 0)
    }

    private init(directory: String, url: String, port: Int) {
        self.directory = directory
        self.redisURL = url
        self.port = port
    }

    func restart() async throws { _ = try await Self.offPool { try ScriptSpawner.run("redis-start.sh", [self.directory]) } }
    func stop() async throws { _ = try await Self.offPool { try ScriptSpawner.run("redis-stop.sh", [self.directory]) } }
    func destroy() async { _ = try? await Self.offPool { try ScriptSpawner.run("redis-stop.sh", [self.directory, "--kill", "--purge"]) } }

    /// Runs a blocking script on a dispatch thread so it never starves the cooperative pool.
    private static func offPool(_ body: @escaping @Sendable () throws -> String) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }
}
