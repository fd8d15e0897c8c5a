import Foundation
import Logging
import MariaDB
import Redis

/// The user behind a valid session.
struct Session: Sendable {
    let user: UserRecord
    /// SHA-256 (hex) of the token: the key in MariaDB and Redis.
    let tokenHash: String
    /// When MariaDB's copy expires (the sliding refresh keeps it a day ahead).
    let durableExpiry: Date
}

/// Sessions, durable in MariaDB and cached in Redis under `session:token:{hash}` with a sliding TTL.
///
/// Redis holds `v1|USER_ID|ADMIN|DURABLE_EXPIRY_EPOCH|USERNAME`. When Redis is down, sessions are read
/// from MariaDB, so logged-in users keep working. Logout deletes both copies; when Redis cannot
/// confirm the delete, the key is recorded in `cache_invalidations` and deleted once Redis is back.
struct SessionStore: Sendable {
    let pool: MariaDBPool
    let cache: CacheLayer
    let ttlSeconds: Int
    let logger: Logger

    /// MariaDB's copy is slid once less than this remains: TTL minus an hour for the default day (at most
    /// one UPDATE per session per hour), TTL minus a 24th of it for shorter lifetimes, so the durable
    /// copy of a session used within its TTL never lapses.
    var slideBelowSeconds: TimeInterval { TimeInterval(ttlSeconds - min(3600, ttlSeconds / 24)) }

    /// Starts a session for `user`; returns the token (shown to the client once) and its expiry.
    func create(for user: UserRecord) async throws -> (token: String, expiresAt: Date) {
        let token = SessionToken.generate()
        guard let tokenHash = SessionToken.hash(Substring(token)) else { throw APIError(.internalServerError, "internal", "token generation failed") }
        let expires = Date().addingTimeInterval(TimeInterval(ttlSeconds))
        _ = try await pool.execute(
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, UTC_TIMESTAMP(6), ?)",
            [tokenHash, user.id, expires]
        )
        let session = Session(user: user, tokenHash: tokenHash, durableExpiry: expires)
        await cache.store(CachePolicy.sessionKey(tokenHash: tokenHash), Self.encode(session), ttlSeconds: ttlSeconds)
        return (token, expires)
    }

    /// The Redis command that reads a session and slides its TTL in the same step (GETEX).
    func cacheReadCommand(tokenHash: String) -> RedisCommand {
        RedisCommand("GETEX", [RedisArgument(CachePolicy.sessionKey(tokenHash: tokenHash)), "EX", RedisArgument(ttlSeconds)])
    }

    /// Resolves a session from a cache read (done by the caller, possibly pipelined), falling back to MariaDB.
    func resolve(tokenHash: String, cached: CacheRead) async throws -> Session? {
        if case .hit(let bytes) = cached, let session = Self.decode(bytes, tokenHash: tokenHash) {
            if session.durableExpiry.timeIntervalSinceNow < slideBelowSeconds {
                try await slideDurableExpiry(session)
            }
            return session
        }
        guard let row = try await pool.query(
            """
            SELECT u.id, u.username, u.is_admin, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = ? AND s.expires_at > UTC_TIMESTAMP(6)
            """, [tokenHash]
        ).first else { return nil }
        let user = UserRecord(id: try row.decode(0), username: try row.decode(1), isAdmin: try row.decode(2, as: Int64.self) != 0)
        var session = Session(user: user, tokenHash: tokenHash, durableExpiry: try row.decode(3))
        if session.durableExpiry.timeIntervalSinceNow < slideBelowSeconds {
            session = try await slideDurableExpiry(session)
        }
        if case .miss = cached {
            await cache.store(CachePolicy.sessionKey(tokenHash: tokenHash), Self.encode(session), ttlSeconds: ttlSeconds)
        }
        return session
    }

    /// Ends the session everywhere: MariaDB row first (authoritative), then the Redis copy.
    func revoke(tokenHash: String) async throws {
        _ = try await pool.execute("DELETE FROM sessions WHERE token_hash = ?", [tokenHash])
        try await CacheInvalidator.invalidate([CachePolicy.sessionKey(tokenHash: tokenHash)], cache: cache, pool: pool)
    }

    @discardableResult
    private func slideDurableExpiry(_ session: Session) async throws -> Session {
        let expires = Date().addingTimeInterval(TimeInterval(ttlSeconds))
        _ = try await pool.execute("UPDATE sessions SET expires_at = ? WHERE token_hash = ?", [expires, session.tokenHash])
        let slid = Session(user: session.user, tokenHash: session.tokenHash, durableExpiry: expires)
        await cache.store(CachePolicy.sessionKey(tokenHash: session.tokenHash), Self.encode(slid), ttlSeconds: ttlSeconds)
        return slid
    }

    static func encode(_ session: Session) -> [UInt8] {
        Array("v1|\(session.user.id)|\(session.user.isAdmin ? 1 : 0)|\(Int64(session.durableExpiry.timeIntervalSince1970))|\(session.user.username)".utf8)
    }

    static func decode(_ bytes: [UInt8], tokenHash: String) -> Session? {
        let parts = bytes.split(separator: UInt8(ascii: "|"), maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0].elementsEqual("v1".utf8),
              let id = UInt64(String(decoding: parts[1], as: UTF8.self)),
              let expiry = Int64(String(decoding: parts[3], as: UTF8.self)) else { return nil }
        let user = UserRecord(id: id, username: String(decoding: parts[4], as: UTF8.self), isAdmin: parts[2].elementsEqual("1".utf8))
        return Session(user: user, tokenHash: tokenHash, durableExpiry: Date(timeIntervalSince1970: TimeInterval(expiry)))
    }
}
