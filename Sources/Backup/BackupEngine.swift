import Foundation
import Logging
import MariaDB
import Metrics

/// Runs backups: consistent dump → partial file → verify → manifest → rename → blobs → retention.
public struct BackupEngine: Sendable {
    /// Version recorded in manifests.
    public static let engineVersion = "1.0.0"

    let clock: any BackupClock
    let logger: Logger
    let progress: ProgressReporter
    /// The crash tests' pause (see `CrashTestPause`); nil unless the environment asks for it.
    var crashTestPause: CrashTestPause?

    /// Creates an engine with an injected clock (naming, retention), logger and progress reporter.
    public init(clock: any BackupClock = SystemBackupClock(), logger: Logger, progress: ProgressReporter) {
        self.clock = clock
        self.logger = logger
        self.progress = progress
        crashTestPause = CrashTestPause.fromProcessEnvironment()
    }

    /// One full backup run including retention; holds the backup directory lock throughout.
    ///
    /// A safety backup (`origin: .safety`, taken by its own Job right before a restore Job) prunes
    /// nothing, like the safety backup inside `RestoreEngine`: one more verified backup could otherwise
    /// push the backup about to be restored out of `keepMin` and delete it between the two Jobs.
    public func backup(_ request: BackupRequest) async throws -> BackupReport {
        try DurableFiles.ensureDirectory(request.backupDirectory)
        let lock = try DirectoryLock(directory: request.backupDirectory)
        defer { lock.release() }
        let started = ContinuousClock.now
        var (report, _) = try await takeBackup(request)
        if request.origin != .safety {
            progress.event("prune_started")
            let pruned = try BackupPruner(directory: BackupDirectory(url: request.backupDirectory), clock: clock)
                .prune(policy: request.retention)
            report.prunedBackups = pruned.backups
            report.prunedBlobs = pruned.blobs
        }
        report.durationSeconds = Self.seconds(ContinuousClock.now - started)
        Counter(label: "fwb_backup_success_total").increment()
        return report
    }

    /// Dump, verify, write manifest and rename; the caller holds the directory lock.
    func takeBackup(_ request: BackupRequest) async throws -> (BackupReport, BackupManifest) {
        let started = ContinuousClock.now
        let kind = request.origin.kind
        let directory = BackupDirectory(url: request.backupDirectory)
        let name = try freshName(directory: directory, compression: request.compression)
        let partial = directory.partialURL(name)
        let options = try ClientOptionsFile(configuration: request.database)
        defer { options.remove() }
        let inspector = try await DatabaseInspector.connect(request.database, logger: logger)
        var keepPartial = false
        defer { if !keepPartial { try? FileManager.default.removeItem(at: partial) } }
        do {
            let startedAt = clock.now()
            progress.event("dump_started", ["name": name, "kind": kind.rawValue, "origin": request.origin.rawValue])
            let serverVersion = try await inspector.serverVersion()
            let (tables, dumped) = try await dump(request, inspector: inspector, options: options, partial: partial)
            let finishedAt = clock.now()
            var blobs: [BackupManifest.Blob] = []
            var copied = 0
            if let blobDirectory = request.blobDirectory {
                progress.event("blobs_started")
                let previous = (try? latestManifest(directory))??.blobs ?? []
                let store = BlobStore(backupDirectory: request.backupDirectory)
                (blobs, copied) = try await runBlocking("fwb-blobs") { try store.backUp(blobDirectory: blobDirectory, previous: previous) }
            }
            let compression = request.compression
            let tools = try await runBlocking("fwb-tools") { ToolVersions.collect(compression: compression) }
            var manifest = BackupManifest(name: name, database: request.database.database, kind: kind, origin: request.origin, sha256: dumped.sha256,
                                          size: dumped.bytes, compression: request.compression, startedAt: startedAt,
                                          finishedAt: finishedAt, serverVersion: serverVersion,
                                          tools: tools,
                                          tables: tables, blobs: blobs, verification: nil)
            let verifyStarted = ContinuousClock.now
            progress.event("verify_started", ["level": request.verification.rawValue])
            try await BackupVerifier(inspector: inspector, options: options, progress: progress)
                .verify(file: partial, manifest: manifest, level: request.verification)
            let verifySeconds = Self.seconds(ContinuousClock.now - verifyStarted)
            manifest.verification = .init(level: request.verification.rawValue, verifiedAt: clock.now())
            try DurableFiles.writeAtomically(try manifest.encoded(), to: directory.manifestURL(name))
            try DurableFiles.renameReplacing(partial, to: directory.fileURL(name))
            try DurableFiles.syncDirectory(directory.url)
            keepPartial = true
            await inspector.close()
            progress.event("backup_finished", ["name": name, "size": String(dumped.bytes)])
            let report = BackupReport(name: name, origin: request.origin, takenAt: BackupNaming.date(of: name) ?? startedAt,
                                      size: dumped.bytes, sha256: dumped.sha256,
                                      durationSeconds: Self.seconds(ContinuousClock.now - started),
                                      verificationSeconds: verifySeconds, verified: true,
                                      verification: request.verification.rawValue, tables: tables.count,
                                      rows: tables.reduce(0) { $0 + $1.rows }, blobs: blobs.count, blobsCopied: copied,
                                      prunedBackups: [], prunedBlobs: 0)
            return (report, manifest)
        } catch {
            await inspector.close()
            Counter(label: "fwb_backup_failure_total").increment()
            throw error
        }
    }

