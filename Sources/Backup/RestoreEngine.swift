import Foundation
import Logging
import MariaDB
import Metrics

/// Restores a backup into the live database without ever leaving it half-restored: validate → safety
/// backup → load into staging → verify staging → blobs → maintenance flag → one RENAME TABLE swap →
/// drop the old tables. A journal records the phase so a rerun finishes or undoes an interrupted run.
public struct RestoreEngine: Sendable {
    let clock: any BackupClock
    let logger: Logger
    let progress: ProgressReporter
    /// The crash tests' pause (see `CrashTestPause`); nil unless the environment asks for it.
    var crashTestPause: CrashTestPause?

    /// Creates an engine.
    public init(clock: any BackupClock = SystemBackupClock(), logger: Logger, progress: ProgressReporter) {
        self.clock = clock
        self.logger = logger
        self.progress = progress
        crashTestPause = CrashTestPause.fromProcessEnvironment()
    }

    /// Finished backups in `directory`, newest first.
    public static func list(backupDirectory: URL) throws -> [BackupEntry] {
        try BackupDirectory(url: backupDirectory).list()
    }

    /// Runs a restore (finishing or undoing an interrupted one first); holds the directory lock.
    public func restore(_ request: RestoreRequest) async throws -> RestoreReport {
        try DurableFiles.ensureDirectory(request.backupDirectory)
        let lock = try DirectoryLock(directory: request.backupDirectory)
        defer { lock.release() }
        let started = ContinuousClock.now
        let directory = BackupDirectory(url: request.backupDirectory)
        let name = try Self.resolve(request.selection, in: directory)
        let inspector = try await DatabaseInspector.connect(request.database, logger: logger)
        do {
            let swap = TableSwap(inspector: inspector, database: request.database.database)
            if let journal = try RestoreJournal.load(from: directory.url) {
                let completed = try await recover(journal, swap: swap, directory: directory)
                if completed, journal.backupName == name {
                    let report = finishedReport(name: name, manifest: try? directory.manifest(for: name),
                                                safety: journal.safetyBackupName, started: started, blobs: 0, resumed: true)
                    await inspector.close()
                    return report
                }
            }
            let report = try await run(request, name: name, directory: directory, inspector: inspector, swap: swap, started: started)
            await inspector.close()
            Counter(label: "fwb_restore_success_total").increment()
            return report
        } catch {
            await inspector.close()
            Counter(label: "fwb_restore_failure_total").increment()
            throw error
        }
    }

