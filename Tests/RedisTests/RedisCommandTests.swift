import Redis
import Testing
import TestSupport

extension RedisServerTests {
    @Suite("Commands against a real Redis")
    struct RedisCommandTests {
        @Test func wrongPasswordIsAClearConnectionError() async throws {
            try await withPrivateRedis { redis in
                let pool = try TestPools.make(redis) { $0.password = "definitely-wrong-password" }
                await expectAuthFailure(password: "definitely-wrong-password") { _ = try await pool.execute(.ping) }
                await pool.shutdown()
            }
        }

        @Test func aclUserAndDatabaseSelection() async throws {
            try await withPrivateRedis { redis in
                let admin = try TestPools.make(redis)
                _ = try await admin.execute(RedisCommand("ACL", ["SETUSER", "alice", "on", ">pa:ss@word", "~*", "+@all"]))
                let url = "redis://alice:pa%3Ass%40word@127.0.0.1:\(redis.port)/3"
                let alice = RedisPool(configuration: try RedisConfiguration(url: url), maxConnections: 2, logger: TestPools.logger)
                #expect(try await alice.execute(RedisCommand("ACL", ["WHOAMI"])).string == "alice")
                _ = try await alice.execute(.set("db:probe", Array("three".utf8), expireSeconds: nil))
                #expect(try await alice.execute(.get("db:probe")).string == "three")
                #expect(try await admin.execute(.get("db:probe")) == .null)
                await alice.shutdown()
                await admin.shutdown()
            }
        }

        @Test func valuesAreBinarySafe() async throws {
            try await withPrivateRedis { redis in
                let pool = try TestPools.make(redis)
                let everyByte = (0...255).map { UInt8($0) }
                let embeddedNul: [UInt8] = [0x61, 0x00, 0x62, 0x00, 0x00, 0x63]
                let large = pseudoRandomBytes(count: 1 << 20, seed: 0x5EED)
                for (key, value) in [("bin:all", everyByte), ("bin:nul", embeddedNul), ("bin:large", large), ("bin:empty", [])] {
                    #expect(try await pool.execute(.set(key, value, expireSeconds: nil)) == .status("OK"))
                    #expect(try await pool.execute(.get(key)) == .bulk(value))
                }
                let binaryKey = RedisArgument([0x00, 0xFF, 0x0A, 0x0D])
                _ = try await pool.execute(RedisCommand("SET", [binaryKey, RedisArgument(everyByte)]))
                #expect(try await pool.execute(RedisCommand("GET", [binaryKey])).bytes == everyByte)
                #expect(try await pool.execute(RedisCommand("STRLEN", ["bin:large"])).integer == 1 << 20)
                await pool.shutdown()
            }
        }

        @Test func serverErrorReplyThrowsServerKind() async throws {
            try await withPrivateRedis { redis in
                let pool = try TestPools.make(redis)
                _ = try await pool.execute(.set("text", Array("abc".utf8), expireSeconds: nil))
                let kind = await redisErrorKind { _ = try await pool.execute(.incrby("text", 1)) }
                #expect(kind == .server)
                #expect(try await pool.execute(.ping) == .status("PONG"))
                await pool.shutdown()
            }
        }

        @Test func pipelineOfThousandCommandsKeepsOrderAndErrorsInPlace() async throws {
            try await withPrivateRedis { redis in
                let pool = try TestPools.make(redis)
                _ = try await pool.execute(.set("not-a-number", Array("x".utf8), expireSeconds: nil))
                var commands: [RedisCommand] = []
                for index in 0..<1000 {
                    if index == 500 {
                        commands.append(.incrby("not-a-number", 1))
                    } else if index % 2 == 0 {
                        commands.append(.set("p:\(index)", Array("v\(index)".utf8), expireSeconds: nil))
                    } else {
                        commands.append(.get("p:\(index - 1)"))
                    }
                }
                let replies = try await pool.pipeline(commands)
                try #require(replies.count == 1000)
                for index in 0..<1000 {
                    if index == 500 {
                        guard case .error(let message) = replies[index] else {
                            Issue.record("reply 500 is \(replies[index]), expected an error")
                            continue
                        }
                        #expect(message.hasPrefix("ERR"))
                    } else if index % 2 == 0 {
                        #expect(replies[index] == .status("OK"))
                    } else if index == 501 {
                        #expect(replies[index] == .null)
                    } else {
                        #expect(replies[index].string == "v\(index - 1)")
                    }
                }
                #expect(try await pool.pipeline([]) == [])
                await pool.shutdown()
            }
        }

