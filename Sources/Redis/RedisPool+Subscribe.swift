extension RedisPool {
    /// Messages published on these channels, on a dedicated connection that resubscribes after reconnect
    /// (the stream never ends on a Redis outage; it ends when cancelled or the pool shuts down).
    public func subscribe(channels: [String]) -> AsyncStream<RedisPubSubMessage> {
        let (stream, continuation) = AsyncStream<RedisPubSubMessage>.makeStream(bufferingPolicy: .unbounded)
        if state.withLock({ $0.isShutdown }) || channels.isEmpty {
            continuation.finish()
            return stream
        }
        let id = subscriptions.withLock { registry -> UInt64 in
            registry.nextID += 1
            return registry.nextID
        }
        let subscriber = RedisSubscriber(
            configuration: configuration,
            channels: channels,
            continuation: continuation,
            logger: logger,
            onExit: { [weak self] in _ = self?.subscriptions.withLock { $0.active.removeValue(forKey: id) } }
        )
        subscriptions.withLock { $0.active[id] = subscriber }
        continuation.onTermination = { [weak subscriber] _ in subscriber?.cancel() }
        subscriber.start()
        return stream
    }
}

/// The pool's live subscriptions, so shutdown can end them.
struct SubscriptionRegistry {
    /// The last identifier handed out.
    var nextID: UInt64 = 0
    /// Running subscribers by identifier.
    var active: [UInt64: RedisSubscriber] = [:]
}