    private func run(_ request: RestoreRequest, name: String, directory: BackupDirectory, inspector: DatabaseInspector,
                     swap: TableSwap, started: ContinuousClock.Instant) async throws -> RestoreReport {
        let options = try ClientOptionsFile(configuration: request.database)
        defer { options.remove() }
        let verifier = BackupVerifier(inspector: inspector, options: options, progress: progress)
        progress.event("validate_started", ["name": name])
        let validationStarted = ContinuousClock.now
        let manifest = try await validate(name: name, directory: directory, request: request, verifier: verifier)
        let validationSeconds = BackupEngine.seconds(ContinuousClock.now - validationStarted)
        var safetySeconds = 0.0
        var stagingSeconds = 0.0
        let suffix = String(UUID().uuidString.prefix(8)).lowercased()
        var journal = RestoreJournal(backupName: name, database: request.database.database,
                                     stagingDatabase: Self.derivedName(request.database.database, "staging", suffix),
                                     oldDatabase: Self.derivedName(request.database.database, "old", suffix),
                                     safetyBackupName: nil, phase: .validating, startedAt: clock.now())
        try journal.save(in: directory.url)
        await crashTestPause?.reached("validated", logger: logger)

        if request.safetyBackup {
            journal.phase = .safetyBackup
            try journal.save(in: directory.url)
            progress.event("safety_backup_started")
            let safetyStarted = ContinuousClock.now
            defer { safetySeconds = BackupEngine.seconds(ContinuousClock.now - safetyStarted) }
            let safetyRequest = BackupRequest(database: request.database, backupDirectory: request.backupDirectory,
                                              blobDirectory: request.blobDirectory, compression: .gzip, verification: .checksum,
                                              origin: .safety)
            var safetyEngine = BackupEngine(clock: clock, logger: logger, progress: progress)
            safetyEngine.crashTestPause = crashTestPause
            let (report, _) = try await safetyEngine.takeBackup(safetyRequest)
            journal.safetyBackupName = report.name
            try journal.save(in: directory.url)
            await crashTestPause?.reached("safety-backup-done", logger: logger)
        }

        journal.phase = .loadingStaging
        try journal.save(in: directory.url)
        do {
            try await inspector.dropDatabase(journal.stagingDatabase)
            try await inspector.createDatabase(journal.stagingDatabase)
            progress.event("staging_load_started", ["database": journal.stagingDatabase])
            try await verifier.load(file: directory.fileURL(name), manifest: manifest, into: journal.stagingDatabase, failure: .restoreFailed)
            await crashTestPause?.reached("staging-loaded", logger: logger)
            journal.phase = .verifyingStaging
            try journal.save(in: directory.url)
            let compareStarted = ContinuousClock.now
            try await verifier.compare(database: journal.stagingDatabase, with: manifest, failure: .restoreFailed)
            stagingSeconds = BackupEngine.seconds(ContinuousClock.now - compareStarted)
            let unsupported = try await inspector.unsupportedObjects(in: journal.stagingDatabase)
            guard unsupported.isEmpty else {
                throw BackupError(.restoreFailed, reason: "unsupported_objects", "the backup holds objects a table swap cannot move: \(unsupported.joined(separator: ", "))")
            }
        } catch {
            try? await undoBeforeSwap(journal, swap: swap, directory: directory)
            throw BackupError.wrap(error, .restoreFailed, reason: "staging", "loading the staging database failed; live data unchanged")
        }

        var blobsRestored = 0
        if let blobDirectory = request.blobDirectory, !manifest.blobs.isEmpty {
            journal.phase = .restoringBlobs
            try journal.save(in: directory.url)
            progress.event("blobs_restore_started", ["count": String(manifest.blobs.count)])
            let store = BlobStore(backupDirectory: request.backupDirectory)
            blobsRestored = try await runBlocking("fwb-blobs") { try store.restore(manifest.blobs, into: blobDirectory) }
        }

        journal.phase = .maintenanceOn
        try journal.save(in: directory.url)
        try await swap.maintenance.set(reason: "restore of \(name)", seconds: request.maintenanceSeconds)
        await crashTestPause?.reached("maintenance-on", logger: logger)

        journal.phase = .swapping
        try journal.save(in: directory.url)
        progress.event("swap_started")
        do {
            try await swap.swap(staging: journal.stagingDatabase, old: journal.oldDatabase)
        } catch {
            try? await undoBeforeSwap(journal, swap: swap, directory: directory)
            throw BackupError(.restoreFailed, reason: "swap_failed", "RENAME TABLE swap failed, live data unchanged: \(error)")
        }
        journal.phase = .swapped
        try journal.save(in: directory.url)
        await crashTestPause?.reached("swapped", logger: logger)
        try await finishAfterSwap(journal, swap: swap, directory: directory)
        var report = finishedReport(name: name, manifest: manifest, safety: journal.safetyBackupName, started: started,
                                    blobs: blobsRestored, resumed: false)
        report.stagingVerificationSeconds = stagingSeconds
        report.validationSeconds = validationSeconds
        report.safetyBackupSeconds = safetySeconds
        return report
    }

    /// Before touching anything: manifest present and ours, size, sha256, compression framing, blobs in store.
    private func validate(name: String, directory: BackupDirectory, request: RestoreRequest,
                          verifier: BackupVerifier) async throws -> BackupManifest {
        let file = directory.fileURL(name)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw BackupError(.backupNotFound, reason: "not_found", "no backup named \(name) in \(directory.url.path)")
        }
        guard let manifest = try directory.manifest(for: name) else {
            throw BackupError(.backupRejected, reason: "missing_manifest", "\(name) has no manifest; refusing to restore it")
        }
        guard manifest.name == name, manifest.compression == Compression.of(fileName: name) else {
            throw BackupError(.backupRejected, reason: "manifest_mismatch", "manifest beside \(name) describes \(manifest.name)")
        }
        guard manifest.database == request.database.database else {
            throw BackupError(.backupRejected, reason: "foreign_database", "\(name) is a backup of database \(manifest.database), not \(request.database.database)")
        }
        guard manifest.verification != nil else {
            throw BackupError(.backupRejected, reason: "unverified", "\(name) never passed verification")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.int64Value ?? -1
        guard size == manifest.size else {
            throw BackupError(.backupRejected, reason: size < manifest.size ? "truncated" : "size_mismatch",
                              "\(name) is \(size) bytes, manifest says \(manifest.size)")
        }
        if request.blobDirectory != nil { try BlobStore(backupDirectory: directory.url).checkPresent(manifest.blobs) }
        try await verifier.checkIntegrity(file: file, manifest: manifest, failure: .backupRejected)
        return manifest
    }

