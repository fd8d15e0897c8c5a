import ArgumentParser
import Backup
import DataPlane
import Foundation
import Logging
import ProcessSupport

/// `filewallball restore`: list backups, or restore one atomically after a safety backup.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "List backups, or restore one (verified first; safety backup; atomic table swap).",
        discussion: "Exit codes: 0 ok, 10 database unavailable, 12 safety backup verification failed, 13 no space, "
            + "15 another run holds the lock, 16 I/O error, 20 backup not found, 21 backup refused (corrupt, truncated, "
            + "checksum mismatch, missing or foreign manifest), 22 restore failed (live data unchanged), 64 bad arguments.")

    @Option(name: .customLong("database-url"), help: "mariadb://USER:PASSWORD@HOST:PORT/DATABASE (default: $FWB_DATABASE_URL).")
    var databaseURL: String?

    @Option(name: .customLong("backup-dir"), help: "Folder holding the backups.")
    var backupDir: String

    @Option(name: .customLong("blob-dir"), help: "Folder of the file blobs to restore.")
    var blobDir: String?

    @Flag(help: "List the backups.")
    var list = false

    @Option(name: .shortAndLong, help: "Output of --list: table or json.")
    var output: String = "table"

    @Option(help: "Backup file name to restore.")
    var file: String?

    @Flag(help: "Restore the newest verified backup that is not a safety backup (those are restored by name only).")
    var latest = false

    @Flag(name: .customLong("no-safety-backup"), help: "Skip the safety backup of the current state.")
    var noSafetyBackup = false

    @Option(name: .customLong("redis-url"), help: "The data plane's Redis (default: $FWB_REDIS_URL); its cached metadata and sessions are flushed after the swap.")
    var redisURL: String?

    @Option(name: .customLong("result-file"), help: "Also write the final JSON result (or failure) here at exit, at most 4096 bytes (a Job passes /dev/termination-log).")
    var resultFile: String?

    @OptionGroup(title: "Logging")
    var logging: LoggingOptions

    func validate() throws {
        let modes = [list, file != nil, latest].filter { $0 }.count
        guard modes == 1 else { throw usage("exactly one of --list, --file NAME, --latest is required") }
        guard output == "table" || output == "json" else { throw usage("-o must be table or json") }
    }

    /// A usage error, also recorded in the result file (exit 64 like every usage error).
    private func usage(_ message: String) -> ValidationError {
        CommandSupport.writeResultFile(resultFile, CommandSupport.json(CommandSupport.Failure(
            code: BackupError.Code.badArguments.rawValue, reason: "usage", message: message,
            exitCode: BackupError.exitCode(for: .badArguments))))
        return ValidationError(message)
    }

    func run() async throws {
        try ProcessBootstrap.bootstrap(logging, defaultLevel: .warning)
        do {
            let directory = URL(fileURLWithPath: backupDir)
            if list {
                let entries = try RestoreEngine.list(backupDirectory: directory)
                if output == "json" { CommandSupport.printJSON(entries) } else { print(BackupListTable.render(entries, now: Date())) }
                CommandSupport.writeResultFile(resultFile, CommandSupport.json(ListResult(count: entries.count, backups: entries)))
                return
            }
            let request = RestoreRequest(database: try CommandSupport.configuration(databaseURL), backupDirectory: directory,
                                         blobDirectory: blobDir.map { URL(fileURLWithPath: $0) },
                                         selection: file.map { .file($0) } ?? .latest, safetyBackup: !noSafetyBackup)
            if isatty(0) == 1, !confirm(request) {
                throw BackupError(.badArguments, reason: "not_confirmed", "restore cancelled at the prompt")
            }
            let engine = RestoreEngine(logger: Logger(label: "fwb.restore"), progress: .forStandardError())
            let report = try await engine.restore(request)
            if let redis = redisURL ?? ProcessInfo.processInfo.environment["FWB_REDIS_URL"], !redis.isEmpty {
                do {
                    _ = try await CacheFlush.afterRestore(redisURL: redis, logger: Logger(label: "fwb.restore"))
                } catch {
                    // The restore itself succeeded; stale cache entries expire by TTL (file:meta 1 h).
                    FileHandle.standardError.write(Data("restore: warning: could not flush the Redis cache: \(error)\n".utf8))
                }
            }
            CommandSupport.finish(Success(report: report), resultFile: resultFile)
        } catch {
            throw CommandSupport.fail(error, resultFile: resultFile)
        }
    }

    /// The restore report with `"status": "ok"`, as `backup` reports.
    private struct Success: Encodable {
        let report: RestoreReport
        func encode(to encoder: any Encoder) throws {
            try report.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode("ok", forKey: .status)
        }
        enum Key: String, CodingKey { case status }
    }

    /// `--list` in the result file: the entries of `-o json` (newest first; the oldest are dropped to fit).
    private struct ListResult: Encodable {
        let status = "ok"
        let count: Int
        let backups: [BackupEntry]
    }

    /// Asks on a terminal only; a Job (stdin not a terminal) never prompts.
    private func confirm(_ request: RestoreRequest) -> Bool {
        let what = file ?? "the newest verified backup"
        FileHandle.standardError.write(Data("Replace every table of database \(request.database.database) with \(what)? [y/N] ".utf8))
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
        return answer == "y" || answer == "yes"
    }
}
