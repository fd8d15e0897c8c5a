import ArgumentParser
import Foundation
import Logging

/// `--log-level` and `--log-format`, shared by every subcommand through `@OptionGroup`.
///
/// A flag wins over its environment variable (`FWB_LOG_LEVEL`, `FWB_LOG_FORMAT`); with neither, the
/// command's default level applies and the format is `text`. An invalid value, from a flag or from the
/// environment, is a usage error: one line on stderr (`error: invalid --log-level 'loud' (expected ...)`)
/// and exit code 64 (EX_USAGE), before the command runs.
public struct LoggingOptions: ParsableArguments, Sendable {
    /// Environment variable read when `--log-level` is absent.
    public static let levelVariable = "FWB_LOG_LEVEL"
    /// Environment variable read when `--log-format` is absent.
    public static let formatVariable = "FWB_LOG_FORMAT"

    @Option(name: .customLong("log-level"),
            help: ArgumentHelp("trace, debug, info, notice, warning, error or critical (default: $FWB_LOG_LEVEL, else the command's default).",
                               valueName: "LEVEL"))
    var level: String?

    @Option(name: .customLong("log-format"),
            help: ArgumentHelp("text (one human line per record) or json (one JSON object per line) (default: $FWB_LOG_FORMAT, else text).",
                               valueName: "FORMAT"))
    var format: String?

    /// Creates the options with no flags given (ArgumentParser fills in the parsed ones).
    public init() {}

    /// Rejects an invalid level or format from the flags or the process environment (one line, exit 64).
    public func validate() throws {
        do {
            _ = try resolve(defaultLevel: .info, environment: ProcessInfo.processInfo.environment)
        } catch {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(Self.usageExitCode)
        }
    }

    /// EX_USAGE, the exit code of ArgumentParser's own usage errors.
    public static let usageExitCode: Int32 = 64

    /// The settings in effect: flag, else environment variable, else `defaultLevel` and `text`.
    public func resolve(defaultLevel: Logger.Level, environment: [String: String]) throws(LoggingOptionsError) -> LoggingSettings {
        let level = try Self.pick(flag: level, variable: Self.levelVariable, environment: environment,
                                  option: "--log-level", allowed: Logger.Level.allCases.map(\.rawValue),
                                  parse: { Logger.Level(rawValue: $0) }) ?? defaultLevel
        let format = try Self.pick(flag: format, variable: Self.formatVariable, environment: environment,
                                   option: "--log-format", allowed: LogFormat.allCases.map(\.rawValue),
                                   parse: { LogFormat(rawValue: $0) }) ?? .text
        return LoggingSettings(level: level, format: format)
    }

    /// The flag's value if given, else the variable's if set and non-empty; `nil` when neither is.
    private static func pick<Value>(flag: String?, variable: String, environment: [String: String], option: String,
                                    allowed: [String], parse: (String) -> Value?) throws(LoggingOptionsError) -> Value? {
        let source: String
        let text: String
        if let flag {
            (source, text) = (option, flag)
        } else if let value = environment[variable], !value.isEmpty {
            (source, text) = (variable, value)
        } else {
            return nil
        }
        guard let value = parse(text.lowercased()) else {
            throw LoggingOptionsError(source: source, value: text, allowed: allowed)
        }
        return value
    }
}

/// The logging settings of a process, resolved from `LoggingOptions`.
public struct LoggingSettings: Sendable, Equatable {
    /// Records below this level are dropped.
    public var level: Logger.Level
    /// How each record is rendered on stderr.
    public var format: LogFormat

    /// Creates settings.
    public init(level: Logger.Level, format: LogFormat) {
        self.level = level
        self.format = format
    }
}

/// An invalid `--log-level`/`--log-format` flag or `FWB_LOG_LEVEL`/`FWB_LOG_FORMAT` value.
public struct LoggingOptionsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The flag or environment variable that held the value.
    public let source: String
    /// The rejected value.
    public let value: String
    /// The accepted values.
    public let allowed: [String]

    /// One line for stderr.
    public var description: String {
        "invalid \(source) '\(value)' (expected one of: \(allowed.joined(separator: ", ")))"
    }
}
