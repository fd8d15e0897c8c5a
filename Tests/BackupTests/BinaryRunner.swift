import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a finished `filewallball` run produced.
struct CommandResult: Sendable {
    let status: Int32
    let stdout: String
    let stderr: String

    /// The final JSON document on stdout.
    var json: [String: Any] {
        let line = stdout.split(separator: "\n").last.map(String.init) ?? "{}"
        return ((try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]) ?? [:]
    }
}

/// Starts the built binary (FWB_BIN, else this package's .build/debug/filewallball) with posix_spawn
/// (stdin /dev/null, stdout/stderr to files) and reaps it with waitpid on a dedicated thread.
final class BinaryRunner: Sendable {
    let pid: pid_t
    private let outPath: String
    private let errPath: String

    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["FWB_BIN"], !path.isEmpty { return path }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/filewallball").path
    }

    private init(pid: pid_t, outPath: String, errPath: String) {
        self.pid = pid
        self.outPath = outPath
        self.errPath = errPath
    }

    /// Starts `filewallball ARGS` with extra environment; stdin is not a terminal. A `launcher` (an
    /// absolute program path and its arguments) runs instead and gets the binary and ARGS after its own.
    static func start(_ arguments: [String], environment: [String: String], launcher: [String] = []) throws -> BinaryRunner {
        processLock.lock()
        defer { processLock.unlock() }
        let base = NSTemporaryDirectory() + "fwb-run-\(UUID().uuidString.prefix(8))"
        let (outPath, errPath) = (base + ".out", base + ".err")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let env = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let argv: [UnsafeMutablePointer<CChar>?] = (launcher + [binary] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let program = launcher.first ?? binary
        let rc = posix_spawn(&pid, program, &actions, nil, argv, envp)
        guard rc == 0 else { throw TestFailure("posix_spawn \(program) failed: \(rc)") }
        return BinaryRunner(pid: pid, outPath: outPath, errPath: errPath)
    }

    /// Waits for exit (waitpid on a dedicated thread) and collects output.
    func wait() async -> CommandResult {
        let pid = self.pid
        let status = (try? await onThread(serialized: false) { () -> Int32 in
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
            return (raw & 0x7f) == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
        }) ?? -1
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        unlink(outPath)
        unlink(errPath)
        return CommandResult(status: status, stdout: out, stderr: err)
    }

    /// Waits until `marker` exists (the process paused at its test hook); false on timeout or exit.
    func waitForMarker(_ marker: URL, timeout: TimeInterval = 60) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: marker.path) { return true }
            if Glibc.kill(pid, 0) != 0 { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// SIGKILL, by pid, and reap.
    func kill() async -> CommandResult {
        Glibc.kill(pid, SIGKILL)
        return await wait()
    }
}
