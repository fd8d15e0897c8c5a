import Dispatch
import Logging
import Synchronization

/// A bounded pool of hiredis connections with AUTH/SELECT on connect, timeouts and reconnect.
///
/// Each connection lives on its own serial DispatchQueue; a request hops there once, runs its blocking
/// hiredis calls, and the finishing connection takes the next waiting request itself (no extra hop).
/// A connection that hits an I/O error or timeout is discarded; after a failed connect every request
/// fails fast with `.connection` for `reconnectBackoff`, then one request probes Redis again.
public final class RedisPool: Sendable {
    /// The settings every connection uses.
    public let configuration: RedisConfiguration
    /// The most connections this pool opens at once.
    public let maxConnections: Int

    let logger: Logger
    let metrics = RedisPoolMetrics()
    let state = Mutex(PoolState())
    private let timerQueue = DispatchQueue(label: "filewallball.redis.pool.timer")
    let subscriptions = Mutex(SubscriptionRegistry())
    let acquireTimeoutNanos: UInt64
    let backoffNanos: UInt64

    static let closedError = RedisError(kind: .closed, message: "the Redis pool is shut down")

    /// A pool for `configuration` opening at most `maxConnections` (minimum 1) connections lazily.
    public init(configuration: RedisConfiguration, maxConnections: Int, logger: Logger) {
        self.configuration = configuration
        self.maxConnections = max(1, maxConnections)
        var logger = logger
        logger[metadataKey: "redis.host"] = "\(configuration.host)"
        logger[metadataKey: "redis.port"] = "\(configuration.port)"
        logger[metadataKey: "redis.db"] = "\(configuration.database)"
        self.logger = logger
        acquireTimeoutNanos = Self.nanoseconds(configuration.acquireTimeout)
        backoffNanos = Self.nanoseconds(configuration.reconnectBackoff)
    }

    /// One command; a server error reply throws RedisError(kind: .server).
    public func execute(_ command: RedisCommand) async throws -> RedisValue {
        try await withCheckedThrowingContinuation { continuation in
            submit(.single(command, continuation))
        }
    }

    /// Many commands in ONE round trip on one connection; server error replies come back in place as .error.
    public func pipeline(_ commands: [RedisCommand]) async throws -> [RedisValue] {
        if commands.isEmpty { return [] }
        return try await withCheckedThrowingContinuation { continuation in
            submit(.batch(commands, continuation))
        }
    }

    /// INFO, parsed.
    public func info() async throws -> RedisInfo {
        let reply = try await execute(RedisCommand("INFO"))
        guard let text = reply.string else {
            throw RedisError(kind: .protocolError, message: "INFO did not return a bulk string")
        }
        return RedisInfo(parsing: text)
    }

    /// Connections currently running a command (for diagnostics and tests).
    public var connectionsInUse: Int { state.withLock { $0.inUse } }
    /// Live connections held by the pool, busy or idle (for diagnostics and tests).
    public var openConnections: Int { state.withLock { $0.openConnections } }

    /// Fails waiting and future requests with `.closed`, ends subscriptions and closes every connection.
    public func shutdown() async {
        let (waiters, slots) = state.withLock { state -> ([PoolWaiter], [PoolSlot]) in
            state.isShutdown = true
            return (state.waiters.removeAll(), state.slots)
        }
        for waiter in waiters { waiter.job.fail(Self.closedError) }
        let subscribers = subscriptions.withLock { registry -> [RedisSubscriber] in
            defer { registry.active.removeAll() }
            return Array(registry.active.values)
        }
        for subscriber in subscribers { subscriber.cancel() }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let group = DispatchGroup()
            for slot in slots {
                slot.queue.async(group: group) { self.discard(slot, reason: nil) }
            }
            group.notify(queue: timerQueue) { continuation.resume() }
        }
    }

    // MARK: - Scheduling

    private enum Placement {
        case run(PoolSlot, fromIdle: Bool, inUse: Int)
        case fail(RedisError)
        case queued(scheduleSweepAt: UInt64?)
    }

    private func submit(_ job: PoolJob) {
        let now = Self.uptime()
        let placement = state.withLock { state -> Placement in
            if state.isShutdown { return .fail(Self.closedError) }
            if let slot = state.idle.popLast() {
                state.inUse += 1
                return .run(slot, fromIdle: true, inUse: state.inUse)
            }
            if state.isFailingFast(now: now) { return .fail(state.failFastError()) }
            if state.slots.count < maxConnections {
                let slot = PoolSlot(index: state.slots.count)
                state.slots.append(slot)
                state.inUse += 1
                return .run(slot, fromIdle: false, inUse: state.inUse)
            }
            let deadline = now &+ acquireTimeoutNanos
            state.waiters.append(PoolWaiter(job: job, deadline: deadline))
            if state.sweepScheduled { return .queued(scheduleSweepAt: nil) }
            state.sweepScheduled = true
            return .queued(scheduleSweepAt: deadline)
        }
        switch placement {
        case .run(let slot, let fromIdle, let inUse):
            metrics.inUse.record(inUse)
            slot.queue.async { self.drive(slot, first: job, checkStale: fromIdle) }
        case .fail(let error):
            metrics.recordFailure(error, count: job.commandCount)
            job.fail(error)
        case .queued(let sweepAt):
            if let sweepAt { scheduleSweep(at: sweepAt) }
        }
    }

    /// Runs `first` and then every waiting job on `slot`'s queue until none is left.
    private func drive(_ slot: PoolSlot, first: PoolJob, checkStale: Bool) {
        var job = first
        var checkStale = checkStale
        while true {
            let completion = run(job, on: slot, checkStale: checkStale)
            let (next, inUse) = state.withLock { state -> (PoolJob?, Int) in
                if !state.isShutdown, let waiter = state.waiters.popFirst() { return (waiter.job, state.inUse) }
                state.inUse -= 1
                state.idle.append(slot)
                return (nil, state.inUse)
            }
            completion.resume()
            guard let next else {
                metrics.inUse.record(inUse)
                break
            }
            job = next
            checkStale = false
        }
    }

    private func scheduleSweep(at deadline: UInt64) {
        timerQueue.asyncAfter(deadline: DispatchTime(uptimeNanoseconds: deadline)) { self.sweepExpiredWaiters() }
    }

    /// Fails waiters whose acquire deadline passed with `.poolExhausted`.
    private func sweepExpiredWaiters() {
        let now = Self.uptime()
        let (expired, next) = state.withLock { state -> ([PoolWaiter], UInt64?) in
            var expired: [PoolWaiter] = []
            while let deadline = state.waiters.firstDeadline, deadline <= now, let waiter = state.waiters.popFirst() {
                expired.append(waiter)
            }
            let next = state.waiters.firstDeadline
            state.sweepScheduled = next != nil
            return (expired, next)
        }
        if !expired.isEmpty {
            logger.debug("Redis pool acquire timed out", metadata: ["redis.waiters.expired": "\(expired.count)"])
        }
        let error = RedisError(kind: .poolExhausted, message: "no Redis connection became free within the acquire timeout")
        for waiter in expired {
            metrics.recordFailure(error, count: waiter.job.commandCount)
            waiter.job.fail(error)
        }
        if let next { scheduleSweep(at: next) }
    }

    static func uptime() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) &* 1_000_000_000 &+ UInt64(max(0, attoseconds) / 1_000_000_000)
    }
}
