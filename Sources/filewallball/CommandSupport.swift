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

    /// A value as one compact, key-sorted JSON document with snake_case keys and ISO 8601 dates.
    static func json<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }

    /// Prints a value as one JSON document on stdout.
    static func printJSON<T: Encodable>(_ value: T) {
        FileHandle.standardOutput.write(json(value) + Data("\n".utf8))
    }

    /// Prints the final result on stdout and, with `--result-file`, writes it there too (reduced to
    /// Kubernetes' 4096-byte termination-message limit when longer). A result file that cannot be
    /// written is a warning on stderr: the run's outcome stands.
    static func finish<T: Encodable>(_ value: T, resultFile: String?) {
        let data = json(value)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
        writeResultFile(resultFile, data)
    }

    /// Writes `data` to the result file, if one was asked for.
    static func writeResultFile(_ path: String?, _ data: Data) {
        guard let path, !path.isEmpty else { return }
        do { try ResultFile(path: path).write(data) } catch {
            FileHandle.standardError.write(Data("warning: \(error)\n".utf8))
        }
    }

    /// The JSON printed on stdout when a run fails.
    struct Failure: Encodable {
        let status = "error"
        let code: String
        let reason: String
        let message: String
        let exitCode: Int32
    }

    /// Reports `error` (JSON on stdout and in the result file, one line on stderr) and returns the exit code to throw.
    static func fail(_ error: any Error, resultFile: String?) -> ExitCode {
        let backupError: BackupError
        if let known = error as? BackupError {
            backupError = known
        } else if let sql = error as? MariaDBError, sql.isConnectionLost {
            backupError = BackupError(.databaseUnavailable, reason: "connection_lost", sql.description)
        } else {
            backupError = BackupError(.internalError, reason: "unexpected", String(describing: error))
        }
        finish(Failure(code: backupError.code.rawValue, reason: backupError.reason, message: backupError.message,
                       exitCode: backupError.exitCode), resultFile: resultFile)
        FileHandle.standardError.write(Data("error: \(backupError.description)\n".utf8))
        return ExitCode(backupError.exitCode)
    }
}
