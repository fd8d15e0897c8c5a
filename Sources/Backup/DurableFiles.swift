import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// fsync, atomic replace and directory locks: the file-system guarantees the engine relies on.
enum DurableFiles {
    /// fsyncs the directory itself so a rename inside it survives a crash.
    static func syncDirectory(_ directory: URL) throws {
        let fd = open(directory.path, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { throw BackupError.io(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO), "open \(directory.path)") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw BackupError.io(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO), "fsync \(directory.path)") }
    }

    /// Writes `data` to `url` atomically: temp file in the same folder, fsync, rename, fsync folder.
    static func writeAtomically(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        let temp = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp")
        do {
            guard FileManager.default.createFile(atPath: temp.path, contents: nil) else {
                throw BackupError(.ioFailed, reason: "create", "cannot create \(temp.path)")
            }
            let handle = try FileHandle(forWritingTo: temp)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try renameReplacing(temp, to: url)
            try syncDirectory(directory)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw BackupError.io(error, "write \(url.lastPathComponent)")
        }
    }

    /// rename(2): atomically replaces `destination`.
    static func renameReplacing(_ source: URL, to destination: URL) throws {
        guard rename(source.path, destination.path) == 0 else {
            throw BackupError.io(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO), "rename \(source.lastPathComponent)")
        }
    }

    /// Creates a folder (and parents) if missing.
    static func ensureDirectory(_ url: URL) throws {
        do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
            throw BackupError.io(error, "create \(url.path)")
        }
    }

    /// Sets FD_CLOEXEC so children spawned later do not inherit this descriptor.
    static func setCloseOnExec(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFD)
        if flags >= 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
    }
}

/// An exclusive `flock` on `<backup-dir>/.fwb.lock`, held while a backup or restore runs; released on exit
/// (also when the process is killed).
final class DirectoryLock: Sendable {
    private let fd: Int32

    /// Takes the lock without waiting; throws `busy` when another run holds it.
    init(directory: URL) throws {
        let path = directory.appendingPathComponent(".fwb.lock").path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw BackupError(.ioFailed, reason: "lock", "cannot open \(path)") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw BackupError(.busy, reason: "locked", "another backup or restore is running on \(directory.path)")
        }
        self.fd = fd
    }

    /// Releases the lock.
    func release() { _ = flock(fd, LOCK_UN); close(fd) }
}
