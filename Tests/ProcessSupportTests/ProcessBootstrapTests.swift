import ArgumentParser
import Logging
import Metrics
import Testing
@testable import ProcessSupport

/// The only suite that bootstraps the process-wide systems (this target runs in a test process of its own).
@Suite struct ProcessBootstrapTests {
    @Test func secondBootstrapIsANoOpReturningTheFirstContext() throws {
        let first = try ProcessBootstrap.bootstrap(try LoggingOptions.parse(["--log-level", "critical", "--log-format", "json"]))
        #expect(first.logging == LoggingSettings(level: .critical, format: .json))
        // A second call (another component of the same process) neither traps in swift-log/swift-metrics
        // nor changes anything: it gets the same registry and settings.
        let second = try ProcessBootstrap.bootstrap(try LoggingOptions.parse(["--log-level", "trace"]), defaultLevel: .debug)
        #expect(second.registry === first.registry)
        #expect(second.logging == first.logging)

        // Loggers use the one handler at the first call's level; metrics land in the one registry.
        let logger = Logger(label: "process-bootstrap-test")
        #expect(logger.logLevel == .critical)
        Counter(label: "process_bootstrap_test_total").increment(by: 3)
        var buffer: [UInt8] = []
        second.registry.emit(into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self).contains("process_bootstrap_test_total 3"))
    }

    @Test func invalidEnvironmentValueFailsBeforeAnythingIsSetUp() throws {
        #expect(throws: LoggingOptionsError.self) {
            try ProcessBootstrap.bootstrap(try LoggingOptions.parse([]), environment: ["FWB_LOG_FORMAT": "xml"])
        }
    }
}
