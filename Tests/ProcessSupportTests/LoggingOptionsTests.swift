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

    @Test func invalidFlagIsAUsageErrorWithExitCode64() throws {
        // (validate() also writes the one-line reason to stderr; its text is checked below.)
        for arguments in [["--log-level", "loud"], ["--log-format", "xml"]] {
            do {
                _ = try LoggingOptions.parse(arguments)
                Issue.record("\(arguments) was accepted")
            } catch {
                #expect(LoggingOptions.exitCode(for: error) == ExitCode(64))
            }
        }
        let error = LoggingOptionsError(source: "--log-level", value: "loud", allowed: Logger.Level.allCases.map(\.rawValue))
        #expect(error.description == "invalid --log-level 'loud' (expected one of: trace, debug, info, notice, warning, error, critical)")
        // The same value through resolve() names the flag.
        var options = try LoggingOptions.parse([])
        options.level = "loud"
        #expect(throws: error) { try options.resolve(defaultLevel: .info, environment: [:]) }
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
