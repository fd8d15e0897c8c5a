import Crypto
import Foundation
import NIOCore
import _NIOFileSystem

/// Resumable uploads: `tmp/resumable-<id>.part`, appended to by PATCH requests.
extension BlobStore {
    func resumablePath(_ id: String) -> String { temporaryDirectory + "/resumable-\(id).part" }

    /// Creates the empty part file.
    func createResumable(_ id: String) async throws {
        try await fileSystem.withFileHandle(
            forWritingAt: FilePath(resumablePath(id)), options: Self.explicitNewFile
        ) { handle in try await handle.synchronize() }
    }

    /// Appends `body` at `offset` (cutting off anything past it first), at most `maxBytes`, then
    /// fsyncs. Returns the bytes appended. An exclusive `flock` refuses a concurrent append (409).
    func appendResumable<Body: AsyncSequence & Sendable>(_ id: String, body: Body, offset: Int64, maxBytes: Int64) async throws -> Int64
    where Body.Element == ByteBuffer {
        try await fileSystem.withFileHandle(forWritingAt: FilePath(resumablePath(id)), options: .modifyFile(createIfNecessary: false)) { handle in
            let locked = try await handle.withUnsafeDescriptor { descriptor in flock(descriptor.rawValue, LOCK_EX | LOCK_NB) == 0 }
            guard locked else { throw APIError(.conflict, "upload_busy", "another request is appending to this upload") }
            try await handle.resize(to: .bytes(offset))
            var written: Int64 = 0
            var writer = ChunkWriter(handle: handle, offset: offset)
            for try await chunk in body {
                written += Int64(chunk.readableBytes)
                if written > maxBytes {
                    throw APIError(.contentTooLarge, "payload_too_large", "the body goes past Upload-Length")
                }
                try await writer.write(chunk)
            }
            try await writer.flush()
            try await handle.synchronize()
            return written
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
