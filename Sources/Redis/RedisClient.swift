import Logging
import NIOCore
import NIOPosix
import Synchronization

/// Event-driven Redis client for async callers: a few connections on NIO event loops, each carrying
/// many callers' commands at once (auto-pipelining); replies are parsed by hiredis' reader.
///
/// A caller on an event-loop thread is served by a connection on that same loop, so with NIO's
/// threads running Swift tasks (`NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor`)
/// a command and its reply need no thread switch. Each loop starts with one connection and opens
/// another (up to `maxConnections` overall) only while all of its connections have `pipelineDepth`
/// requests in flight, so one slow reply does not hold up everything else.
///
/// Use `RedisPool` for blocking work (subscriptions, tools); this type for request handlers.
public final class RedisClient: Sendable {
    /// The settings every connection uses.
    public let configuration: RedisConfiguration
    /// The most connections this client opens at once (at least one per event loop).
    public let maxConnections: Int

    private let lanes: [Lane]
    private let next = Atomic<Int>(0)
    private let openCount = OpenConnectionCount()
    private let metrics = RedisPoolMetrics()
    private let logger: Logger
    private static let pipelineDepth = 128

    /// The connections of one event loop.
    private final class Lane: Sendable {
        let eventLoop: any EventLoop
        let connections: Mutex<[MultiplexedConnection]>
        let cap: Int

        init(eventLoop: any EventLoop, cap: Int) {
            self.eventLoop = eventLoop
            self.cap = cap
            self.connections = Mutex([])
        }
    }

    /// A client for `configuration` with at most `maxConnections` connections, opened lazily on `group`'s loops.
    public init(
        configuration: RedisConfiguration, maxConnections: Int,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger
    ) {
        var logger = logger
        logger[metadataKey: "redis.host"] = "\(configuration.host)"
        logger[metadataKey: "redis.port"] = "\(configuration.port)"
        logger[metadataKey: "redis.db"] = "\(configuration.database)"
        self.logger = logger
        self.configuration = configuration
        let loops = Array(group.makeIterator())
        self.maxConnections = max(loops.count, maxConnections)
        let perLoop = max(1, maxConnections / max(1, loops.count))
        self.lanes = loops.map { Lane(eventLoop: $0, cap: perLoop) }
    }

    /// One command; a server error reply throws RedisError(kind: .server).
    public func execute(_ command: RedisCommand) async throws -> RedisValue {
        let replies = try await send([command])
        guard let reply = replies.first else {
            throw RedisError(kind: .protocolError, message: "no reply for \(command.name)")
        }
        if case .error(let message) = reply { throw RedisError(kind: .server, message: message) }
        return reply
    }

    /// Many commands in ONE round trip on one connection; server error replies come back in place as .error.
    public func pipeline(_ commands: [RedisCommand]) async throws -> [RedisValue] {
        if commands.isEmpty { return [] }
        return try await send(commands)
    }

    /// INFO, parsed.
    public func info() async throws -> RedisInfo {
        let reply = try await execute(RedisCommand("INFO"))
        guard let text = reply.string else {
            throw RedisError(kind: .protocolError, message: "INFO did not return a bulk string")
        }
        return RedisInfo(parsing: text)
    }

    /// Live connections (for diagnostics and tests).
    public var openConnections: Int { openCount.value.load(ordering: .relaxed) }

    /// Fails requests in flight with `.closed`, closes every connection, refuses later requests.
    public func shutdown() async {
        isShutDown.store(true, ordering: .relaxed)
        var closing: [EventLoopFuture<Void>] = []
        for lane in lanes {
            let connections = lane.connections.withLock { $0 }
            closing += connections.map { $0.shutdown() }
            lane.connections.withLock { $0 = [] }
        }
        for future in closing { try? await future.get() }
    }

    private let isShutDown = Atomic<Bool>(false)

    private func send(_ commands: [RedisCommand]) async throws -> [RedisValue] {
        guard !isShutDown.load(ordering: .relaxed), let connection = pickConnection() else {
            throw RedisError(kind: .closed, message: "the Redis client is shut down")
        }
        return try await withCheckedThrowingContinuation { continuation in
            connection.submit(commands, continuation)
        }
    }

    /// The least-loaded connection of the caller's own event loop (any loop, round robin, otherwise),
    /// opening another one while every connection of that loop is `pipelineDepth` deep.
    private func pickConnection() -> MultiplexedConnection? {
        guard !lanes.isEmpty else { return nil }
        let lane: Lane
        if let current = MultiThreadedEventLoopGroup.currentEventLoop,
           let own = lanes.first(where: { $0.eventLoop === current }) {
            lane = own
        } else {
            lane = lanes[next.add(1, ordering: .relaxed).newValue % lanes.count]
        }
        return lane.connections.withLock { connections -> MultiplexedConnection in
            var best: MultiplexedConnection?
            var bestLoad = Int.max
            for connection in connections {
                let load = connection.load.load(ordering: .relaxed)
                if load < bestLoad { best = connection; bestLoad = load }
            }
            if let best, bestLoad < Self.pipelineDepth || connections.count >= lane.cap { return best }
            let fresh = MultiplexedConnection(
                eventLoop: lane.eventLoop, configuration: configuration, metrics: metrics, logger: logger,
                onOpenChange: { [openCount, metrics] delta in
                    let open = openCount.value.add(delta, ordering: .relaxed).newValue
                    metrics.open.record(open)
                }
            )
            connections.append(fresh)
            return fresh
        }
    }
}

/// The number of live connections, shared with the connections that change it.
private final class OpenConnectionCount: Sendable {
    let value = Atomic<Int>(0)
}
