import Foundation
import KubeClient
import Logging
import Synchronization

/// Records core/v1 Events about objects, like client-go's recorder: identical events within the cache are
/// folded into one Event whose `count` is bumped, and a per-object token bucket (burst 25, one token per
/// 5 minutes by default) drops floods. Both caches hold at most `maxCacheEntries` entries: the event
/// cache is cleared when full (a later identical event creates a new Event instead of bumping a count),
/// and full token buckets (indistinguishable from new ones) are evicted first, then the rest.
public final class EventRecorder: Sendable {
    /// Event severity.
    public enum EventType: String, Sendable {
        /// Informational.
        case normal = "Normal"
        /// Something went wrong.
        case warning = "Warning"
    }

    private struct Seen {
        var namespace: String
        var eventName: String
        var count: Int
    }
    private struct Bucket {
        var tokens: Double
        var last: Duration
    }
    private struct State {
        var seen: [String: Seen] = [:]
        var buckets: [String: Bucket] = [:]
    }

    private let events: ResourceClient<Event>
    private let component: String
    private let host: String?
    private let clock: any KubeClock
    private let burst: Double
    private let refill: Duration
    private let maxCacheEntries: Int
    private let state = Mutex(State())
    private let logger: Logger

    /// Creates a recorder.
    public init(client: KubeClient, component: String, host: String? = nil, clock: any KubeClock = SystemKubeClock(), burst: Int = 25, refill: Duration = .seconds(300), maxCacheEntries: Int = 4096, logger: Logger = Logger(label: "filewallball.events")) {
        self.events = client.resource(Event.self)
        self.component = component
        self.host = host
        self.clock = clock
        self.burst = Double(burst)
        self.refill = refill
        self.maxCacheEntries = maxCacheEntries
        self.logger = logger
    }

    /// Records an event about `object`; never throws (failures are logged). Returns false when rate-limited.
    @discardableResult
    public func record<R: KubeObject>(_ object: R, type: EventType, reason: String, message: String) async -> Bool {
        let involvedKey = "\(object.kind ?? "")/\(object.metadata.namespace ?? "")/\(object.name)/\(object.uid ?? "")"
        guard takeToken(involvedKey) else {
            logger.debug("event dropped by rate limit", metadata: ["k8s.name": "\(object.name)", "event.reason": "\(reason)"])
            return false
        }
        let key = "\(involvedKey)|\(type.rawValue)|\(reason)|\(message)"
        let now = KubeTime.format(clock.wallNow)
        let namespace = object.metadata.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        if let seen = state.withLock({ $0.seen[key] }) {
            let patch: JSONValue = ["count": .int(Int64(seen.count + 1)), "lastTimestamp": .string(now)]
            do {
                _ = try await events.patch(seen.eventName, namespace: seen.namespace, patch: .merge(patch))
                state.withLock { $0.seen[key]?.count = seen.count + 1 }
                return true
            } catch let error as KubeAPIError where error.kind == .notFound {
                state.withLock { _ = $0.seen.removeValue(forKey: key) }
            } catch {
                logger.warning("event update failed", metadata: ["error": "\(error)"])
                return false
            }
        }
        var event = Event(name: "\(object.name).\(String(UInt64(clock.wallNow.timeIntervalSince1970 * 1e9), radix: 16))", namespace: namespace)
        var reference = ObjectReference()
        reference.apiVersion = object.apiVersion
        reference.kind = object.kind
        reference.name = object.name
        reference.namespace = object.metadata.namespace
        reference.uid = object.uid
        reference.resourceVersion = object.resourceVersion
        event.involvedObject = reference
        event.type = type.rawValue
        event.reason = reason
        event.message = message
        event.count = 1
        event.firstTimestamp = now
        event.lastTimestamp = now
        var source = EventSource()
        source.component = component
        source.host = host
        event.source = source
        event.reportingComponent = component
        event.reportingInstance = host
        do {
            let created = try await events.create(event, namespace: namespace)
            state.withLock { state in
                if state.seen.count >= maxCacheEntries { state.seen.removeAll() }
                state.seen[key] = Seen(namespace: namespace, eventName: created.name, count: 1)
            }
            return true
        } catch {
            logger.warning("event create failed", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// Number of entries in the event cache and the token buckets (for tests of the bound).
    var cacheSizes: (seen: Int, buckets: Int) { state.withLock { ($0.seen.count, $0.buckets.count) } }

    /// Drops buckets that have refilled to the burst (they behave as absent ones); if none had, drops all.
    private static func evictBuckets(_ buckets: inout [String: Bucket], now: Duration, burst: Double, refillSeconds: Double) {
        let before = buckets.count
        buckets = buckets.filter { _, bucket in
            let elapsed = now - bucket.last
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return bucket.tokens + seconds / refillSeconds < burst
        }
        if buckets.count == before { buckets.removeAll() }
    }

    private func takeToken(_ key: String) -> Bool {
        let now = clock.uptime
        let refillSeconds = Double(refill.components.seconds) + Double(refill.components.attoseconds) / 1e18
        return state.withLock { state in
            var bucket = state.buckets[key] ?? Bucket(tokens: burst, last: now)
            let elapsed = now - bucket.last
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(burst, bucket.tokens + seconds / refillSeconds)
            bucket.last = now
            guard bucket.tokens >= 1 else {
                state.buckets[key] = bucket
                return false
            }
            bucket.tokens -= 1
            if state.buckets[key] == nil, state.buckets.count >= maxCacheEntries {
                Self.evictBuckets(&state.buckets, now: now, burst: burst, refillSeconds: refillSeconds)
            }
            state.buckets[key] = bucket
            return true
        }
    }
}
