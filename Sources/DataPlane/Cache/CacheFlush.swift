import Logging
import Redis

/// Cache maintenance the data plane's key layout calls for after the database changed underneath it.
public enum CacheFlush {
    /// After a restore swapped the tables, cached metadata and sessions may describe rows that no
    /// longer exist (or miss rows that came back): deletes every `file:meta:*`, `session:token:*` and
    /// `file:list:*` key (SCAN + UNLINK, in batches) and bumps every `file:listgen:*` generation (so a
    /// list page read before the swap cannot be stored afterwards), so replicas re-read MariaDB.
    /// Returns how many keys were removed or bumped.
    public static func afterRestore(redisURL: String, logger: Logger) async throws -> Int {
        let pool = RedisPool(configuration: try RedisConfiguration(url: redisURL), maxConnections: 1, logger: logger)
        var removed = 0
        for pattern in ["file:meta:*", "session:token:*", "file:list:*", "file:listgen:*"] {
            let bump = pattern == "file:listgen:*"
            var cursor = "0"
            repeat {
                let reply = try await pool.execute(RedisCommand("SCAN", [RedisArgument(cursor), "MATCH", RedisArgument(pattern), "COUNT", "1000"]))
                guard case .array(let parts) = reply, parts.count == 2, let next = parts[0].string, case .array(let keys) = parts[1] else {
                    throw RedisError(kind: .protocolError, message: "unexpected SCAN reply")
                }
                let names = keys.compactMap(\.bytes).map(RedisArgument.init)
                if bump {
                    _ = try await pool.pipeline(names.map { RedisCommand("INCR", [$0]) })
                } else if !names.isEmpty {
                    _ = try await pool.execute(RedisCommand("UNLINK", names))
                }
                removed += names.count
                cursor = next
            } while cursor != "0"
        }
        await pool.shutdown()
        logger.info("cache flushed after restore", metadata: ["cache.removed": "\(removed)"])
        return removed
    }
}
