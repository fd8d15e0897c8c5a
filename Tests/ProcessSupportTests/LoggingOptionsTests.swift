import ArgumentParser
import Logging
import Testing
@testable import ProcessSupport

@Suite struct LoggingOptionsTests {
    private func resolve(_ arguments: [String], environment: [String: String] = [:], defaultLevel: Logger.Level = .info) throws -> LoggingSettings {
        try LoggingOptions.parse(arguments).resolve(defaultLevel: defaultLevel, environment: environment)
    }

    @Test func defaultsAreTheCommandsLevelAndText() throws {
        #expect(try resolve([]) == LoggingSettings(level: .info, format: .text))
        #expect(try resolve([], defaultLevel: .warning) == LoggingSettings(level: .warning, format: .text))
        #expect(try resolve([], environment: ["FWB_LOG_LEVEL": "", "FWB_LOG_FORMAT": ""]) == LoggingSettings(level: .info, format: .text))
    }

    @Test func environmentAppliesWithoutFlags() throws {
        let settings = try resolve([], environment: ["FWB_LOG_LEVEL": "debug", "FWB_LOG_FORMAT": "json"], defaultLevel: .warning)
        #expect(settings == LoggingSettings(level: .debug, format: .json))
    }

    @Test func flagWinsOverEnvironment() throws {
        let settings = try resolve(["--log-level", "error", "--log-format", "text"],
                                   environment: ["FWB_LOG_LEVEL": "debug", "FWB_LOG_FORMAT": "json"])
        #expect(settings == LoggingSettings(level: .error, format: .text))
    }

    @Test func valuesAreCaseInsensitive() throws {
        #expect(try resolve(["--log-level", "WARNING", "--log-format", "JSON"]) == LoggingSettings(level: .warning, format: .json))
    }

    @Test func invalidFlagIsAValidationErrorWithExitCode64() throws {
        #expect(throws: (any Error).self) { try LoggingOptions.parse(["--log-level", "loud"]) }
        #expect(throws: (any Error).self) { try LoggingOptions.parse(["--log-format", "xml"]) }
        do {
            _ = try LoggingOptions.parse(["--log-level", "loud"])
            Issue.record("an invalid level was accepted")
        } catch {
            #expect(LoggingOptions.exitCode(for: error) == ExitCode(64))
            let message = LoggingOptions.message(for: error)
            #expect(message.contains("invalid --log-level 'loud'"))
            #expect(!message.contains("\n"))
        }
    }

    @Test func invalidEnvironmentValueNamesTheVariable() throws {
        let options = try LoggingOptions.parse([])
        #expect(throws: LoggingOptionsError(source: "FWB_LOG_LEVEL", value: "verbose", allowed: Logger.Level.allCases.map(\.rawValue))) {
            try options.resolve(defaultLevel: .info, environment: ["FWB_LOG_LEVEL": "verbose"])
        }
        #expect(throws: LoggingOptionsError(source: "FWB_LOG_FORMAT", value: "yaml", allowed: ["text", "json"])) {
            try options.resolve(defaultLevel: .info, environment: ["FWB_LOG_FORMAT": "yaml"])
        }
        // A valid flag hides an invalid variable: the flag is what is used.
        #expect(try resolve(["--log-format", "json"], environment: ["FWB_LOG_FORMAT": "yaml"]).format == .json)
    }
}