    /// Streams the dump into `partial` while counting/checksumming the same snapshot.
    private func dump(_ request: BackupRequest, inspector: DatabaseInspector, options: ClientOptionsFile,
                      partial: URL) async throws -> ([BackupManifest.Table], (bytes: Int64, sha256: String)) {
        let snapshot: ConsistentSnapshot
        do {
            snapshot = try await ConsistentSnapshot.blockCommits(request.database, inspector: inspector, logger: logger)
        } catch {
            throw BackupError.wrap(error, .dumpFailed, reason: "snapshot", "cannot block commits for the snapshot (needs the RELOAD privilege for BACKUP STAGE)")
        }
        let pipeline: DumpPipeline
        do {
            try await snapshot.open()
            pipeline = try DumpPipeline(database: request.database.database, options: options,
                                        compression: request.compression, partialURL: partial)
        } catch {
            await snapshot.release()
            throw BackupError.wrap(error, .dumpFailed, reason: "snapshot", "cannot open the snapshot or start mariadb-dump")
        }
        let progress = self.progress
        let estimate = (try? latestManifest(BackupDirectory(url: request.backupDirectory)))??.size
        let pump = Task { try await runBlocking("fwb-dump") { try pipeline.pump(progress: progress, estimatedTotal: estimate, crashTestPause: crashTestPause, logger: logger) } }
        do {
            try await snapshot.waitForDumpThenRelease(dumpReady: { pipeline.snapshotTaken }, dumpRunning: { pipeline.dumpIsRunning })
            progress.event("snapshot_synchronized")
            let tables = try await snapshot.measure()
            progress.event("tables_measured", ["tables": String(tables.count)])
            let dumped = try await pump.value
            return (tables, dumped)
        } catch {
            await snapshot.release()
            _ = try? await runBlocking("fwb-cancel") { pipeline.cancel() }
            _ = try? await pump.value
            throw BackupError.wrap(error, .dumpFailed, reason: "snapshot", "dump snapshot bookkeeping failed")
        }
    }

    /// A name not yet used in the directory (waits for the next second on a collision, at most 3 times).
    private func freshName(directory: BackupDirectory, compression: Compression) throws -> String {
        for attempt in 0..<3 {
            let name = BackupNaming.name(for: clock.now(), compression: compression)
            let taken = FileManager.default.fileExists(atPath: directory.fileURL(name).path)
                || FileManager.default.fileExists(atPath: directory.manifestURL(name).path)
            if !taken { return name }
            if attempt < 2 { Thread.sleep(forTimeInterval: 1.05) }
        }
        throw BackupError(.ioFailed, reason: "name_taken", "a backup with this second's name already exists")
    }

    /// The newest backup's manifest (for incremental blob hashing).
    private func latestManifest(_ directory: BackupDirectory) throws -> BackupManifest? {
        for entry in try directory.list() where entry.verified { return try directory.manifest(for: entry.name) }
        return nil
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
