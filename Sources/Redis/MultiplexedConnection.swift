import Logging
import NIOCore
import NIOPosix
import Synchronization

/// One event-driven Redis connection shared by many callers at once (auto-pipelining).
///
/// Commands are encoded as they arrive and written together once per event-loop tick; Redis answers in
/// order, so replies are matched to callers first in, first out. A command without a reply within the
/// command timeout closes the connection and fails everything in flight on it with `.timeout` (a late
/// reply can then never be matched to the wrong caller). After a failed connect, callers fail fast with
/// `.connection` for the reconnect backoff, then the next caller connects again.
// Safety: every mutable property is confined to `eventLoop`; `load` (an Atomic) is the only one read elsewhere.
final class MultiplexedConnection: @unchecked Sendable {
    let eventLoop: any EventLoop
    /// Requests submitted and not yet answered, read by `RedisClient` to pick the least-loaded connection.
    let load = Atomic<Int>(0)

    private let configuration: RedisConfiguration
    private let metrics: RedisPoolMetrics
    private let logger: Logger
    private let onOpenChange: @Sendable (Int) -> Void

    private enum State {
        case idle
        case connecting
        case ready(any Channel)
        case backingOff(until: NIODeadline, error: RedisError)
        case shutDown
    }

    private enum Completion {
        case caller(CheckedContinuation<[RedisValue], any Error>)
        case handshake([String])
    }

    private struct PendingRequest {
        var replies: [RedisValue]
        let expected: Int
        let completion: Completion
        let deadline: NIODeadline
    }

    private var state = State.idle
    private var pending = CircularBuffer<PendingRequest>()
    private var outbound = ByteBuffer()
    private var flushScheduled = false
    private var timeoutCheckScheduled = false

    init(
        eventLoop: any EventLoop, configuration: RedisConfiguration, metrics: RedisPoolMetrics, logger: Logger,
        onOpenChange: @escaping @Sendable (Int) -> Void
    ) {
        self.eventLoop = eventLoop
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
        self.onOpenChange = onOpenChange
    }

    /// Sends `commands` as one unit; the continuation gets exactly one reply per command, in order.
    func submit(_ commands: [RedisCommand], _ continuation: CheckedContinuation<[RedisValue], any Error>) {
        load.add(1, ordering: .relaxed)
        if eventLoop.inEventLoop {
            enqueue(commands, continuation)
        } else {
            eventLoop.execute { self.enqueue(commands, continuation) }
        }
    }

    /// Fails everything in flight with `.closed`, closes the socket, refuses later requests.
    func shutdown() -> EventLoopFuture<Void> {
        eventLoop.submit {
            let channel: (any Channel)?
            if case .ready(let live) = self.state { channel = live } else { channel = nil }
            self.state = .shutDown
            self.failAll(RedisError(kind: .closed, message: "the Redis client is shut down"))
            if let channel {
                self.onOpenChange(-1)
                channel.close(promise: nil)
            }
        }
    }

    // MARK: - Requests (on the event loop)

    private func enqueue(_ commands: [RedisCommand], _ continuation: CheckedContinuation<[RedisValue], any Error>) {
        if case .shutDown = state {
            fail(continuation, RedisError(kind: .closed, message: "the Redis client is shut down"), count: commands.count)
            return
        }
        if case .backingOff(let until, let error) = state {
            if NIODeadline.now() < until {
                let fast = RedisError(kind: .connection, message: "Redis unavailable, waiting to reconnect (last connect error: \(error.message))")
                fail(continuation, fast, count: commands.count)
                return
            }
            state = .idle
        }
        for command in commands { RESPEncoder.write(command, into: &outbound) }
        pending.append(PendingRequest(
            replies: [], expected: commands.count, completion: .caller(continuation),
            deadline: .now() + Self.timeAmount(configuration.commandTimeout)
        ))
        scheduleTimeoutCheck()
        switch state {
        case .idle: connect()
        case .ready: scheduleFlush()
        case .connecting, .backingOff, .shutDown: break
        }
    }

    private func scheduleFlush() {
        guard !flushScheduled else { return }
        flushScheduled = true
        // Runs after the tasks already queued on this loop, so their commands share one write.
        eventLoop.execute { self.flush() }
    }

    private func flush() {
        flushScheduled = false
        guard case .ready(let channel) = state, outbound.readableBytes > 0 else { return }
        let bytes = outbound
        outbound = channel.allocator.buffer(capacity: min(bytes.readableBytes, 16 * 1024))
        channel.writeAndFlush(bytes, promise: nil)
    }

    // MARK: - Replies (from the channel handler, on the event loop)

    /// One parsed reply from `channel`; ignored when `channel` is no longer this connection's socket.
    func received(_ reply: RedisValue, from channel: any Channel) {
        guard case .ready(let live) = state, live === channel else { return }
        guard !pending.isEmpty else {
            lost(channel: channel, RedisError(kind: .protocolError, message: "Redis sent a reply nobody asked for"))
            channel.close(promise: nil)
            return
        }
        let head = pending.startIndex
        pending[head].replies.append(reply)
        guard pending[head].replies.count == pending[head].expected else { return }
        let done = pending.removeFirst()
        switch done.completion {
        case .caller(let continuation):
            load.subtract(1, ordering: .relaxed)
            var errors = 0
            for reply in done.replies { if case .error = reply { errors += 1 } }
            if errors > 0 { metrics.serverError.increment(by: errors) }
            metrics.success.increment(by: done.replies.count - errors)
            continuation.resume(returning: done.replies)
        case .handshake(let names):
            for (name, reply) in zip(names, done.replies) {
                if case .error(let message) = reply {
                    let what = name == "AUTH" ? "AUTH failed" : "\(name) on connect failed"
                    lost(channel: channel, RedisError(kind: .connection, message: "\(what): \(message)"))
                    channel.close(promise: nil)
                    return
                }
            }
        }
    }

