import KubeClient
import Synchronization

/// Decides how long an item waits before it is retried (client-go's workqueue.RateLimiter).
public protocol RateLimiter<Key>: Sendable {
    /// The key type.
    associatedtype Key: Hashable & Sendable
    /// Delay before the next retry of `key` (records one more failure).
    func when(_ key: Key) -> Duration
    /// Stops tracking `key` (after a success).
    func forget(_ key: Key)
    /// Failures recorded for `key`.
    func numRequeues(_ key: Key) -> Int
}

/// Per-item exponential backoff: base · 2^failures, capped.
public final class ItemExponentialRateLimiter<Key: Hashable & Sendable>: RateLimiter {
    private let base: Duration
    private let maximum: Duration
    private let failures = Mutex<[Key: Int]>([:])

    /// Creates the limiter (client-go default: 5 ms → 1000 s).
    public init(base: Duration = .milliseconds(5), maximum: Duration = .seconds(1000)) {
        self.base = base
        self.maximum = maximum
    }

    /// Next delay for `key`.
    public func when(_ key: Key) -> Duration {
        let exponent = failures.withLock { failures -> Int in
            let current = failures[key, default: 0]
            failures[key] = current + 1
            return current
        }
        guard exponent < 62 else { return maximum }
        let factor = Double(1 << min(exponent, 61))
        let delay = base * factor
        return delay > maximum || delay < .zero ? maximum : delay
    }

    /// Clears `key`.
    public func forget(_ key: Key) { failures.withLock { _ = $0.removeValue(forKey: key) } }

    /// Failures for `key`.
    public func numRequeues(_ key: Key) -> Int { failures.withLock { $0[key, default: 0] } }
}

/// An overall token bucket (client-go: 10 qps, burst 100) shared by every item.
public final class BucketRateLimiter<Key: Hashable & Sendable>: RateLimiter {
    private struct Bucket {
        var tokens: Double
        var last: Duration
    }
    private let qps: Double
    private let burst: Double
    private let clock: any KubeClock
    private let bucket: Mutex<Bucket>

    /// Creates a full bucket.
    public init(qps: Double = 10, burst: Int = 100, clock: any KubeClock = SystemKubeClock()) {
        self.qps = qps
        self.burst = Double(burst)
        self.clock = clock
        self.bucket = Mutex(Bucket(tokens: Double(burst), last: clock.uptime))
    }

    /// Reserves one token and returns how long to wait for it.
    public func when(_ key: Key) -> Duration {
        let now = clock.uptime
        return bucket.withLock { bucket in
            let elapsed = now - bucket.last
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(burst, bucket.tokens + max(0, seconds) * qps)
            bucket.last = now
            bucket.tokens -= 1
            if bucket.tokens >= 0 { return .zero }
            return .seconds(-bucket.tokens / qps)
        }
    }

    /// The bucket is not per item.
    public func forget(_ key: Key) {}
    /// The bucket is not per item.
    public func numRequeues(_ key: Key) -> Int { 0 }
}

/// The maximum delay of several limiters (client-go's DefaultControllerRateLimiter shape).
public final class MaxOfRateLimiter<Key: Hashable & Sendable>: RateLimiter {
    private let limiters: [any RateLimiter<Key>]

    /// Combines limiters.
    public init(_ limiters: [any RateLimiter<Key>]) { self.limiters = limiters }

    /// client-go's default: max(per-item 5 ms→1000 s, bucket 10 qps burst 100).
    public static func controllerDefault(clock: any KubeClock = SystemKubeClock()) -> MaxOfRateLimiter<Key> {
        MaxOfRateLimiter([ItemExponentialRateLimiter<Key>(), BucketRateLimiter<Key>(clock: clock)])
    }

    /// Largest delay.
    public func when(_ key: Key) -> Duration { limiters.map { $0.when(key) }.max() ?? .zero }
    /// Forgets in every limiter.
    public func forget(_ key: Key) { for limiter in limiters { limiter.forget(key) } }
    /// Largest failure count.
    public func numRequeues(_ key: Key) -> Int { limiters.map { $0.numRequeues(key) }.max() ?? 0 }
}
