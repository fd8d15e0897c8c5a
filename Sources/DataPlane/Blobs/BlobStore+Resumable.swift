import Crypto
import Foundation
import NIOCore
import NIOPosix
import _NIOFileSystem

/// Resumable uploads: `tmp/resumable-<id>.part`, appended to by PATCH requests.
extension BlobStore {
    func resumablePath(_ id: String) -> String { temporaryDirectory + "/resumable-\(id).part" }

    /// Creates the empty part file, durably (the file and its directory entry are fsynced).
    func createResumable(_ id: String) async throws {
        let (path, directory) = (resumablePath(id), temporaryDirectory)
        try await NIOThreadPool.singleton.runIfActive {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw BlobError.io("create resumable upload file", errno) }
            let file = OpenBlobFile(descriptor: descriptor, path: path)
            defer { file.close() }
            guard fsync(descriptor) == 0 else { throw BlobError.io("fsync resumable upload file", errno) }
            try Self.fsyncDirectory(directory)
        }
    }

    /// Appends `body` at `offset` (cutting off anything past it first), at most `maxBytes`, then
    /// fsyncs. Returns the bytes appended. An exclusive `flock` refuses a concurrent append (409).
    /// A failure half-way leaves bytes past `offset` that the next append cuts off.
    func appendResumable<Body: AsyncSequence & Sendable>(_ id: String, body: Body, offset: Int64, maxBytes: Int64) async throws -> Int64
    where Body.Element == ByteBuffer {
        let path = resumablePath(id)
        var writer = BlobFileWriter(offset: offset) {
            let descriptor = open(path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                if errno == ENOENT { throw APIError(.notFound, "upload_not_found", "the upload's received bytes are gone") }
                throw BlobError.io("open resumable upload file", errno)
            }
            let file = OpenBlobFile(descriptor: descriptor, path: path)
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                file.close()
                throw APIError(.conflict, "upload_busy", "another request is appending to this upload")
            }
            guard ftruncate(descriptor, off_t(offset)) == 0 else {
                file.close()
                throw BlobError.io("truncate resumable upload file", errno)
            }
            return file
        }
        do {
            var written: Int64 = 0
            for try await chunk in body {
                written += Int64(chunk.readableBytes)
                if written > maxBytes {
                    throw APIError(.contentTooLarge, "payload_too_large", "the body goes past Upload-Length")
                }
                try await writer.write(chunk)
            }
            let file = try await writer.finish()
            try await NIOThreadPool.singleton.runIfActive {
                defer { file.close() }
                guard fsync(file.descriptor) == 0 else { throw BlobError.io("fsync resumable upload file", errno) }
            }
            return written
        } catch {
            _ = writer.close()
            throw error
        }
    }

    /// Hashes the finished part file (streaming) so it can be committed like a normal upload.
    func finishResumable(_ id: String) async throws -> ReceivedBlob {
        let path = resumablePath(id)
        return try await fileSystem.withFileHandle(forReadingAt: FilePath(path)) { handle in
            var hasher = SHA256()
            var size: Int64 = 0
            for try await chunk in handle.readChunks(chunkLength: .kibibytes(512)) {
                size += Int64(chunk.readableBytes)
                chunk.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
            }
            // Every append was fsynced before its 204.
            return ReceivedBlob(temporaryPath: path, size: size, sha256: hex(hasher.finalize()), durable: true)
        }
    }

    /// Removes the part file.
    func removeResumable(_ id: String) {
        try? FileManager.default.removeItem(atPath: resumablePath(id))
    }
}
