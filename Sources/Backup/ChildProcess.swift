import Foundation

/// A child process started from a fixed argument vector (never a shell), stderr captured to a file.
// Safety: every stored property is a constant; the Process is configured in init, started once, then only waited on or signalled.
final class ChildProcess: @unchecked Sendable {
    let name: String
    let process = Process()
    private let stderrURL: URL

    /// Prepares `arguments[0]` (looked up in PATH) with `arguments[1...]`; stdin/stdout as given.
    init(_ arguments: [String], workDirectory: URL, stdin: Any?, stdout: Any?) throws {
        name = arguments.first ?? "?"
        stderrURL = workDirectory.appendingPathComponent("\(name)-\(UUID().uuidString.prefix(6)).stderr")
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil, attributes: [.posixPermissions: 0o600])
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardInput = stdin ?? FileHandle.nullDevice
        process.standardOutput = stdout ?? FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: stderrURL)
    }

    /// Starts it.
    func start() throws {
        do { try process.run() } catch {
            throw BackupError(.internalError, reason: "spawn", "cannot start \(name): \(error)")
        }
        try? (process.standardError as? FileHandle)?.close()
    }

    /// Blocks until it exits; returns the exit status (128+signal when killed).
    func waitBlocking() -> Int32 {
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }

    /// SIGTERM if still running (only this child, by its pid).
    func terminateIfRunning() { if process.isRunning { process.terminate() } }

    /// The last lines it wrote to stderr (bounded), for error messages.
    var stderrTail: String {
        guard let handle = try? FileHandle(forReadingFrom: stderrURL) else { return "" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > 2048 ? size - 2048 : 0)
        let data = (try? handle.readToEnd()) ?? Data()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A pipe whose both ends are close-on-exec in this process (children get only the end dup'ed to 0/1).
func makeChildPipe() -> Pipe {
    let pipe = Pipe()
    DurableFiles.setCloseOnExec(pipe.fileHandleForReading.fileDescriptor)
    DurableFiles.setCloseOnExec(pipe.fileHandleForWriting.fileDescriptor)
    // 1 MiB pipe buffers (F_SETPIPE_SZ) mean fewer, fuller reads; best effort (capped by pipe-max-size).
    _ = fcntl(pipe.fileHandleForWriting.fileDescriptor, 1031, Int32(1 << 20))
    return pipe
}

/// Runs blocking work (pipe I/O, waitpid) on a dedicated thread, never on the cooperative pool.
func runBlocking<T: Sendable>(_ name: String, _ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
        }
        thread.name = name
        thread.start()
    }
}
