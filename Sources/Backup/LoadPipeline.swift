import Foundation

/// Streams a backup file through this process (sha256, progress against the known size) into the
/// decompressor and on into a consumer: `mariadb DB` (load) or nothing (framing test only).
enum LoadPipeline {
    /// What to do with the decompressed SQL.
    enum Sink: Sendable {
        /// Load it into this database with the `mariadb` client.
        case database(String)
        /// Only test the compression framing (`gzip -t`); for `none`, only hash.
        case frameTest
    }

    /// What came out: the file's sha256 (always over the whole file) and any child failures.
    struct Outcome: Sendable {
        /// sha256 hex of the file.
        var sha256: String
        /// One line per child that exited non-zero.
        var failures: [String]
    }

    /// Runs the pipeline to completion (blocking; call via `runBlocking`).
    static func run(file: URL, compression: Compression, sink: Sink, options: ClientOptionsFile,
                    progress: ProgressReporter, phase: String) throws -> Outcome {
        let input: FileHandle
        do { input = try FileHandle(forReadingFrom: file) } catch { throw BackupError.io(error, "open \(file.lastPathComponent)") }
        defer { try? input.close() }
        let total = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.int64Value

        var children: [ChildProcess] = []
        let feed = makeChildPipe()
        switch sink {
        case .frameTest:
            if let command = compression.testCommand {
                children.append(try ChildProcess(command, workDirectory: options.directory, stdin: feed, stdout: nil))
            }
        case .database(let name):
            let client = ["mariadb", options.argument, "--batch", "--default-character-set=utf8mb4", "--", name]
            if let command = compression.decompressCommand {
                let sql = makeChildPipe()
                children.append(try ChildProcess(command, workDirectory: options.directory, stdin: feed, stdout: sql))
                children.append(try ChildProcess(client, workDirectory: options.directory, stdin: sql, stdout: nil))
            } else {
                children.append(try ChildProcess(client, workDirectory: options.directory, stdin: feed, stdout: nil))
            }
        }
        for child in children { try child.start() }
        let writer: FileHandle? = children.isEmpty ? nil : feed.fileHandleForWriting
        try? feed.fileHandleForReading.close()

        var copyError: (any Error)?
        var digest = ""
        do {
            digest = try StreamPump.copy(from: input, to: writer, what: phase, keepHashingOnWriteFailure: true, onChunk: { bytes in
                progress.update(phase: phase, bytes: bytes, total: total)
            }).sha256
        } catch { copyError = error }
        try? feed.fileHandleForWriting.close()
        var failures: [String] = []
        for child in children {
            let status = child.waitBlocking()
            if status != 0 { failures.append("\(child.name) exited \(status): \(child.stderrTail)") }
        }
        if let copyError { throw copyError }
        return Outcome(sha256: digest, failures: failures)
    }
}
