import Foundation

/// Crash-test hook: when `FWB_TEST_PAUSE_AT` names the phase being entered, create the file named by
/// `FWB_TEST_PAUSE_MARKER` (if set) and block forever so a test can SIGKILL the process exactly there.
enum TestHooks {
    /// Pauses at `phase` when the environment asks for it; otherwise returns at once.
    static func pauseIfRequested(_ phase: String) {
        let env = ProcessInfo.processInfo.environment
        guard let wanted = env["FWB_TEST_PAUSE_AT"], wanted == phase else { return }
        if let marker = env["FWB_TEST_PAUSE_MARKER"] {
            _ = FileManager.default.createFile(atPath: marker, contents: Data(phase.utf8))
        }
        while true { sleep(3600) }
    }
}
