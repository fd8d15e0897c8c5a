import ArgumentParser
import Foundation
import Logging

/// A failure reported as one line on stderr and a specific exit code.
struct CLIFailure: Error, CustomStringConvertible {
    let message: String
    let code: Int32
    var description: String { message }
}

extension CLIFailure: LocalizedError {
    var errorDescription: String? { message }
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
