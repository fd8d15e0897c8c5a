import ArgumentParser
import Foundation
import Logging

/// Writes one line to stderr and returns the exit code to throw: `throw CLIFailure.exit("...", code: 2)`.
enum CLIFailure {
    static func exit(_ message: String, code: Int32) -> ExitCode {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        return ExitCode(code)
    }
}

/// Logging set-up shared by the subcommands: one line per record on stderr, with metadata.
enum CLILogging {
    static func bootstrap(label: String, level: String) -> Logger {
        let parsed = Logger.Level(rawValue: level.lowercased()) ?? .info
        LoggingSystem.bootstrap { name in
            var handler = StreamLogHandler.standardError(label: name)
            handler.logLevel = parsed
            return handler
        }
        return Logger(label: label)
    }
}
