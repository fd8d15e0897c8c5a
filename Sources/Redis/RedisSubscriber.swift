import Dispatch
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one SUBSCRIBE connection on its own queue, delivering messages to an AsyncStream and
/// reconnecting + resubscribing (after `reconnectBackoff`) whenever the connection is lost.
final class RedisSubscriber: Sendable {
    private let configuration: RedisConfiguration
    private let channels: [String]
    private let continuation: AsyncStream<RedisPubSubMessage>.Continuation
    private let logger: Logger
    private let cancelled = Mutex(false)
    private let queue = DispatchQueue(label: "filewallball.redis.subscriber")
    private let onExit: @Sendable () -> Void

    /// How often the blocked reader wakes up to notice cancellation.
    private static let pollMilliseconds: Int32 = 100

    init(
        configuration: RedisConfiguration,
        channels: [String],
        continuation: AsyncStream<RedisPubSubMessage>.Continuation,
        logger: Logger,
        onExit: @escaping @Sendable () -> Void
    ) {
        var configuration = configuration
        if let name = configuration.clientName { configuration.clientName = name + "-subscriber" }
        self.configuration = configuration
        self.channels = channels
        self.continuation = continuation
        self.logger = logger
        self.onExit = onExit
    }

    /// Starts the reader loop on its dedicated queue.
    func start() {
        queue.async { self.runLoop() }
    }

    /// Stops the loop (within one poll interval) and ends the stream.
    func cancel() {
        cancelled.withLock { $0 = true }
        continuation.finish()
    }

    private var isCancelled: Bool { cancelled.withLock { $0 } }

    private func runLoop() {
        var failures = 0
        while !isCancelled {
            do {
                try session(onSubscribed: { failures = 0 })
            } catch {
                failures += 1
                if failures == 1 {
                    logger.warning("Redis subscription lost; resubscribing", metadata: [
                        "redis.error.kind": "\(error.kind.rawValue)",
                        "redis.error": "\(error.message)",
                    ])
                }
                pause(configuration.reconnectBackoff)
            }
        }
        onExit()
    }

    /// One connection's life: connect, SUBSCRIBE, deliver until an error or cancellation.
    private func session(onSubscribed: () -> Void) throws(RedisError) {
        let connection = try HiredisConnection.connect(configuration)
        try connection.append(RedisCommand("SUBSCRIBE", channels.map { RedisArgument($0) }))
        try connection.flush()
        while !isCancelled {
            if let reply = try connection.bufferedReply() {
                handle(reply, onSubscribed: onSubscribed)
                continue
            }
            if connection.waitReadable(milliseconds: Self.pollMilliseconds) {
                try connection.fillBuffer()
            }
        }
    }

    private func handle(_ reply: RedisValue, onSubscribed: () -> Void) {
        guard case .array(let parts) = reply, parts.count == 3, let kind = parts[0].string else { return }
        switch kind {
        case "message":
            guard let channel = parts[1].string, case .bulk(let payload) = parts[2] else { return }
            continuation.yield(RedisPubSubMessage(channel: channel, payload: payload))
        case "subscribe":
            onSubscribed()
            logger.debug("Redis channel subscribed", metadata: ["redis.channel": "\(parts[1].string ?? "")"])
        default:
            return
        }
    }

    /// Sleeps `duration` in short steps so cancellation is noticed quickly.
    private func pause(_ duration: Duration) {
        var remaining = RedisPool.nanoseconds(duration)
        let step: UInt64 = UInt64(Self.pollMilliseconds) * 1_000_000
        while remaining > 0, !isCancelled {
            let slice = min(step, remaining)
            usleep(UInt32(slice / 1_000))
            remaining -= slice
        }
    }
}