        @Test func expirySetBySetIsVisibleThroughTTL() async throws {
            try await withPrivateRedis { redis in
                let pool = try TestPools.make(redis)
                _ = try await pool.execute(.set("ttl:meta", [1, 2, 3], expireSeconds: 3600))
                _ = try await pool.execute(.set("ttl:none", [1], expireSeconds: nil))
                let replies = try await pool.pipeline([.ttl("ttl:meta"), .ttl("ttl:none"), .ttl("ttl:missing")])
                let ttl = try #require(replies[0].integer)
                #expect((3590...3600).contains(ttl))
                #expect(replies[1].integer == -1)
                #expect(replies[2].integer == -2)
                #expect(try await pool.execute(.expire("ttl:none", seconds: 600)).integer == 1)
                let slid = try #require(try await pool.execute(.ttl("ttl:none")).integer)
                #expect((590...600).contains(slid))
                await pool.shutdown()
            }
        }

        @Test func poolBoundHoldsUnderHundredConcurrentTasks() async throws {
            try await withPrivateRedis { redis in
                let pool = try TestPools.make(redis, maxConnections: 5) { $0.clientName = "boundtest" }
                let observer = try TestPools.make(redis, maxConnections: 1) { $0.clientName = "observer" }
                let peak = try await withThrowingTaskGroup(of: Int.self) { group in
                    for task in 0..<100 {
                        group.addTask {
                            // BLPOP with a 20 ms timeout keeps each connection busy so callers must queue.
                            _ = try await pool.execute(RedisCommand("BLPOP", ["bound:empty:\(task)", "0.02"]))
                            _ = try await pool.execute(.set("bound:\(task)", [UInt8(task)], expireSeconds: 60))
                            return -1
                        }
                    }
                    group.addTask {
                        var peak = 0
                        for _ in 0..<10 {
                            peak = max(peak, try await TestPools.clientCount(named: "boundtest", via: observer))
                            try await Task.sleep(for: .milliseconds(30))
                        }
                        return peak
                    }
                    var peak = 0
                    for try await value in group { peak = max(peak, value) }
                    return peak
                }
                #expect(peak == 5)
                #expect(pool.openConnections <= 5)
                #expect(try await TestPools.clientCount(named: "boundtest", via: observer) == 5)
                await pool.shutdown()
                await observer.shutdown()
            }
        }

        @Test func waitersGiveUpWithPoolExhausted() async throws {
            try await withPrivateRedis { redis in
                let pool = try TestPools.make(redis, maxConnections: 1) { $0.acquireTimeout = .milliseconds(100) }
                async let blocker = pool.execute(RedisCommand("BLPOP", ["exhaust:empty", "1"]))
                #expect(await eventually { pool.connectionsInUse == 1 })
                let kind = await redisErrorKind { _ = try await pool.execute(.ping) }
                #expect(kind == .poolExhausted)
                #expect(try await blocker == .null)
                #expect(try await pool.execute(.ping) == .status("PONG"))
                await pool.shutdown()
                #expect(await redisErrorKind { _ = try await pool.execute(.ping) } == .closed)
            }
        }
    }
}

/// Deterministic noise (splitmix64), cheap even in debug builds.
func pseudoRandomBytes(count: Int, seed: UInt64) -> [UInt8] {
    var state = seed
    var bytes = [UInt8](repeating: 0, count: count)
    bytes.withUnsafeMutableBytes { buffer in
        var offset = 0
        while offset < count {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            mixed ^= mixed >> 31
            withUnsafeBytes(of: mixed) { word in
                let take = min(8, count - offset)
                buffer[offset..<(offset + take)].copyBytes(from: word.prefix(take))
            }
            offset += 8
        }
    }
    return bytes
}

extension RedisServerTests {
    @Suite("Argument encoding")
    struct ArgumentEncoding {
        @Test func integerAndInterpolatedArgumentsRoundTrip() async throws {
            try await withPrivateRedis { redis in
                let pool = try TestPools.make(redis)
                let values = [0, 7, -1, 1_234_567_890, Int.min, Int.max]
                var commands: [RedisCommand] = []
                for (index, value) in values.enumerated() {
                    commands.append(RedisCommand("SET", ["int:\(index)", RedisArgument(value)]))
                    commands.append(RedisCommand("GET", ["int:\(index)"]))
                }
                let replies = try await pool.pipeline(commands)
                for (index, value) in values.enumerated() {
                    #expect(replies[index * 2 + 1].string == String(value))
                    #expect(replies[index * 2 + 1].integer == Int64(value))
                }
                // Many arguments grow the reusable argv buffers past their initial size.
                let keys = (0..<300).map { "many:\($0)" }
                #expect(try await pool.execute(RedisCommand("MSET", keys.flatMap { [RedisArgument($0), RedisArgument(Array($0.utf8))] })) == .status("OK"))
                let fetched = try await pool.execute(.mget(keys))
                #expect(fetched.array?.compactMap(\.string) == keys)
                #expect(try await pool.execute(.del(keys)).integer == 300)
                await pool.shutdown()
            }
        }
    }
}
