import Logging
import NIOPosix
import Redis
import Synchronization
import Testing
import TestSupport

/// Builds pools against a private Redis with test-friendly settings.
enum TestPools {
    static let logger = Logger(label: "redis-tests")

    static func make(
        _ redis: TestRedis,
        maxConnections: Int = 4,
        _ adjust: (inout RedisConfiguration) -> Void = { _ in }
    ) throws -> RedisPool {
        var configuration = try RedisConfiguration(url: redis.redisURL)
        adjust(&configuration)
        return RedisPool(configuration: configuration, maxConnections: maxConnections, logger: logger)
    }

    /// An event-driven multiplexed client against `redis`.
    static func client(
        _ redis: TestRedis,
        maxConnections: Int = 4,
        group: MultiThreadedEventLoopGroup = .singleton,
        _ adjust: (inout RedisConfiguration) -> Void = { _ in }
    ) throws -> RedisClient {
        var configuration = try RedisConfiguration(url: redis.redisURL)
        adjust(&configuration)
        return RedisClient(configuration: configuration, maxConnections: maxConnections, group: group, logger: logger)
    }

    /// Number of server-side clients whose CLIENT SETNAME is `name`.
    static func clientCount(named name: String, via pool: RedisPool) async throws -> Int {
        let list = try await pool.execute(RedisCommand("CLIENT", ["LIST"])).string ?? ""
        return list.split(separator: "\n").filter { $0.contains(" name=\(name) ") }.count
    }
}

/// Runs `body` with a fresh private Redis, destroying it afterwards even when `body` throws.
func withPrivateRedis(_ body: (TestRedis) async throws -> Void) async throws {
    let redis = try await TestRedis.start()
    do {
        try await body(redis)
    } catch {
        await redis.destroy()
        throw error
    }
    await redis.destroy()
}

/// Collects messages from a subscription stream so tests can wait for them with a deadline.
final class Inbox: Sendable {
    private let messages = Mutex<[RedisPubSubMessage]>([])
    private let task: Mutex<Task<Void, Never>?> = Mutex(nil)

    init(_ stream: AsyncStream<RedisPubSubMessage>) {
        let consumer = Task { [self] in
            for await message in stream { self.messages.withLock { $0.append(message) } }
        }
        task.withLock { $0 = consumer }
    }

    var count: Int { messages.withLock { $0.count } }
    var all: [RedisPubSubMessage] { messages.withLock { $0 } }

    func cancel() { task.withLock { $0?.cancel() } }
}

/// Polls `condition` every 20 ms until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(5), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

/// The kind of a RedisError thrown by `body`, or nil when it did not throw one.
func redisErrorKind(_ body: () async throws -> Void) async -> RedisError.Kind? {
    do {
        try await body()
        return nil
    } catch let error as RedisError {
        return error.kind
    } catch {
        return nil
    }
}

/// Expects `ping` to fail the way a wrong password must: `.connection`, "AUTH failed", password not echoed.
func expectAuthFailure(password: String, _ ping: () async throws -> Void) async {
    do {
        try await ping()
        Issue.record("PING succeeded with a wrong password")
    } catch let error as RedisError {
        #expect(error.kind == .connection)
        #expect(error.message.contains("AUTH failed"))
        #expect(!error.message.contains(password))
    } catch {
        Issue.record("unexpected error \(error)")
    }
}
