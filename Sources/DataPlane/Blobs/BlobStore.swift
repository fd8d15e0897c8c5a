import Crypto
import Foundation
import Logging
import NIOCore
import NIOPosix
import _NIOFileSystem
import Glibc

/// An upload received into a temp file, not yet visible anywhere.
struct ReceivedBlob: Sendable {
    let temporaryPath: String
    let size: Int64
    let sha256: String
    /// True when the temp file is fsynced already (a resumable upload's part file); otherwise `commit`
    /// fsyncs it, and only when its content is new.
    var durable = false
    /// The temp file, still open (nil for a resumable upload's part file); `commit` or `discard`
    /// closes it.
    var file: OpenBlobFile? = nil
}

/// Content-addressed file contents on a filesystem (a PersistentVolume in production).
///
/// Layout: `objects/<first two hex>/<sha256>` for contents, `tmp/<host>.<pid>.<uuid>.part` for uploads
/// in flight. Write path and what a crash leaves:
/// 1. stream into `tmp/…part` while hashing — crash: an orphan temp file, removed at the next start;
/// 2. under the caller's blob lock: when a blob with this digest exists, keep it and keep the temp file
///    as a spare that the next upload overwrites (its bytes are already durable in the blob, so the
///    copy is not fsynced); otherwise fsync the temp file, rename it into `objects/` and fsync the
///    directory — crash: a blob nobody references yet (harmless), or a temp file (removed at the next
///    start);
/// 3. the caller commits the metadata row — only now is the file visible.
/// So no metadata row ever points at a missing or unsynced blob.
struct BlobStore: Sendable {
    let root: String
    let logger: Logger
    let fileSystem = FileSystem.shared
    private let spares = SpareTempFiles()
    private static let instancePrefix = "\(ProcessInfo.processInfo.hostName).\(getpid())."

    init(root: String, logger: Logger) {
        self.root = root
        self.logger = logger
    }

    var temporaryDirectory: String { root + "/tmp" }

    /// Where the blob with this digest lives.
    func path(sha256: String) -> String {
        "\(root)/objects/\(sha256.prefix(2))/\(sha256)"
    }

