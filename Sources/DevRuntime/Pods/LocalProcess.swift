import Foundation
import SystemExtras
#if canImport(Glibc)
import Glibc
#endif

/// Why a process could not be started.
public struct ProcessStartError: Error, Sendable, CustomStringConvertible {
    /// What failed, with errno's text.
    public var message: String
    public var description: String { message }
}

/// A child process in a session and process group of its own (so stopping it reaches everything it
/// started), stdin from /dev/null, stdout and stderr appended to one log file. Stopped only by its pid.
public final class LocalProcess: Sendable {
    /// Process id (also its process-group id).
    public let pid: pid_t
    private let exit: Task<Int32, Never>

    /// Starts `arguments` (`[0]` an absolute path) with exactly `environment`.
    public init(arguments: [String], environment: [(String, String)], logFile: String) throws(ProcessStartError) {
        let logDescriptor = open(logFile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
        guard logDescriptor >= 0 else { throw ProcessStartError(message: "cannot open \(logFile): \(String(cString: strerror(errno)))") }
        defer { close(logDescriptor) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, logDescriptor, 1)
        posix_spawn_file_actions_adddup2(&actions, logDescriptor, 2)
        // Nothing else of this process reaches the child: NIO's sockets (the Service proxy's listeners
        // among them) are not close-on-exec, and a child holding a listener keeps it open after dev closes it.
        guard GlibcExtensions.closeDescriptors(from: 3, in: &actions) else {
            throw ProcessStartError(message: "the C library lacks posix_spawn_file_actions_addclosefrom_np (glibc >= 2.34 is needed)")
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The parent ignores or blocks some signals for its own handling; the child starts with defaults.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD, SIGUSR1, SIGUSR2] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | Self.setSessionFlag))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.0)=\($0.1)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let status = posix_spawn(&child, arguments.first ?? "", &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw ProcessStartError(message: "cannot start \(arguments.first ?? "?"): \(String(cString: strerror(status)))")
        }
        pid = child
        exit = Task.detached { await Self.waitForExit(child) }
    }

    /// glibc's `POSIX_SPAWN_SETSID` (a new session, hence a new process group led by the child).
    static let setSessionFlag: Int32 = 0x80

    /// The exit status once it has ended: the exit code, or 128 + the signal that killed it.
    public func waitForExit() async -> Int32 { await exit.value }

    /// Sends `signal` to its whole process group.
    public func signalGroup(_ signal: Int32) { _ = kill(-pid, signal) }

    /// SIGTERM to the group, SIGKILL after `grace` if it has not ended; returns the exit status.
    @discardableResult
    public func stop(grace: Duration) async -> Int32 {
        signalGroup(SIGTERM)
        let killer = Task {
            try await Task.sleep(for: grace)
            self.signalGroup(SIGKILL)
        }
        let status = await exit.value
        killer.cancel()
        // Anything the process left behind in its group goes too.
        signalGroup(SIGKILL)
        return status
    }

    /// Blocks a dedicated thread (never the cooperative pool) in waitpid.
    private static func waitForExit(_ pid: pid_t) async -> Int32 {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0, errno == EINTR {}
                let signal = status & 0x7f
                continuation.resume(returning: signal == 0 ? (status >> 8) & 0xff : 128 + signal)
            }
            thread.name = "waitpid \(pid)"
            thread.stackSize = 64 * 1024
            thread.start()
        }
    }
}
