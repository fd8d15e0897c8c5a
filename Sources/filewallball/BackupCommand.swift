import ArgumentParser
import Backup
import Foundation
import Logging
import ProcessSupport

/// `filewallball backup`: one verified backup run plus retention.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Take a consistent, verified backup of the database (and file blobs), then apply retention.",
        discussion: "Exit codes: 0 ok, 10 database unavailable, 11 dump failed, 12 verification failed, 13 no space, "
            + "14 pruning failed, 15 another run holds the lock, 16 I/O error, 64 bad arguments, 1 internal error.")

    @Option(name: .customLong("database-url"), help: "mariadb://USER:PASSWORD@HOST:PORT/DATABASE (default: $FWB_DATABASE_URL).")
    var databaseURL: String?

    @Option(name: .customLong("backup-dir"), help: "Folder for backups, manifests and the blob store.")
    var backupDir: String

    @Option(name: .customLong("blob-dir"), help: "Folder of the file blobs to back up (content-addressed, incremental).")
    var blobDir: String?

    @Option(help: "gzip, zstd or none.")
    var compression: String = "gzip"

    @Option(help: "restore-test (load into a scratch database and compare) or checksum.")
    var verify: String = "restore-test"

    @Option(name: .customLong("retention-days"), help: "Keep backups younger than this many days.")
    var retentionDays: Int = 7

    @Option(name: .customLong("keep-min"), help: "Always keep at least this many verified backups.")
    var keepMin: Int = 3

    @Option(help: "What takes this backup, recorded in its manifest: scheduled, on-demand or safety (before a restore; prunes nothing).")
    var origin: String = BackupOrigin.scheduled.rawValue

    @Option(name: .customLong("result-file"), help: "Also write the final JSON result (or failure) here at exit, at most 4096 bytes (a Job passes /dev/termination-log).")
    var resultFile: String?

    @OptionGroup(title: "Logging")
    var logging: LoggingOptions

    func run() async throws {
        try ProcessBootstrap.bootstrap(logging, defaultLevel: .warning)
        do {
            guard let origin = BackupOrigin(rawValue: origin) else {
                throw BackupError(.badArguments, reason: "origin", "--origin must be scheduled, on-demand or safety")
            }
            guard let compression = Compression(rawValue: compression) else {
                throw BackupError(.badArguments, reason: "compression", "--compression must be gzip, zstd or none")
            }
            guard let level = VerificationLevel(rawValue: verify) else {
                throw BackupError(.badArguments, reason: "verify", "--verify must be restore-test or checksum")
            }
            guard retentionDays >= 0, keepMin >= 1 else {
                throw BackupError(.badArguments, reason: "retention", "--retention-days must be >= 0 and --keep-min >= 1")
            }
            let request = BackupRequest(database: try CommandSupport.configuration(databaseURL),
                                        backupDirectory: URL(fileURLWithPath: backupDir),
                                        blobDirectory: blobDir.map { URL(fileURLWithPath: $0) },
                                        compression: compression, verification: level,
                                        retention: RetentionPolicy(retentionDays: retentionDays, keepMin: keepMin),
                                        origin: origin)
            let engine = BackupEngine(logger: Logger(label: "fwb.backup"), progress: .forStandardError())
            let report = try await engine.backup(request)
            CommandSupport.finish(Success(report: report), resultFile: resultFile)
        } catch {
            throw CommandSupport.fail(error, resultFile: resultFile)
        }
    }

    private struct Success: Encodable {
        let status = "ok"
        let report: BackupReport
        func encode(to encoder: any Encoder) throws {
            try report.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(status, forKey: .status)
        }
        enum Key: String, CodingKey { case status }
    }
}
