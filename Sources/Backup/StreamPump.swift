import Crypto
import Foundation

/// Copies a byte stream in fixed-size chunks (flat memory), hashing and counting as it goes.
enum StreamPump {
    /// Chunk size for every streaming copy.
    static let chunkSize = 1 << 20

    /// Reads `source` to EOF; writes each chunk to `destination` (if any); returns byte count and sha256 hex.
    /// Blocking: call from a dedicated thread. `onChunk` runs after each chunk with the running total.
    /// With `hashing: false` the returned digest is meaningless (pass-through copies).
    /// With `keepHashingOnWriteFailure`, a failed write (e.g. EPIPE from a child that quit) stops writing
    /// but the whole source is still hashed; the write error is then returned in `writeError`.
    static func copy(from source: FileHandle, to destination: FileHandle?, what: String,
                     keepHashingOnWriteFailure: Bool = false,
                     hashing: Bool = true,
                     inspect: (Data) -> Void = { _ in },
                     onChunk: (Int64) throws -> Void = { _ in }) throws -> (bytes: Int64, sha256: String) {
        var destination = destination
        var hasher = SHA256()
        var total: Int64 = 0
        while true {
            let chunk: Data
            do {
                guard let data = try source.read(upToCount: chunkSize), !data.isEmpty else { break }
                chunk = data
            } catch { throw BackupError.io(error, "read \(what)") }
            inspect(chunk)
            if hashing { hasher.update(data: chunk) }
            if let sink = destination {
                do { try sink.write(contentsOf: chunk) } catch {
                    guard keepHashingOnWriteFailure else { throw BackupError.io(error, "write \(what)") }
                    destination = nil
                }
            }
            total += Int64(chunk.count)
            try onChunk(total)
        }
        return (total, hexDigest(hasher.finalize()))
    }

    /// Lowercase hex of a digest.
    static func hexDigest(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
