import NIOPosix
import Redis
import Testing
import TestSupport

extension RedisServerTests {
    @Suite("Event-driven multiplexed client")
    struct RedisClientTests {
        @Test func aThousandConcurrentCallersEachGetTheirOwnReply() async throws {
            try await withPrivateRedis { redis in
                let client = try TestPools.client(redis, maxConnections: 4) { $0.clientName = "mux" }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<1_000 {
                        group.addTask {
                            let value = Array("value-\(index)".utf8)
                            let replies = try await client.pipeline([
                                .set("k\(index)", value, expireSeconds: 60), .get("k\(index)"), RedisCommand("INCR", ["k\(index)"]),
                            ])
                            #expect(replies[0] == .status("OK"))
                            #expect(replies[1].bytes == value)
                            guard case .error(let message) = replies[2] else {
                                Issue.record("INCR of a non-number did not fail in place: \(replies[2])")
                                return
                            }
                            #expect(message.contains("not an integer"))
                            #expect(try await client.execute(.get("k\(index)")).bytes == value)
                        }
                    }
                    try await group.waitForAll()
                }
                #expect(client.openConnections >= 1 && client.openConnections <= 4)
                let admin = try TestPools.make(redis, maxConnections: 1) { $0.clientName = "admin" }
                #expect(try await TestPools.clientCount(named: "mux", via: admin) == client.openConnections)
                await admin.shutdown()
                await client.shutdown()
            }
        }