    /// The socket closed or failed: everything in flight on it fails with `error`.
    func lost(channel: any Channel, _ error: RedisError) {
        guard case .ready(let live) = state, live === channel else { return }
        state = .idle
        onOpenChange(-1)
        outbound.clear()
        failAll(error)
        logger.warning("Redis connection lost", metadata: ["redis.error.kind": "\(error.kind.rawValue)", "redis.error": "\(error.message)"])
    }

    // MARK: - Connecting

    private func connect() {
        state = .connecting
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(Self.timeAmount(configuration.connectTimeout))
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelOption(.socketOption(.so_keepalive), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(RESPReplyHandler(connection: self))
                }
            }
        // An IP address needs no resolver (NIO's runs getaddrinfo off the loop); a name such as a
        // Kubernetes Service goes through it.
        let connecting: EventLoopFuture<any Channel>
        if let address = try? SocketAddress(ipAddress: configuration.host, port: configuration.port) {
            connecting = bootstrap.connect(to: address)
        } else {
            connecting = bootstrap.connect(host: configuration.host, port: configuration.port)
        }
        connecting.hop(to: eventLoop).whenComplete { result in self.connectFinished(result) }
    }

    private func connectFinished(_ result: Result<any Channel, any Error>) {
        switch result {
        case .success(let channel):
            guard case .connecting = state else {
                channel.close(promise: nil)
                return
            }
            state = .ready(channel)
            metrics.connectSuccess.increment()
            onOpenChange(1)
            let handshake = configuration.handshakeCommands
            if !handshake.isEmpty {
                var bytes = channel.allocator.buffer(capacity: 128 + outbound.readableBytes)
                for command in handshake { RESPEncoder.write(command, into: &bytes) }
                bytes.writeBuffer(&outbound)
                outbound = bytes
                pending.prepend(PendingRequest(
                    replies: [], expected: handshake.count, completion: .handshake(handshake.map(\.name)),
                    deadline: .now() + Self.timeAmount(configuration.commandTimeout)
                ))
            }
            flush()
        case .failure(let error):
            guard case .connecting = state else { return }
            let failure = RedisError(kind: .connection, message: "connect to \(configuration.host):\(configuration.port) failed: \(error)")
            state = .backingOff(until: .now() + Self.timeAmount(configuration.reconnectBackoff), error: failure)
            metrics.connectFailure.increment()
            logger.warning("Redis connect failed", metadata: ["redis.error": "\(failure.message)"])
            outbound.clear()
            failAll(RedisError(kind: .connection, message: "Redis unavailable: \(failure.message)"))
        }
    }

    // MARK: - Timeouts and failures

    private func scheduleTimeoutCheck() {
        guard !timeoutCheckScheduled, let head = pending.first else { return }
        timeoutCheckScheduled = true
        eventLoop.scheduleTask(deadline: head.deadline) { self.checkTimeouts() }
    }

    private func checkTimeouts() {
        timeoutCheckScheduled = false
        if let head = pending.first, head.deadline <= .now() {
            let error = RedisError(kind: .timeout, message: "no reply from Redis within \(configuration.commandTimeout); connection discarded")
            if case .ready(let channel) = state {
                state = .idle
                onOpenChange(-1)
                channel.close(promise: nil)
                logger.warning("Redis command timed out; discarding connection")
            }
            outbound.clear()
            failAll(error)
        }
        scheduleTimeoutCheck()
    }

    private func failAll(_ error: RedisError) {
        while let request = pending.popFirst() {
            if case .caller(let continuation) = request.completion {
                fail(continuation, error, count: request.expected)
            }
        }
    }

    private func fail(_ continuation: CheckedContinuation<[RedisValue], any Error>, _ error: RedisError, count: Int) {
        load.subtract(1, ordering: .relaxed)
        metrics.recordFailure(error, count: count)
        continuation.resume(throwing: error)
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(Int64(clamping: RedisPool.nanoseconds(duration)))
    }
}

/// Parses the replies arriving on one connection's socket with hiredis' reader and hands them over.
final class RESPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let connection: MultiplexedConnection
    private let reader: HiredisReader

    init(connection: MultiplexedConnection) throws {
        guard let reader = HiredisReader() else {
            throw RedisError(kind: .protocolError, message: "hiredis could not allocate a reply parser")
        }
        self.connection = connection
        self.reader = reader
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        do {
            try buffer.withUnsafeReadableBytes { bytes in try reader.feed(bytes) }
            while let reply = try reader.next() {
                connection.received(reply, from: context.channel)
            }
        } catch {
            let failure = (error as? RedisError) ?? RedisError(kind: .protocolError, message: "\(error)")
            connection.lost(channel: context.channel, failure)
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        connection.lost(channel: context.channel, RedisError(kind: .connection, message: "Redis closed the connection"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        connection.lost(channel: context.channel, RedisError(kind: .connection, message: "connection failed: \(error)"))
        context.close(promise: nil)
    }
}