    /// Creates the layout and removes temp files left by crashed processes of this host (and any
    /// temp file untouched for 15 minutes, whatever host wrote it).
    func prepare() throws {
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: root + "/objects", withIntermediateDirectories: true)
            try fm.createDirectory(atPath: temporaryDirectory, withIntermediateDirectories: true)
        } catch {
            throw StartupError.blobDirectory("cannot create \(root): \(error.localizedDescription)")
        }
        guard fm.isWritableFile(atPath: temporaryDirectory) else { throw StartupError.blobDirectory("\(root) is not writable") }
        let host = ProcessInfo.processInfo.hostName + "."
        var removed = 0
        for name in (try? fm.contentsOfDirectory(atPath: temporaryDirectory)) ?? [] {
            let path = temporaryDirectory + "/" + name
            var stale = false
            let modified = (try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            if name.hasPrefix("resumable-") {
                // Paused resumable uploads live for a day (their rows expire then too).
                if let modified, modified.timeIntervalSinceNow < -UploadStore.lifetime, (try? fm.removeItem(atPath: path)) != nil { removed += 1 }
                continue
            }
            if name.hasPrefix(host), let pid = Int32(name.dropFirst(host.count).prefix { $0 != "." }) {
                stale = pid == getpid() || kill(pid, 0) != 0
            }
            if !stale, let modified {
                stale = modified.timeIntervalSinceNow < -900
            }
            if stale, (try? fm.removeItem(atPath: path)) != nil { removed += 1 }
        }
        if removed > 0 { logger.info("removed orphaned upload temp files", metadata: ["blob.removed": "\(removed)"]) }
    }

    /// Streams `body` into a new temp file (or a spare, see `SpareTempFiles`), hashing as it goes;
    /// `commit` makes it durable. Throws `tooLarge` past `limit` bytes; on any failure (including the
    /// client going away) the temp file is removed.
    func receive<Body: AsyncSequence & Sendable>(_ body: Body, limit: Int64, progress: (@Sendable (Int64) async -> Void)? = nil) async throws -> ReceivedBlob where Body.Element == ByteBuffer {
        let spare = spares.take()
        let directory = temporaryDirectory
        var writer = BlobFileWriter { try Self.openTemporary(spare: spare, in: directory) }
        do {
            var hasher = SHA256()
            var size: Int64 = 0
            var nextProgress: Int64 = 8 << 20
            for try await chunk in body {
                size += Int64(chunk.readableBytes)
                if size > limit { throw APIError.tooLarge(limit: limit) }
                chunk.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
                try await writer.write(chunk)
                if let progress, size >= nextProgress {
                    nextProgress = size + (8 << 20)
                    await progress(size)
                }
            }
            let file = try await writer.finish()
            return ReceivedBlob(temporaryPath: file.path, size: size, sha256: hex(hasher.finalize()), file: file)
        } catch {
            // The opened file, or else the spare this upload took (a spare is someone's old temp file).
            if let path = writer.close() ?? spare { unlink(path) }
            throw error
        }
    }

    /// Opens the spare for overwriting, or creates a new temp file in `directory` when there is no
    /// spare or it is gone (another replica's start-up removes temp files idle for 15 minutes). Blocking.
    private static func openTemporary(spare: String?, in directory: String) throws -> OpenBlobFile {
        if let spare {
            let descriptor = open(spare, O_WRONLY | O_CLOEXEC)
            if descriptor >= 0 { return OpenBlobFile(descriptor: descriptor, path: spare) }
            guard errno == ENOENT else { throw BlobError.io("open spare upload temp file", errno) }
        }
        // A new, named file (not O_TMPFILE): the name carries host and pid so start-up cleanup can
        // tell a crashed process's leftovers from a live upload's file.
        let freshPath = directory + "/" + instancePrefix + RandomID.uuidString() + ".part"
        let descriptor = open(freshPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw BlobError.io("create upload temp file", errno) }
        return OpenBlobFile(descriptor: descriptor, path: freshPath)
    }

    /// Moves a received blob to its content address and fsyncs the directory so the rename survives a
    /// crash; an identical existing blob is kept instead (see the type's notes).
    /// Blocking: the caller runs it on its MariaDB connection's thread while it holds the blob lock for
    /// `blob.sha256` (`BlobLock`).
    func commit(_ blob: ReceivedBlob) throws {
        let destination = path(sha256: blob.sha256)
        let directory = String(destination.prefix(upTo: destination.lastIndex(of: "/") ?? destination.endIndex))
        defer { blob.file?.close() }
        var status = stat()
        if stat(destination, &status) == 0 {
            blob.file?.close()
            if blob.temporaryPath.hasPrefix(temporaryDirectory + "/" + Self.instancePrefix) {
                spares.recycle(blob.temporaryPath, size: blob.size)
            } else {
                // A finished resumable upload's part file: named by its upload id, never reused.
                unlink(blob.temporaryPath)
            }
            return
        }
        if !blob.durable { try Self.makeDurable(blob) }
        blob.file?.close()
        var renamed = rename(blob.temporaryPath, destination) == 0
        if !renamed, errno == ENOENT {
            // The first blob under this two-hex-digit prefix: the new directory's own entry is
            // made durable too.
            guard mkdir(directory, 0o755) == 0 || errno == EEXIST else { throw BlobError.io("mkdir \(directory)", errno) }
            try Self.fsyncDirectory(root + "/objects")
            renamed = rename(blob.temporaryPath, destination) == 0
        }
        guard renamed else { throw BlobError.io("rename into \(directory)", errno) }
        try Self.fsyncDirectory(directory)
    }

    /// fsyncs a directory, so the names just made in it survive a crash. Blocking.
    static func fsyncDirectory(_ directory: String) throws {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw BlobError.io("open \(directory)", errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw BlobError.io("fsync \(directory)", errno) }
    }

    /// Cuts the temp file to the upload's size (a reused spare can be longer), fsyncs it, then drops its
    /// now clean pages from the page cache. Blocking.
    ///
    /// Why drop them: an upload is written once and may never be read, and keeping it cached makes
    /// every upload take fresh memory for the page cache, then pushes out the blobs downloads are
    /// reading. Dropped pages go straight back to the next upload. On the build machines (VMs that hand
    /// free memory back to the host) taking fresh pages was most of an upload's cost: writing 1 MiB
    /// into new page-cache pages took 1.8-3.3 ms of CPU, against ~0.2 ms into recycled ones (measured
    /// with 800 x 1 MiB files each way). A download of a new blob reads it from disk once.
    private static func makeDurable(_ blob: ReceivedBlob) throws {
        guard let file = blob.file else { throw BlobError.io("upload temp file already closed", EBADF) }
        guard ftruncate(file.descriptor, off_t(blob.size)) == 0 else { throw BlobError.io("truncate upload temp file", errno) }
        guard fsync(file.descriptor) == 0 else { throw BlobError.io("fsync upload temp file", errno) }
        _ = posix_fadvise(file.descriptor, 0, 0, Int32(POSIX_FADV_DONTNEED))
    }

    /// Removes a temp file (an upload that was not committed).
    func discard(_ blob: ReceivedBlob) {
        blob.file?.close()
        unlink(blob.temporaryPath)
    }

    /// Deletes the blob with this digest (callers hold the blob lock and know no row references it).
    /// Blocking, like `commit`.
    func remove(sha256: String) {
        unlink(path(sha256: sha256))
    }

    /// True when the blob exists.
    func exists(sha256: String) -> Bool { FileManager.default.fileExists(atPath: path(sha256: sha256)) }
}

/// A filesystem failure in the blob store.
enum BlobError: Error, CustomStringConvertible {
    case io(String, Int32)

    var description: String {
        switch self {
        case .io(let what, let code): "\(what): \(String(cString: strerror(code)))"
        }
    }
}
