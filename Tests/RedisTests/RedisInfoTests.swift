import Redis
import Testing

@Suite("INFO parsing")
struct RedisInfoTests {
    static let sample = """
        # Server\r
        redis_version:7.2.4\r
        redis_mode:standalone\r
        \r
        # Clients\r
        connected_clients:12\r
        \r
        # Memory\r
        used_memory:1048576\r
        used_memory_human:1.00M\r
        maxmemory:268435456\r
        maxmemory_policy:allkeys-lru\r
        \r
        # Stats\r
        instantaneous_ops_per_sec:4321\r
        expired_keys:77\r
        keyspace_hits:900\r
        keyspace_misses:100\r
        \r
        # Keyspace\r
        db0:keys=40,expires=3,avg_ttl=1000\r
        db5:keys=2,expires=0,avg_ttl=0\r

        """

    @Test func parsesFixedSample() {
        let info = RedisInfo(parsing: Self.sample)
        #expect(info.version == "7.2.4")
        #expect(info.connectedClients == 12)
        #expect(info.usedMemory == 1_048_576)
        #expect(info.maxmemory == 268_435_456)
        #expect(info.maxmemoryPolicy == "allkeys-lru")
        #expect(info.opsPerSecond == 4321)
        #expect(info.expiredKeys == 77)
        #expect(info.keyspaceHits == 900)
        #expect(info.keyspaceMisses == 100)
        #expect(info.keys == 42)
        #expect(info.hitRate == 0.9)
    }

    @Test func emptyTextGivesZeros() {
        let info = RedisInfo(parsing: "")
        #expect(info.version == "")
        #expect(info.keys == 0)
        #expect(info.hitRate == nil)
    }
}

extension RedisServerTests {
    @Suite("INFO from a real server")
    struct RealInfo {
        @Test func parsesRealServerInfo() async throws {
            try await withPrivateRedis { redis in
                let pool = try TestPools.make(redis)
                for index in 0..<3 { _ = try await pool.execute(.set("info:\(index)", [1], expireSeconds: nil)) }
                _ = try await pool.execute(.get("info:0"))
                _ = try await pool.execute(.get("info:missing"))
                let info = try await pool.info()
                #expect(info.version.hasPrefix("7.") || info.version.hasPrefix("6."))
                #expect(info.maxmemory == 256 * 1024 * 1024)
                #expect(info.maxmemoryPolicy == "allkeys-lru")
                #expect(info.keys == 3)
                #expect(info.keyspaceHits >= 1)
                #expect(info.keyspaceMisses >= 1)
                #expect(info.connectedClients >= 1)
                #expect(info.usedMemory > 0)
                await pool.shutdown()
            }
        }
    }
}
