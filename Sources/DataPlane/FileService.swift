import Foundation
import Logging
import MariaDB
import Redis

/// Everything a request handler needs, shared by all requests of one `serve` process.
final class FileService: Sendable {
    let configuration: ServeConfiguration
    let pool: MariaDBPool
    let cache: CacheLayer
    let blobs: BlobStore
    let hasher: PasswordHasher
    let files: FileStore
    let users: UserStore
    let sessions: SessionStore
    let maintenance: MaintenanceGate
    let logger: Logger

    init(configuration: ServeConfiguration, pool: MariaDBPool, redis: RedisClient?, hasher: PasswordHasher, logger: Logger) {
        self.configuration = configuration
        self.pool = pool
        self.cache = CacheLayer(redis: redis, logger: logger)
        self.blobs = BlobStore(root: configuration.blobDirectory, logger: logger)
        self.hasher = hasher
        self.files = FileStore(pool: pool)
        self.users = UserStore(pool: pool)
        self.sessions = SessionStore(pool: pool, cache: cache, ttlSeconds: configuration.sessionTTLSeconds, logger: logger)
        self.maintenance = MaintenanceGate(pool: pool)
        self.logger = logger
    }

    /// The session for a request (one cache round trip, MariaDB on a miss); 401 when there is none.
    func authenticate(tokenHash: String, cached: CacheRead) async throws -> Session {
        guard let session = try await withStorage({ try await sessions.resolve(tokenHash: tokenHash, cached: cached) }) else {
            throw APIError.unauthorized
        }
        return session
    }

    /// Session and file metadata in ONE pipelined Redis round trip, each falling back to MariaDB.
    /// Another user's file is reported exactly like a missing one.
    func sessionAndFile(tokenHash: String, fileID: String) async throws -> (Session, CachedFileMeta) {
        let reads = await cache.read([sessions.cacheReadCommand(tokenHash: tokenHash), .get(CachePolicy.fileMetaKey(fileID))])
        let session = try await authenticate(tokenHash: tokenHash, cached: reads[0])
        if case .hit(let bytes) = reads[1], let meta = CachedFileMeta(bytes) {
            guard meta.ownerID == session.user.id else { throw APIError.fileNotFound }
            return (session, meta)
        }
        guard let record = try await withStorage({ try await files.find(id: fileID) }) else { throw APIError.fileNotFound }
        if case .miss = reads[1] {
            await cache.store(CachePolicy.fileMetaKey(fileID), record.cacheValue, ttlSeconds: CachePolicy.fileMetaTTLSeconds)
        }
        guard record.ownerID == session.user.id else { throw APIError.fileNotFound }
        return (session, CachedFileMeta(record))
    }

    /// Makes a received blob a visible file: under the blob lock, rename it into place, then INSERT
    /// the row. On failure the temp file is removed and the error (503 when MariaDB is down) rethrown.
    func commit(_ received: ReceivedBlob, as draft: FileRecord) async throws -> FileRecord {
        let blobs = self.blobs
        do {
            return try await withStorage {
                try await pool.withConnection { connection in
                    try await BlobLock.with(sha256: received.sha256, on: connection) {
                        try await blobs.commit(received)
                        return try await FileStore.insert(draft, on: connection)
                    }
                }
            }
        } catch {
            blobs.discard(received)
            throw error
        }
    }

    /// After an upload committed: no replica may serve a list page without the new file. When neither
    /// Redis nor MariaDB can take the invalidation the upload still stands; cached pages then expire
    /// within `CachePolicy.fileListTTLSeconds`.
    func listChanged(owner: UInt64) async {
        do {
            try await CacheInvalidator.invalidate(CachePolicy.fileListKeys(owner), cache: cache, pool: pool)
        } catch {
            logger.error("list cache invalidation lost", metadata: ["user.id": "\(owner)", "error": "\(error)"])
        }
    }

    /// Just the session (one cache round trip).
    func session(tokenHash: String) async throws -> Session {
        let reads = await cache.read([sessions.cacheReadCommand(tokenHash: tokenHash)])
        return try await authenticate(tokenHash: tokenHash, cached: reads[0])
    }
}

/// The maintenance flag a restore sets (`fwb_maintenance`, one row with id 1 and an expiry): while it
/// is set, every write answers 503 `maintenance` so nothing writes into tables being swapped.
struct MaintenanceGate: Sendable {
    let pool: MariaDBPool

    /// Throws 503 `maintenance` while a non-expired flag exists.
    func checkWritable() async throws {
        let rows = try await withStorage {
            try await pool.query("SELECT reason FROM fwb_maintenance WHERE id = 1 AND expires_at > UTC_TIMESTAMP(6)")
        }
        if let row = rows.first {
            var error = APIError.maintenance
            if let reason = try? row.decode(0, as: String.self) {
                error = APIError(.serviceUnavailable, "maintenance", "writes are paused: \(reason)")
                error.headers[.retryAfter] = "5"
            }
            throw error
        }
    }
}
