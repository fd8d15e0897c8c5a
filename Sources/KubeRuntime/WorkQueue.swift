import KubeClient
import Metrics
import Synchronization

/// A work queue with client-go's semantics.
///
/// *Guarantees*: a key is queued at most once (duplicates collapse); a key being processed is never handed
/// to a second worker; a key added while processing is marked dirty and re-queued once when `done` is
/// called. Delayed adds (`addAfter`, `addRateLimited`) keep the earliest pending time per key.
/// *Expected flow*: `get` → work → (`forget` on success | `addRateLimited` on error | `addAfter`) → `done`.
public final class WorkQueue<Key: Hashable & Sendable>: Sendable {
    private struct State {
        var queue: [Key] = []
        var head = 0
        var dirty: Set<Key> = []
        var processing: Set<Key> = []
        var waiters: [(id: UInt64, continuation: CheckedContinuation<Key?, Never>)] = []
        var nextWaiterID: UInt64 = 0
        var delayed: [Key: Duration] = [:]
        var timers: [Key: Task<Void, Never>] = [:]
        var addedAt: [Key: Duration] = [:]
        var shuttingDown = false

        var count: Int { queue.count - head }

        mutating func pop() -> Key? {
            guard head < queue.count else { return nil }
            let key = queue[head]
            head += 1
            if head > 64 && head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
            return key
        }
    }

    /// The queue's name (metric label).
    public let name: String
    /// Delays used by `addRateLimited`.
    public let rateLimiter: any RateLimiter<Key>
    private let clock: any KubeClock
    private let state = Mutex(State())
    private let depth: Gauge
    private let adds: Counter
    private let retries: Counter
    private let latency: Metrics.Timer

    /// Creates a queue (default limiter: client-go's controller default).
    public init(name: String, rateLimiter: (any RateLimiter<Key>)? = nil, clock: any KubeClock = SystemKubeClock(), metricsFactory: any MetricsFactory = MetricsSystem.factory) {
        self.name = name
        self.clock = clock
        self.rateLimiter = rateLimiter ?? MaxOfRateLimiter<Key>.controllerDefault(clock: clock)
        depth = Gauge(label: "workqueue_depth", dimensions: [("name", name)], factory: metricsFactory)
        adds = Counter(label: "workqueue_adds_total", dimensions: [("name", name)], factory: metricsFactory)
        retries = Counter(label: "workqueue_retries_total", dimensions: [("name", name)], factory: metricsFactory)
        latency = Metrics.Timer(label: "workqueue_queue_duration_seconds", dimensions: [("name", name)], preferredDisplayUnit: .seconds, factory: metricsFactory)
    }

    /// Items waiting (not counting those being processed or delayed).
    public var count: Int { state.withLock { $0.count } }
    /// Items currently handed to workers.
    public var processingCount: Int { state.withLock { $0.processing.count } }
    /// True after `shutDown`.
    public var isShuttingDown: Bool { state.withLock { $0.shuttingDown } }
    /// Number of `get()` callers waiting for a key (for tests that wait for idle workers).
    var waiterCount: Int { state.withLock { $0.waiters.count } }

    /// Queues a key unless it is already queued; a key being processed is only marked dirty.
    public func add(_ key: Key) {
        let now = clock.uptime
        let handoff = state.withLock { state -> (CheckedContinuation<Key?, Never>, Key)? in
            guard !state.shuttingDown, !state.dirty.contains(key) else { return nil }
            state.dirty.insert(key)
            if state.addedAt[key] == nil { state.addedAt[key] = now }
            if state.processing.contains(key) { return nil }
            state.queue.append(key)
            return Self.handToWaiter(&state)
        }
        adds.increment()
        publishDepth()
        if let (continuation, handed) = handoff {
            recordLatency(handed)
            continuation.resume(returning: handed)
        }
    }

    /// Next key to work on; waits while empty; nil once shut down (or the task is cancelled).
    public func get() async -> Key? {
        if let key = state.withLock({ state -> Key? in Self.take(&state) }) {
            recordLatency(key)
            publishDepth()
            return key
        }
        let id = state.withLock { state -> UInt64 in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        let key = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Key?, Never>) in
                let immediate = state.withLock { state -> Key?? in
                    if let key = Self.take(&state) { return .some(key) }
                    if state.shuttingDown || Task.isCancelled { return .some(nil) }
                    state.waiters.append((id, continuation))
                    return .none
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Key?, Never>? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume(returning: nil)
        }
        if let key { recordLatency(key) }
        publishDepth()
        return key
    }

    /// Marks a key finished; if it was re-added meanwhile it is queued again now.
    public func done(_ key: Key) {
        let handoff = state.withLock { state -> (CheckedContinuation<Key?, Never>, Key)? in
            state.processing.remove(key)
            guard state.dirty.contains(key) else { return nil }
            state.queue.append(key)
            return Self.handToWaiter(&state)
        }
        publishDepth()
        if let (continuation, handed) = handoff {
            recordLatency(handed)
            continuation.resume(returning: handed)
        }
    }

    /// Adds the key after a delay (earliest pending time wins).
    public func addAfter(_ key: Key, delay: Duration) {
        guard delay > .zero else { return add(key) }
        let deadline = clock.uptime + delay
        state.withLock { state in
            guard !state.shuttingDown else { return }
            if let existing = state.delayed[key], existing <= deadline { return }
            state.delayed[key] = deadline
            // The earlier deadline supersedes a pending later one.
            state.timers[key]?.cancel()
            state.timers[key] = Task { [clock] in
                do { try await clock.sleep(for: delay) } catch { return }
                let due = self.state.withLock { state -> Bool in
                    guard state.delayed[key] == deadline else { return false }
                    state.delayed[key] = nil
                    state.timers[key] = nil
                    return true
                }
                if due { self.add(key) }
            }
        }
    }

    /// Adds the key after the rate limiter's delay.
    public func addRateLimited(_ key: Key) {
        retries.increment()
        addAfter(key, delay: rateLimiter.when(key))
    }

    /// Clears the key's failure history.
    public func forget(_ key: Key) { rateLimiter.forget(key) }

    /// Failures recorded for the key.
    public func numRequeues(_ key: Key) -> Int { rateLimiter.numRequeues(key) }

    /// Stops accepting keys and wakes every waiting worker with nil.
    public func shutDown() {
        let waiters = state.withLock { state -> [CheckedContinuation<Key?, Never>] in
            state.shuttingDown = true
            let taken = state.waiters.map(\.continuation)
            state.waiters.removeAll()
            state.delayed.removeAll()
            for timer in state.timers.values { timer.cancel() }
            state.timers.removeAll()
            return taken
        }
        for waiter in waiters { waiter.resume(returning: nil) }
    }

    private static func take(_ state: inout State) -> Key? {
        guard let key = state.pop() else { return nil }
        state.processing.insert(key)
        state.dirty.remove(key)
        return key
    }

    private static func handToWaiter(_ state: inout State) -> (CheckedContinuation<Key?, Never>, Key)? {
        guard !state.waiters.isEmpty, let key = take(&state) else { return nil }
        return (state.waiters.removeFirst().continuation, key)
    }

    private func recordLatency(_ key: Key) {
        let now = clock.uptime
        guard let added = state.withLock({ $0.addedAt.removeValue(forKey: key) }) else { return }
        let waited = now - added
        latency.recordNanoseconds(waited.components.seconds * 1_000_000_000 + waited.components.attoseconds / 1_000_000_000)
    }

    private func publishDepth() { depth.record(count) }
}