    /// Brings an interrupted restore to a clean end. Returns true when its swap had happened (new data live).
    private func recover(_ journal: RestoreJournal, swap: TableSwap, directory: BackupDirectory) async throws -> Bool {
        progress.event("recovering_interrupted_restore", ["name": journal.backupName, "phase": journal.phase.rawValue])
        guard journal.database == swap.database else {
            throw BackupError(.restoreFailed, reason: "journal_foreign", "restore journal belongs to database \(journal.database)")
        }
        let stagingTables = try await swap.inspector.tables(in: journal.stagingDatabase)
        let swapped = journal.phase == .swapped || (journal.phase == .swapping && stagingTables.isEmpty)
        if swapped {
            try await finishAfterSwap(journal, swap: swap, directory: directory)
        } else {
            try await undoBeforeSwap(journal, swap: swap, directory: directory)
        }
        return swapped
    }

    /// Nothing was swapped: drop staging/old, clear the flag, delete the journal.
    private func undoBeforeSwap(_ journal: RestoreJournal, swap: TableSwap, directory: BackupDirectory) async throws {
        try await swap.inspector.dropDatabase(journal.stagingDatabase)
        let oldTables = try await swap.inspector.tables(in: journal.oldDatabase)
        if oldTables.isEmpty { try await swap.inspector.dropDatabase(journal.oldDatabase) }
        try await swap.maintenance.clear()
        try RestoreJournal.remove(in: directory.url)
    }

    /// The swap happened: drop the old tables and staging, clear the flag, delete the journal.
    private func finishAfterSwap(_ journal: RestoreJournal, swap: TableSwap, directory: BackupDirectory) async throws {
        try await swap.inspector.dropDatabase(journal.oldDatabase)
        await crashTestPause?.reached("old-dropped", logger: logger)
        try await swap.inspector.dropDatabase(journal.stagingDatabase)
        try await swap.maintenance.clear()
        try RestoreJournal.remove(in: directory.url)
        progress.event("restore_finished", ["name": journal.backupName])
    }

    private func finishedReport(name: String, manifest: BackupManifest?, safety: String?, started: ContinuousClock.Instant,
                                blobs: Int, resumed: Bool) -> RestoreReport {
        RestoreReport(restored: name, safetyBackup: safety, tables: manifest?.tables.count ?? 0,
                      rows: manifest?.tables.reduce(0) { $0 + $1.rows } ?? 0, blobsRestored: blobs,
                      durationSeconds: BackupEngine.seconds(ContinuousClock.now - started),
                      validationSeconds: 0, stagingVerificationSeconds: 0, safetyBackupSeconds: 0, resumed: resumed)
    }

    /// The backup name a selection means; `latest` skips safety backups.
    static func resolve(_ selection: RestoreSelection, in directory: BackupDirectory) throws -> String {
        switch selection {
        case .file(let name):
            guard BackupNaming.isBackupName(name) else {
                throw BackupError(.badArguments, reason: "bad_name", "\(name) is not a backup file name (filewallball_backup_YYYYMMDD_HHMMSS.sql.gz)")
            }
            return name
        case .latest:
            // Safety backups are restored only by name: "latest" taken seconds after a restore's safety
            // backup must mean the newest real backup, never the state the restore is replacing.
            let verified = try directory.list().filter(\.verified)
            guard let pick = verified.first(where: { $0.origin != .safety }) else {
                let safety = verified.count
                throw BackupError(.backupNotFound, reason: "no_verified_backup",
                                  "no verified backup in \(directory.url.path)"
                                    + (safety > 0 ? " (only \(safety) safety backup(s), which are restored by name only: --file NAME)" : ""))
            }
            return pick.name
        }
    }

    /// `<db>_<role>_<suffix>`, shortened to MariaDB's 64-character limit.
    static func derivedName(_ database: String, _ role: String, _ suffix: String) -> String {
        let tail = "_\(role)_\(suffix)"
        return String(database.prefix(64 - tail.count)) + tail
    }
}
