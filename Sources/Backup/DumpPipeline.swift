import Foundation
import Logging
import MariaDB
import Synchronization

/// `mariadb-dump` → this process (spots the first line written after the dump's snapshot) → compressor →
/// this process (sha256, byte count, progress) → `<name>.partial`, fsynced.
// Safety: every stored property is a constant (children, FileHandles each read or written by one thread only, a Mutex).
final class DumpPipeline: @unchecked Sendable {
    /// Lines mariadb-dump writes only after `START TRANSACTION WITH CONSISTENT SNAPSHOT` has run.
    static let afterSnapshotMarkers = ["\n-- Table structure for table", "\n-- Dumping events for database",
                                       "\n-- Dumping routines for database", "\n-- Dump completed"].map { Data($0.utf8) }

    private let dump: ChildProcess
    private let compressor: ChildProcess?
    private let output: FileHandle
    private let dumpOut: FileHandle
    private let compressorIn: FileHandle?
    private let compressedOut: FileHandle?
    private let snapshotSeen = Mutex(false)

    /// Spawns the children; the caller then runs `pump` and the snapshot bookkeeping concurrently.
    init(database: String, options: ClientOptionsFile, compression: Compression, partialURL: URL) throws {
        guard FileManager.default.createFile(atPath: partialURL.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw BackupError(.ioFailed, reason: "create", "cannot create \(partialURL.path)")
        }
        output = try FileHandle(forWritingTo: partialURL)
        let arguments = ["mariadb-dump", options.argument, "--single-transaction", "--routines", "--triggers",
                         "--events", "--quick", "--hex-blob", "--default-character-set=utf8mb4",
                         "--ignore-table=\(database).\(DatabaseInspector.maintenanceTable)", "--", database]
        let raw = makeChildPipe()
        dump = try ChildProcess(arguments, workDirectory: options.directory, stdin: nil, stdout: raw)
        try dump.start()
        dumpOut = raw.fileHandleForReading
        if let command = compression.compressCommand {
            let input = makeChildPipe()
            let compressed = makeChildPipe()
            compressor = try ChildProcess(command, workDirectory: options.directory, stdin: input, stdout: compressed)
            try compressor?.start()
            compressorIn = input.fileHandleForWriting
            compressedOut = compressed.fileHandleForReading
        } else {
            compressor = nil
            compressorIn = nil
            compressedOut = nil
        }
    }

    /// True while mariadb-dump runs.
    var dumpIsRunning: Bool { dump.process.isRunning }

    /// True once mariadb-dump has written a line it only writes after opening its snapshot.
    var snapshotTaken: Bool { snapshotSeen.withLock { $0 } }

    /// Streams everything into the partial file, fsyncs it, waits for the children. Blocking.
    func pump(progress: ProgressReporter, estimatedTotal: Int64?, crashTestPause: CrashTestPause?,
              logger: Logger) throws -> (bytes: Int64, sha256: String) {
        defer { try? output.close() }
        let result: (bytes: Int64, sha256: String)
        do {
            if let compressorIn, let compressedOut {
                let feeder = Thread { [self] in
                    _ = try? self.scanAndForward(to: compressorIn, hashRaw: false)
                    try? compressorIn.close()
                }
                feeder.start()
                result = try StreamPump.copy(from: compressedOut, to: output, what: "backup file", onChunk: { total in
                    progress.update(phase: "dump", bytes: total, total: estimatedTotal.map { max($0, total) })
                    crashTestPause?.reachedBlocking("dumping", logger: logger)
                })
                try? compressedOut.close()
            } else {
                result = try scanAndForward(to: output, hashRaw: true, onChunk: { total in
                    progress.update(phase: "dump", bytes: total, total: estimatedTotal.map { max($0, total) })
                    crashTestPause?.reachedBlocking("dumping", logger: logger)
                })
            }
            try? dumpOut.close()
        } catch {
            cancel()
            throw error
        }
        let dumpStatus = dump.waitBlocking()
        let compressStatus = compressor?.waitBlocking() ?? 0
        guard dumpStatus == 0 else {
            throw BackupError(.dumpFailed, reason: "mariadb_dump_exit_\(dumpStatus)", "mariadb-dump failed: \(dump.stderrTail)")
        }
        guard compressStatus == 0 else {
            throw BackupError(.dumpFailed, reason: "compressor_exit_\(compressStatus)", "compressor failed: \(compressor?.stderrTail ?? "")")
        }
        do { try output.synchronize() } catch { throw BackupError.io(error, "fsync backup file") }
        return result
    }

    /// Copies the raw dump to `destination`, watching for the first after-snapshot marker.
    private func scanAndForward(to destination: FileHandle, hashRaw: Bool, onChunk: (Int64) throws -> Void = { _ in }) throws -> (bytes: Int64, sha256: String) {
        var tail = Data()
        return try StreamPump.copy(from: dumpOut, to: destination, what: "dump stream", hashing: hashRaw, inspect: { chunk in
            guard !self.snapshotTaken else { return }
            let window = tail + chunk
            if Self.afterSnapshotMarkers.contains(where: { window.range(of: $0) != nil }) {
                self.snapshotSeen.withLock { $0 = true }
            }
            tail = Data(window.suffix(64))
        }, onChunk: onChunk)
    }

    /// Stops both children (by pid).
    func cancel() {
        dump.terminateIfRunning()
        compressor?.terminateIfRunning()
        try? dumpOut.close()
        try? compressorIn?.close()
        try? compressedOut?.close()
        _ = dump.waitBlocking()
        _ = compressor?.waitBlocking()
    }
}
