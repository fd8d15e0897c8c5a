import Foundation
import Logging
import MariaDB
import PasswordHashing
import Redis
import Synchronization

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
            await cache.store(CachePolicy.fileMetaKey(fileID), record.cacheValue, ttlSeconds: configuration.fileMetadataTTLSeconds)
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
                    try await BlobLock.with(sha256: received.sha256, on: connection) { database in
                        try blobs.commit(received)
                        return try FileStore.insert(draft, in: database)
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
    /// within `CachePolicy.fileListTTLSeconds`. `storing` (the new file's metadata) is cached in the
    /// same Redis round trip.
    func listChanged(owner: UInt64, storing entry: CacheEntry? = nil) async {
        do {
            try await CacheInvalidator.invalidate(CachePolicy.fileListKeys(owner), storing: entry, cache: cache, pool: pool)
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
///
/// Writes that take the blob lock (upload, delete) are checked authoritatively in the same round trip
/// that takes the lock (`BlobLock`), right before they touch the tables; before reading a body they only
/// `precheck`, which reuses a "writable" answer for up to a second. Other writes `check` every time.
final class MaintenanceGate: Sendable {
    /// The flag's reason when it is set (empty when it has none); no row when writes are allowed.
    static let flagQuery = "SELECT COALESCE(reason, '') FROM fwb_maintenance WHERE id = 1 AND expires_at > UTC_TIMESTAMP(6)"
    /// How long `precheck` reuses a "writable" answer. A "paused" answer is never reused, so writes
    /// resume as soon as the flag is cleared.
    static let writableReuseNanoseconds: UInt64 = 1_000_000_000

    let pool: MariaDBPool
    private let writableUntil = Atomic<UInt64>(0)

    init(pool: MariaDBPool) {
        self.pool = pool
    }

    /// Throws 503 `maintenance` while a non-expired flag exists.
    func check() async throws {
        let rows = try await withStorage { try await pool.query(Self.flagQuery) }
        if let row = rows.first { throw Self.paused(reason: try? row.decode(0, as: String.self)) }
        writableUntil.store(DispatchTime.now().uptimeNanoseconds + Self.writableReuseNanoseconds, ordering: .relaxed)
    }

    /// A fast refusal before a body is read, for writes checked again under the blob lock: no query
    /// when the flag was seen clear less than a second ago.
    func precheck() async throws {
        if DispatchTime.now().uptimeNanoseconds < writableUntil.load(ordering: .relaxed) { return }
        try await check()
    }

    /// The 503 for a set flag, with its reason when it has one.
    static func paused(reason: String?) -> APIError {
        guard let reason, !reason.isEmpty else { return APIError.maintenance }
        var error = APIError(.serviceUnavailable, "maintenance", "writes are paused: \(reason)")
        error.headers[.retryAfter] = "5"
        return error
    }
}
