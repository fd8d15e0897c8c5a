import Foundation
import Logging
import Testing
@testable import Backup

/// The crash tests' pause cannot hang a real backup or restore: it needs two variables, pauses once per
/// marker, and for a bounded time.
@Suite struct CrashTestPauseTests {
    let logger = Logger(label: "test.crash-pause")

    /// A marker path in a fresh temporary directory (the file itself does not exist yet).
    func markerPath() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fwb-pause-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("paused").path
    }

    @Test("FWB_TEST_PAUSE_AT alone, or with an empty marker, installs no pause")
    func needsBothVariables() {
        #expect(CrashTestPause(environment: [:]) == nil)
        #expect(CrashTestPause(environment: ["FWB_TEST_PAUSE_AT": "validated"]) == nil)
        #expect(CrashTestPause(environment: ["FWB_TEST_PAUSE_AT": "validated", "FWB_TEST_PAUSE_MARKER": ""]) == nil)
        #expect(CrashTestPause(environment: ["FWB_TEST_PAUSE_AT": "", "FWB_TEST_PAUSE_MARKER": "/tmp/x"]) == nil)
        #expect(CrashTestPause(environment: ["FWB_TEST_PAUSE_MARKER": "/tmp/x"]) == nil)
    }

    @Test("the default bound is two minutes, not forever")
    func defaultBound() throws {
        let pause = try #require(CrashTestPause(environment: ["FWB_TEST_PAUSE_AT": "x", "FWB_TEST_PAUSE_MARKER": "/tmp/x"]))
        #expect(pause.maximumWait == .seconds(120))
    }

    @Test("another phase passes at once and leaves no marker")
    func otherPhase() async throws {
        let marker = try markerPath()
        let pause = try #require(CrashTestPause(environment: ["FWB_TEST_PAUSE_AT": "swapped", "FWB_TEST_PAUSE_MARKER": marker],
                                                maximumWait: .seconds(600)))
        #expect(await !pause.reached("validated", logger: logger))
        #expect(!pause.reachedBlocking("dumping", logger: logger))
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test("the asked-for phase creates the marker, waits at most the bound, and pauses only once per marker")
    func boundedAndOnce() async throws {
        let marker = try markerPath()
        let pause = try #require(CrashTestPause(environment: ["FWB_TEST_PAUSE_AT": "validated", "FWB_TEST_PAUSE_MARKER": marker],
                                                maximumWait: .milliseconds(200)))
        let started = ContinuousClock.now
        #expect(await pause.reached("validated", logger: logger))
        let waited = ContinuousClock.now - started
        #expect(waited >= .milliseconds(200))
        #expect(waited < .seconds(10))
        #expect(try String(contentsOfFile: marker, encoding: .utf8) == "validated")
        // The marker exists now: the same phase again (a rerun with the same stray variables) does not pause.
        let again = ContinuousClock.now
        #expect(await !pause.reached("validated", logger: logger))
        #expect(!pause.reachedBlocking("validated", logger: logger))
        #expect(ContinuousClock.now - again < .milliseconds(150))
    }

    @Test("the blocking form is bounded too")
    func blockingBounded() throws {
        let marker = try markerPath()
        let pause = try #require(CrashTestPause(environment: ["FWB_TEST_PAUSE_AT": "dumping", "FWB_TEST_PAUSE_MARKER": marker],
                                                maximumWait: .milliseconds(200)))
        let started = ContinuousClock.now
        #expect(pause.reachedBlocking("dumping", logger: logger))
        #expect(ContinuousClock.now - started >= .milliseconds(200))
        #expect(FileManager.default.fileExists(atPath: marker))
    }
}