        @Test func binaryAndLargeValuesRoundTripAcrossReadChunks() async throws {
            try await withPrivateRedis { redis in
                let client = try TestPools.client(redis)
                let binary: [UInt8] = [0, 13, 10, 36, 42, 255, 0, 13, 10]
                _ = try await client.execute(.set("binary", binary, expireSeconds: 60))
                #expect(try await client.execute(.get("binary")).bytes == binary)
                // 4 MiB arrives in many socket reads: hiredis' reader must resume a bulk string mid-way.
                let large = (0..<(4 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
                _ = try await client.execute(.set("large", large, expireSeconds: 60))
                async let first = client.execute(.get("large"))
                async let second = client.execute(.get("binary"))
                #expect(try await first.bytes == large)
                #expect(try await second.bytes == binary)
                #expect(try await client.execute(.get("missing")) == .null)
                await client.shutdown()
            }
        }

        @Test func serverErrorThrowsFromExecute() async throws {
            try await withPrivateRedis { redis in
                let client = try TestPools.client(redis)
                #expect(await redisErrorKind { _ = try await client.execute(RedisCommand("NO-SUCH-COMMAND")) } == .server)
                #expect(try await client.execute(.ping) == .status("PONG"))
                await client.shutdown()
            }
        }

        @Test func wrongPasswordIsAClearConnectionErrorWithoutThePassword() async throws {
            try await withPrivateRedis { redis in
                let client = try TestPools.client(redis) { $0.password = "definitely-wrong-password" }
                await expectAuthFailure(password: "definitely-wrong-password") { _ = try await client.execute(.ping) }
                await client.shutdown()
            }
        }

        @Test func selectedDatabaseIsUsed() async throws {
            try await withPrivateRedis { redis in
                let client = try TestPools.client(redis) { $0.database = 3 }
                _ = try await client.execute(.set("in-three", [7], expireSeconds: 60))
                let db3 = try TestPools.make(redis, maxConnections: 1) { $0.database = 3 }
                let db0 = try TestPools.make(redis, maxConnections: 1)
                #expect(try await db3.execute(.get("in-three")).bytes == [7])
                #expect(try await db0.execute(.get("in-three")) == .null)
                await db3.shutdown()
                await db0.shutdown()
                await client.shutdown()
            }
        }

        @Test func stoppedRedisFailsFastThenTheSameClientRecovers() async throws {
            try await withPrivateRedis { redis in
                // Long timeouts, so that "fast" below can only mean "did not wait for one" even on a loaded machine.
                let client = try TestPools.client(redis) {
                    $0.reconnectBackoff = .milliseconds(300)
                    $0.connectTimeout = .seconds(5)
                    $0.commandTimeout = .seconds(10)
                }
                #expect(try await client.execute(.ping) == .status("PONG"))
                try await redis.stop()
                // The first call learns the socket is gone; later ones fail fast during the backoff.
                _ = await redisErrorKind { _ = try await client.execute(.ping) }
                let clock = ContinuousClock()
                var durations: [Duration] = []
                for _ in 0..<50 {
                    durations.append(await clock.measure {
                        #expect(await redisErrorKind { _ = try await client.execute(.get("down")) } == .connection)
                    })
                }
                // Inside the backoff a call fails without touching the network; after it, one call probes
                // with a connect that is refused at once. None waits for a command or connect timeout.
                let sorted = durations.sorted()
                #expect(sorted[sorted.count / 2] < .milliseconds(100), "median \(sorted[sorted.count / 2])")
                #expect(sorted[sorted.count - 1] < .seconds(2), "slowest \(sorted[sorted.count - 1])")
                try await redis.restart()
                let recovered = await eventually(timeout: .seconds(5)) {
                    (try? await client.execute(.ping)) == .status("PONG")
                }
                #expect(recovered)
                await client.shutdown()
            }
        }

        @Test func timeoutFailsEverythingInFlightAndNoReplyGoesToTheWrongCaller() async throws {
            try await withPrivateRedis { redis in
                // One event loop, one connection: both callers below share it.
                let loop = MultiThreadedEventLoopGroup(numberOfThreads: 1)
                let client = try TestPools.client(redis, maxConnections: 1, group: loop) {
                    $0.commandTimeout = .milliseconds(300)
                    $0.clientName = "victim"
                }
                let admin = try TestPools.make(redis, maxConnections: 1) { $0.clientName = "admin" }
                _ = try await client.execute(.set("t", Array("before".utf8), expireSeconds: nil))
                _ = try await admin.execute(RedisCommand("CLIENT", ["PAUSE", "5000", "WRITE"]))
                let clock = ContinuousClock()
                let start = clock.now
                // Both share the single connection: the blocked SET holds the GET behind it.
                async let write = redisErrorKind { _ = try await client.execute(.set("t", Array("after".utf8), expireSeconds: nil)) }
                async let read = redisErrorKind { _ = try await client.execute(.get("t")) }
                let (writeKind, readKind) = await (write, read)
                #expect(writeKind == .timeout)
                #expect(readKind == .timeout)
                // 300 ms timeout vs a 5 s pause: even a loaded machine stays far from the pause's end.
                #expect(clock.now - start < .seconds(3))
                #expect(client.openConnections == 0)
                _ = try await admin.execute(RedisCommand("CLIENT", ["UNPAUSE"]))
                // A new connection; the abandoned SET's late "+OK" can never answer this GET.
                let value = try await client.execute(.get("t")).bytes
                #expect(value == Array("after".utf8) || value == Array("before".utf8))
                #expect(try await client.execute(.ping) == .status("PONG"))
                await admin.shutdown()
                await client.shutdown()
                try await loop.shutdownGracefully()
            }
        }

        @Test func connectionKilledMidFlightFailsCallersAndReconnects() async throws {
            try await withPrivateRedis { redis in
                let loop = MultiThreadedEventLoopGroup(numberOfThreads: 1)
                let client = try TestPools.client(redis, maxConnections: 1, group: loop) { $0.clientName = "doomed" }
                let admin = try TestPools.make(redis, maxConnections: 1) { $0.clientName = "admin" }
                _ = try await client.execute(.ping)
                // A BLPOP keeps a request in flight; killing the connection must fail it, not hang it.
                async let blocked = redisErrorKind { _ = try await client.execute(RedisCommand("BLPOP", ["never", "10"])) }
                // Kill once the server shows the BLPOP blocked on the doomed connection.
                #expect(try await eventually {
                    let list = try await admin.execute(RedisCommand("CLIENT", ["LIST"])).string ?? ""
                    return list.split(separator: "\n").contains { $0.contains(" name=doomed ") && $0.contains(" cmd=blpop ") }
                })
                _ = try await admin.execute(RedisCommand("CLIENT", ["KILL", "TYPE", "normal", "SKIPME", "yes"]))
                #expect(await blocked == .connection)
                #expect(try await client.execute(.ping) == .status("PONG"))
                await admin.shutdown()
                await client.shutdown()
                try await loop.shutdownGracefully()
            }
        }

        @Test func shutDownClientRefusesWork() async throws {
            try await withPrivateRedis { redis in
                let client = try TestPools.client(redis)
                _ = try await client.execute(.ping)
                await client.shutdown()
                #expect(await redisErrorKind { _ = try await client.execute(.ping) } == .closed)
                #expect(client.openConnections == 0)
            }
        }
    }
}
