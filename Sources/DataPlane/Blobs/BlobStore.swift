import Crypto
import Foundation
import Logging
import NIOCore
import NIOPosix
import _NIOFileSystem

/// An upload received into a temp file, not yet visible anywhere.
struct ReceivedBlob: Sendable {
    let temporaryPath: String
    let size: Int64
    let sha256: String
    /// True when the temp file is fsynced already (a resumable upload's part file); otherwise `commit`
    /// fsyncs it, and only when its content is new.
    var durable = false
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

    /// A new, named file (not NIO's transactional O_TMPFILE creation): the name carries host and pid so
    /// start-up cleanup can tell a crashed process's leftovers from a live upload's file.
    static let explicitNewFile = OpenOptions.Write(
        existingFile: .none, newFile: .init(permissions: [.ownerReadWrite], transactionalCreation: false)
    )

    /// A spare temp file (see `SpareTempFiles`): it must exist; it is overwritten from the start and cut
    /// to the new size before the fsync.
    static let reusedFile = OpenOptions.Write(existingFile: .open, newFile: nil)

    /// Streams `body` into a new temp file, hashing as it goes (`commit` makes it durable). Throws
    /// `tooLarge` past `limit` bytes; on any failure (including the client going away) the temp file is
    /// removed.
    func receive<Body: AsyncSequence & Sendable>(_ body: Body, limit: Int64, progress: (@Sendable (Int64) async -> Void)? = nil) async throws -> ReceivedBlob where Body.Element == ByteBuffer {
        try await receive(body, limit: limit, progress: progress, spare: spares.take())
    }

    private func receive<Body: AsyncSequence & Sendable>(
        _ body: Body, limit: Int64, progress: (@Sendable (Int64) async -> Void)?, spare: String?
    ) async throws -> ReceivedBlob where Body.Element == ByteBuffer {
        let path = spare ?? (temporaryDirectory + "/" + Self.instancePrefix + UUID().uuidString + ".part")
        do {
            let (size, digest) = try await fileSystem.withFileHandle(
                forWritingAt: FilePath(path), options: spare == nil ? Self.explicitNewFile : Self.reusedFile
            ) { handle in
                var hasher = SHA256()
                var size: Int64 = 0
                var nextProgress: Int64 = 8 << 20
                var writer = ChunkWriter(handle: handle)
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
                try await writer.flush()
                return (size, hasher.finalize())
            }
            return ReceivedBlob(temporaryPath: path, size: size, sha256: hex(digest))
        } catch let error as FileSystemError where error.code == .notFound && spare != nil {
            // The spare is gone (another replica's start-up removes temp files idle for 15 minutes):
            // nothing of the body was read yet, so start over with a new file.
            return try await receive(body, limit: limit, progress: progress, spare: nil)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    /// Moves a received blob to its content address and fsyncs the directory so the rename survives a
    /// crash; an identical existing blob is kept instead (see the type's notes). All in one trip to the
    /// I/O thread pool. The caller holds the blob lock for `blob.sha256`.
    func commit(_ blob: ReceivedBlob) async throws {
        let destination = path(sha256: blob.sha256)
        let directory = String(destination.prefix(upTo: destination.lastIndex(of: "/") ?? destination.endIndex))
        try await NIOThreadPool.singleton.runIfActive {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: destination) {
                if blob.temporaryPath.hasPrefix(temporaryDirectory + "/" + Self.instancePrefix) {
                    spares.recycle(blob.temporaryPath, size: blob.size)
                } else {
                    // A finished resumable upload's part file: named by its upload id, never reused.
                    unlink(blob.temporaryPath)
                }
                return
            }
            if !blob.durable { try Self.makeDurable(blob) }
            guard rename(blob.temporaryPath, destination) == 0 else {
                throw BlobError.io("rename into \(directory)", errno)
            }
            let fd = open(directory, O_RDONLY | O_DIRECTORY)
            if fd >= 0 {
                defer { close(fd) }
                guard fsync(fd) == 0 else { throw BlobError.io("fsync \(directory)", errno) }
            }
        }
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
        let fd = open(blob.temporaryPath, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw BlobError.io("open upload temp file", errno) }
        defer { close(fd) }
        guard ftruncate(fd, off_t(blob.size)) == 0 else { throw BlobError.io("truncate upload temp file", errno) }
        guard fsync(fd) == 0 else { throw BlobError.io("fsync upload temp file", errno) }
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_DONTNEED))
    }

    /// Removes a temp file (an upload that was not committed).
    func discard(_ blob: ReceivedBlob) {
        try? FileManager.default.removeItem(atPath: blob.temporaryPath)
    }

    /// Deletes the blob with this digest (callers hold the blob lock and know no row references it).
    func remove(sha256: String) async {
        let target = path(sha256: sha256)
        _ = try? await NIOThreadPool.singleton.runIfActive { unlink(target) }
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
