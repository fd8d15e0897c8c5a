import Logging
import Metrics
import Redis
import Synchronization

/// The outcome of one cache read.
enum CacheRead: Sendable {
    /// The key holds this value.
    case hit([UInt8])
    /// The key is absent.
    case miss
    /// Redis is not configured or not reachable: the caller falls back to MariaDB.
    case unavailable
}

/// Redis as an optional cache: every call degrades to `unavailable`/no-op when Redis is down, so the
/// file service keeps answering from MariaDB; the pool reconnects by itself when Redis returns.
final class CacheLayer: Sendable {
    private let redis: RedisClient?
    private let logger: Logger
    private let counters = Mutex(Counters())
    private let hitCounter = Counter(label: "fwb_cache_hits_total")
    private let missCounter = Counter(label: "fwb_cache_misses_total")
    private let errorCounter = Counter(label: "fwb_cache_errors_total")

    private struct Counters { var hits: Int64 = 0, misses: Int64 = 0 }

    init(redis: RedisClient?, logger: Logger) {
        self.redis = redis
        self.logger = logger
    }

    /// Whether a Redis URL was configured at all.
    var isConfigured: Bool { redis != nil }

    /// Hits and misses counted by this process since start.
    var hitsAndMisses: (hits: Int64, misses: Int64) {
        counters.withLock { ($0.hits, $0.misses) }
    }

    /// Runs the reads in ONE round trip (pipelined). Each command's reply maps to a `CacheRead`.
    func read(_ commands: [RedisCommand]) async -> [CacheRead] {
        guard let redis else { return Array(repeating: .unavailable, count: commands.count) }
        do {
            let replies = try await redis.pipeline(commands)
            var hits: Int64 = 0, misses: Int64 = 0
            let reads: [CacheRead] = replies.map { reply in
                if let bytes = reply.bytes { hits += 1; return .hit(bytes) }
                if case .null = reply { misses += 1; return .miss }
                return .unavailable
            }
            record(hits: hits, misses: misses)
            return reads
        } catch {
            noteFailure(error)
            return Array(repeating: .unavailable, count: commands.count)
        }
    }

    /// Stores `value` under `key` with a TTL; failures are logged and counted, never thrown.
    func store(_ key: String, _ value: [UInt8], ttlSeconds: Int) async {
        guard let redis else { return }
        do {
            _ = try await redis.execute(.set(key, value, expireSeconds: ttlSeconds))
        } catch {
            noteFailure(error)
        }
    }

    /// Invalidates keys: list generations are bumped (INCR), everything else deleted, in one round
    /// trip. False when Redis could not confirm it (the caller then queues the invalidation).
    /// `storing`, when given, is SET first in the same round trip (an upload caches its new file's
    /// metadata and bumps its owner's list generation at once); its failure is only logged, like `store`.
    func invalidate(_ keys: [String], storing entry: CacheEntry? = nil) async -> Bool {
        guard let redis else { return true }
        let generations = keys.filter { $0.hasPrefix(CachePolicy.fileListGenerationPrefix) }
        let others = keys.filter { !$0.hasPrefix(CachePolicy.fileListGenerationPrefix) }
        var commands = entry.map { [RedisCommand.set($0.key, $0.value, expireSeconds: $0.ttlSeconds)] } ?? []
        commands += generations.map { RedisCommand("INCR", [RedisArgument($0)]) }
        if !others.isEmpty { commands.append(.del(others)) }
        guard !commands.isEmpty else { return true }
        do {
            let replies = try await redis.pipeline(commands)
            let invalidations = replies.dropFirst(entry == nil ? 0 : 1)
            return !invalidations.contains { if case .error = $0 { return true } else { return false } }
        } catch {
            noteFailure(error)
            return false
        }
    }

    /// Runs a script (EVAL); nil when Redis is down or the script failed.
    func evaluate(_ command: RedisCommand) async -> RedisValue? {
        guard let redis else { return nil }
        do {
            return try await redis.execute(command)
        } catch {
            noteFailure(error)
            return nil
        }
    }

    /// Redis INFO, or nil when unavailable.
    func info() async -> RedisInfo? {
        guard let redis else { return nil }
        do { return try await redis.info() } catch {
            noteFailure(error)
            return nil
        }
    }

    /// Closes the Redis connections (at the end of `serve`).
    func shutdown() async {
        await redis?.shutdown()
    }

    /// True when Redis answers now.
    func ping() async -> Bool {
        guard let redis else { return false }
        return (try? await redis.execute(RedisCommand("PING"))) != nil
    }

    private func record(hits: Int64, misses: Int64) {
        counters.withLock {
            $0.hits += hits
            $0.misses += misses
        }
        if hits > 0 { hitCounter.increment(by: hits) }
        if misses > 0 { missCounter.increment(by: misses) }
    }

    private func noteFailure(_ error: any Error) {
        errorCounter.increment()
        logger.debug("redis unavailable; serving from MariaDB", metadata: ["error": "\(error)"])
    }
}

/// A value to cache with its TTL.
struct CacheEntry: Sendable {
    let key: String
    let value: [UInt8]
    let ttlSeconds: Int
}
