import Redis
import Testing
import TestSupport

extension RedisServerTests {
    @Suite("Outages, timeouts and pub/sub")
    struct RedisResilienceTests {
        @Test func stoppedRedisFailsFastAndSamePoolRecovers() async throws {
            try await withPrivateRedis { redis in
                let pool = try TestPools.make(redis, maxConnections: 4) { $0.reconnectBackoff = .milliseconds(300) }
                #expect(try await pool.execute(.ping) == .status("PONG"))
                try await redis.stop()

                #expect(await redisErrorKind { _ = try await pool.execute(.get("down")) } == .connection)
                let clock = ContinuousClock()
                var durations: [Duration] = []
                for _ in 0..<50 {
                    let elapsed = await clock.measure {
                        #expect(await redisErrorKind { _ = try await pool.execute(.get("down")) } == .connection)
                    }
                    durations.append(elapsed)
                }
                let slowest = durations.max() ?? .zero
                #expect(slowest < .milliseconds(50), "failing calls took \(durations.map { $0.components.attoseconds / 1_000_000_000_000 }) µs")

                try await redis.restart()
                let recovered = await eventually(timeout: .seconds(5)) {
                    (try? await pool.execute(.ping)) == .status("PONG")
                }
                #expect(recovered)
                #expect(try await pool.execute(.set("after", [1], expireSeconds: 10)) == .status("OK"))
                await pool.shutdown()
            }
        }

        @Test func restartWhileIdleCostsNoFailedCall() async throws {
            try await withPrivateRedis { redis in
                let pool = try TestPools.make(redis, maxConnections: 2)
                _ = try await pool.pipeline([.ping, .ping])
                #expect(pool.openConnections == 1)
                try await redis.stop()
                try await redis.restart()
                // The idle connection died with the old server; it is detected before use and replaced.
                #expect(try await pool.execute(.ping) == .status("PONG"))
                #expect(try await pool.execute(.set("k", [1], expireSeconds: 5)) == .status("OK"))
                #expect(pool.openConnections == 1)
                await pool.shutdown()
                #expect(pool.openConnections == 0)
            }
        }

        @Test func commandTimeoutDiscardsTheConnection() async throws {
            try await withPrivateRedis { redis in
                let victim = try TestPools.make(redis, maxConnections: 1) {
                    $0.commandTimeout = .milliseconds(200)
                    $0.clientName = "victim"
                }
                let admin = try TestPools.make(redis, maxConnections: 1) { $0.clientName = "admin" }
                #expect(try await victim.execute(.set("t", [1], expireSeconds: nil)) == .status("OK"))
                #expect(victim.openConnections == 1)

                // DEBUG is disabled in the private Redis; pausing writes blocks the victim's SET server-side.
                _ = try await admin.execute(RedisCommand("CLIENT", ["PAUSE", "5000", "WRITE"]))
                let clock = ContinuousClock()
                let start = clock.now
                let kind = await redisErrorKind { _ = try await victim.execute(.set("t", [2], expireSeconds: nil)) }
                let elapsed = clock.now - start
                #expect(kind == .timeout)
                #expect(elapsed < .seconds(2))
                #expect(victim.openConnections == 0)
                _ = try await admin.execute(RedisCommand("CLIENT", ["UNPAUSE"]))

                #expect(try await victim.execute(.get("t")).bytes != nil)
                #expect(victim.openConnections == 1)
                // The discarded socket leaves CLIENT LIST once Redis has processed its close: poll for that.
                let oneLeft = await eventually(timeout: .seconds(5)) {
                    (try? await TestPools.clientCount(named: "victim", via: admin)) == 1
                }
                #expect(oneLeft)
                await victim.shutdown()
                await admin.shutdown()
            }
        }

        @Test func pubSubDeliversAndResubscribesAfterRestart() async throws {
            try await withPrivateRedis { redis in
                let pool = try TestPools.make(redis) { $0.reconnectBackoff = .milliseconds(100) }
                let inbox = Inbox(pool.subscribe(channels: ["fwb:events", "fwb:other"]))
                let subscribed = {
                    let reply = try? await pool.execute(RedisCommand("PUBSUB", ["NUMSUB", "fwb:events"]))
                    return reply?.array?.last?.integer == 1
                }
                #expect(await eventually(subscribed))
                #expect(try await pool.execute(.publish("fwb:events", [0, 1, 2])).integer == 1)
                #expect(await eventually { inbox.count == 1 })
                #expect(inbox.all.first?.channel == "fwb:events")
                #expect(inbox.all.first?.payload == [0, 1, 2])

                try await redis.stop()
                try await redis.restart()
                #expect(await eventually(subscribed))
                #expect(try await pool.execute(.publish("fwb:events", Array("again".utf8))).integer == 1)
                #expect(await eventually { inbox.count == 2 })
                #expect(inbox.all.last?.payload == Array("again".utf8))

                inbox.cancel()
                let unsubscribed = await eventually {
                    let reply = try? await pool.execute(RedisCommand("PUBSUB", ["NUMSUB", "fwb:events"]))
                    return reply?.array?.last?.integer == 0
                }
                #expect(unsubscribed)
                await pool.shutdown()
            }
        }
    }
}
