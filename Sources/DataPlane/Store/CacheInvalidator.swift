import Foundation
import Logging
import MariaDB

/// Makes cache invalidations survive a Redis outage.
///
/// A delete that Redis cannot confirm is recorded in MariaDB (`cache_invalidations`); every replica
/// retries the recorded keys in the background and removes each row once Redis confirmed the delete.
/// Until then the stale entry cannot be read anyway while Redis is unreachable; the window left is a
/// Redis that is reachable from some replicas and not from others (documented in docs/data-plane.md).
enum CacheInvalidator {
    /// Deletes `keys` from the cache, or records them for a later retry; `storing` is cached in the
    /// same Redis round trip (see `CacheLayer.invalidate`).
    static func invalidate(_ keys: [String], storing entry: CacheEntry? = nil, cache: CacheLayer, pool: MariaDBPool) async throws {
        if await cache.invalidate(keys, storing: entry) { return }
        for key in keys {
            _ = try await pool.execute(
                "INSERT INTO cache_invalidations (cache_key, created_at) VALUES (?, UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE created_at = VALUES(created_at)",
                [key]
            )
        }
    }

    /// Retries recorded invalidations; returns how many were completed.
    static func drain(cache: CacheLayer, pool: MariaDBPool) async throws -> Int {
        let rows = try await pool.query("SELECT cache_key FROM cache_invalidations ORDER BY created_at LIMIT 500")
        let keys = try rows.map { try $0.decode(0, as: String.self) }
        guard !keys.isEmpty, await cache.invalidate(keys) else { return 0 }
        for key in keys {
            _ = try await pool.execute("DELETE FROM cache_invalidations WHERE cache_key = ?", [key])
        }
        return keys.count
    }
}
