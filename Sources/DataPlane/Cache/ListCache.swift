import Redis

/// Cached `GET /api/v1/files` pages, per owner, shared by every replica through Redis.
///
/// Layout: `file:list:{owner}` is a hash of rendered pages (field `GEN|CURSOR|LIMIT`, value the exact
/// response body, TTL `CachePolicy.fileListTTLSeconds`); `file:listgen:{owner}` is the owner's list
/// generation. Every upload and delete bumps the generation (INCR) after its row committed and drops
/// the hash. A reader reads the generation and the page in one script call; after a miss it stores
/// the page it built only if the generation is still the one it read before querying MariaDB (checked
/// atomically inside Redis), so a page read before a concurrent write can never be stored as current.
/// The `{owner}` hash tag keeps both keys in one Redis Cluster slot.
enum ListCache {
    /// A lookup's outcome.
    enum Lookup {
        /// The page body, ready to send.
        case hit([UInt8])
        /// No page; store one built from MariaDB under `generation`.
        case miss(generation: [UInt8])
        /// Redis is unreachable: serve from MariaDB, store nothing.
        case unavailable
    }

    /// The hash field naming one page of one generation.
    static func field(cursor: UInt64?, limit: Int) -> String { "\(cursor ?? 0)|\(limit)" }

    /// Reads the generation and, in the same script, the page stored under it.
    static let lookupScript = """
        local gen = redis.call('GET', KEYS[1]) or '0'
        return {gen, redis.call('HGET', KEYS[2], gen .. '|' .. ARGV[1])}
        """

    /// Stores a page only while the generation is unchanged; at most 256 pages per owner.
    static let storeScript = """
        if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then return 0 end
        if redis.call('HLEN', KEYS[2]) >= 256 then return 0 end
        redis.call('HSET', KEYS[2], ARGV[1] .. '|' .. ARGV[2], ARGV[3])
        redis.call('EXPIRE', KEYS[2], ARGV[4])
        return 1
        """

    static func lookup(owner: UInt64, cursor: UInt64?, limit: Int, cache: CacheLayer) async -> Lookup {
        let command = RedisCommand("EVAL", [
            RedisArgument(lookupScript), "2",
            RedisArgument(CachePolicy.fileListGenerationKey(owner)), RedisArgument(CachePolicy.fileListKey(owner)),
            RedisArgument(field(cursor: cursor, limit: limit)),
        ])
        guard case .array(let parts) = await cache.evaluate(command), parts.count == 2, let generation = parts[0].bytes else {
            return .unavailable
        }
        if let page = parts[1].bytes { return .hit(page) }
        return .miss(generation: generation)
    }

    static func store(_ page: [UInt8], owner: UInt64, cursor: UInt64?, limit: Int, generation: [UInt8], cache: CacheLayer) async {
        let command = RedisCommand("EVAL", [
            RedisArgument(storeScript), "2",
            RedisArgument(CachePolicy.fileListGenerationKey(owner)), RedisArgument(CachePolicy.fileListKey(owner)),
            RedisArgument(generation), RedisArgument(field(cursor: cursor, limit: limit)),
            RedisArgument(page), RedisArgument(CachePolicy.fileListTTLSeconds),
        ])
        _ = await cache.evaluate(command)
    }
}
