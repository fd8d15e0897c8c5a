import Foundation
import Logging

/// Crash-test pause: lets the crash tests, which run the real binary as a child process, SIGKILL it at
/// an exact phase of a backup or restore.
///
/// *Guarantees*: it is honoured only when `FWB_TEST_PAUSE_AT` names the phase being entered **and**
/// `FWB_TEST_PAUSE_MARKER` names a file that does not exist yet and can be created (the test waits for
/// that file). It then waits at most `maximumWait` (two minutes) and carries on, logging a warning when
/// it starts and when it ends. A stray `FWB_TEST_PAUSE_AT` alone does nothing; with a marker as well it
/// delays one run once by at most two minutes (afterwards the marker exists, so it never pauses again).
struct CrashTestPause: Sendable {
    /// Upper bound on one pause; the crash tests kill the process within seconds of seeing the marker.
    static let maximumWait: Duration = .seconds(120)

    /// The phase to pause at (`FWB_TEST_PAUSE_AT`).
    let phase: String
    /// The file created when the pause starts (`FWB_TEST_PAUSE_MARKER`).
    let markerPath: String
    /// How long a pause lasts at most.
    let maximumWait: Duration

    /// The pause the environment asks for, or nil when either variable is missing or empty.
    init?(environment: [String: String], maximumWait: Duration = Self.maximumWait) {
        guard let phase = environment["FWB_TEST_PAUSE_AT"], !phase.isEmpty,
              let marker = environment["FWB_TEST_PAUSE_MARKER"], !marker.isEmpty else { return nil }
        self.phase = phase
        markerPath = marker
        self.maximumWait = maximumWait
    }

    /// The pause this process's environment asks for, if any.
    static func fromProcessEnvironment() -> CrashTestPause? {
        CrashTestPause(environment: ProcessInfo.processInfo.environment)
    }

    /// Blocks the calling thread for up to `maximumWait` when `phase` is the one asked for and the
    /// marker could be created now; otherwise returns at once. Returns whether it paused.
    @discardableResult
    func reachedBlocking(_ phase: String, logger: Logger) -> Bool {
        guard start(phase, logger: logger) else { return false }
        let (seconds, attoseconds) = maximumWait.components
        Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
        logger.warning("crash-test pause ended without a kill; carrying on", metadata: ["backup.phase": "\(phase)"])
        return true
    }

    /// `reachedBlocking(_:logger:)` for async callers: suspends instead of blocking a thread.
    @discardableResult
    func reached(_ phase: String, logger: Logger) async -> Bool {
        guard start(phase, logger: logger) else { return false }
        try? await Task.sleep(for: maximumWait)
        logger.warning("crash-test pause ended without a kill; carrying on", metadata: ["backup.phase": "\(phase)"])
        return true
    }

    /// Creates the marker exclusively (so one marker pauses once) and logs; false when not pausing.
    private func start(_ phase: String, logger: Logger) -> Bool {
        guard phase == self.phase else { return false }
        let fd = open(markerPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        _ = phase.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
        logger.warning("crash-test pause: FWB_TEST_PAUSE_AT and FWB_TEST_PAUSE_MARKER are set; pausing",
                       metadata: ["backup.phase": "\(phase)", "pause.max_seconds": "\(maximumWait.components.seconds)"])
        return true
    }
}
