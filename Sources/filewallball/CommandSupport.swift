import ArgumentParser
import Backup
import Foundation
import MariaDB

/// Shared plumbing of the backup and restore commands: settings, JSON output, exit codes.
enum CommandSupport {
    /// The database settings from `--database-url` or `FWB_DATABASE_URL`.
    static func configuration(_ url: String?) throws -> MariaDBConfiguration {
        guard let text = url ?? ProcessInfo.processInfo.environment["FWB_DATABASE_URL"], !text.isEmpty else {
            throw BackupError(.badArguments, reason: "missing_database_url", "--database-url or FWB_DATABASE_URL is required")
        }
        do { return try MariaDBConfiguration(url: text) } catch {
            throw BackupError(.badArguments, reason: "invalid_database_url", "the database URL is invalid (expected mariadb://USER:PASSWORD@HOST:PORT/DATABASE)")
        }
    }

    /// Prints a value as one JSON document on stdout.
    static func printJSON<T: Encodable>(_ value: T) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    /// The JSON printed on stdout when a run fails.
    struct Failure: Encodable {
        let status = "error"
        let code: String
        let reason: String
        let message: String
        let exitCode: Int32
    }

    /// Reports `error` (JSON on stdout, one line on stderr) and returns the exit code to throw.
    static func fail(_ error: any Error) -> ExitCode {
        let backupError: BackupError
        if let known = error as? BackupError {
            backupError = known
        } else if let sql = error as? MariaDBError, sql.isConnectionLost {
            backupError = BackupError(.databaseUnavailable, reason: "connection_lost", sql.description)
        } else {
            backupError = BackupError(.internalError, reason: "unexpected", String(describing: error))
        }
        printJSON(Failure(code: backupError.code.rawValue, reason: backupError.reason, message: backupError.message,
                          exitCode: backupError.exitCode))
        FileHandle.standardError.write(Data("error: \(backupError.description)\n".utf8))
        return ExitCode(backupError.exitCode)
    }
}
