import Dispatch
import Hummingbird
import Metrics
import NIOPosix
import Synchronization

/// Per-request metrics under the same names and dimensions as Hummingbird's `MetricsMiddleware`
/// (`hb_requests`, `http_server_request_duration`, `hb_request_errors`,
/// `http_server_active_requests`), without its costs.
///
/// - Hummingbird's middleware wraps every body in a post-write closure, which makes the server write
///   the head and the body as two flushes: two `write` syscalls and two suspensions per response. Here a
///   small body (already in memory, `inlineBodyLimit` bytes or fewer) is measured when the handler
///   returns, so head and body leave in one write; a larger or streamed body (a download) is still
///   measured after its last byte is written.
/// - Updating the shared Prometheus objects on every request made both event loops contend for the same
///   locks and atomics: 2-3 µs per request each for the histogram and the gauge, about 10 % of a metadata
///   GET. Requests are recorded in a per-thread shard instead, and `RequestMetrics.flush()` folds the
///   shards into the Prometheus objects every second and before every `/metrics` scrape.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Bodies up to this size are measured when the handler returns.
    static var inlineBodyLimit: Int { 256 * 1024 }

    let metrics: RequestMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let metrics = self.metrics
        metrics.started(request.method)
        do {
            var response = try await next(request, context)
            let key = RequestMetrics.Key(route: context.endpointPath ?? "Unknown", method: request.method, status: response.status)
            if let length = response.body.contentLength, length <= Self.inlineBodyLimit {
                metrics.finished(key, since: start)
            } else {
                let body = response.body
                let pending = PendingRecord { metrics.finished(key, since: start) }
                response.body = ResponseBody(contentLength: body.contentLength) { writer in
                    defer { pending.finish() }
                    try await body.write(writer)
                }
            }
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            metrics.failed(RequestMetrics.Key(route: context.endpointPath ?? "NotFound", method: request.method, status: status))
            throw error
        }
    }
}

/// Records a streamed response once: after its last byte, or when the response is dropped unwritten
/// (the client went away before the head), so the active-requests gauge never drifts.
final class PendingRecord: Sendable {
    private let action: Mutex<(@Sendable () -> Void)?>

    init(_ action: @escaping @Sendable () -> Void) {
        self.action = Mutex(action)
    }

    func finish() {
        action.withLock { action in
            defer { action = nil }
            return action
        }?()
    }

    deinit { finish() }
}

/// Request counts, durations and in-flight requests, gathered per thread and published on `flush()`.
final class RequestMetrics: Sendable {
    struct Key: Hashable, Sendable {
        let route: String
        let method: HTTPRequest.Method
        let status: HTTPResponse.Status
    }

    /// What one thread recorded since the last flush (`inFlight` is a running count, never reset).
    private struct Recorded {
        var durations: [(Key, Int64)] = []
        var errors: [Key] = []
        var inFlight: [HTTPRequest.Method: Int] = [:]
    }

    private final class Shard: Sendable {
        let recorded = Mutex(Recorded())
    }

    private struct Published {
        var endpoints: [Key: (requests: Counter, duration: Timer, errors: Counter)] = [:]
        var meters: [HTTPRequest.Method: Meter] = [:]
    }

    private let shards = Mutex<[Shard]>([])
    private let threadShard = ThreadSpecificVariable<Shard>()
    private let published = Mutex(Published())

    func started(_ method: HTTPRequest.Method) {
        shard.recorded.withLock { $0.inFlight[method, default: 0] += 1 }
    }

    func finished(_ key: Key, since start: UInt64) {
        let elapsed = Int64(DispatchTime.now().uptimeNanoseconds - start)
        let pending = shard.recorded.withLock {
            $0.durations.append((key, elapsed))
            $0.inFlight[key.method, default: 0] -= 1
            return $0.durations.count
        }
        // Bounded even if nobody flushes (a stalled publisher): fold in here, rarely.
        if pending >= Self.maxPending { flush() }
    }

    /// Records kept per thread before a request folds them in itself.
    static let maxPending = 100_000

    func failed(_ key: Key) {
        shard.recorded.withLock {
            $0.errors.append(key)
            $0.inFlight[key.method, default: 0] -= 1
        }
    }

    /// Folds every thread's records into the Prometheus objects.
    func flush() {
        let all = shards.withLock { $0 }
        var durations: [(Key, Int64)] = []
        var errors: [Key] = []
        var inFlight: [HTTPRequest.Method: Int] = [:]
        for shard in all {
            shard.recorded.withLock { recorded in
                durations += recorded.durations
                errors += recorded.errors
                recorded.durations.removeAll(keepingCapacity: true)
                recorded.errors.removeAll(keepingCapacity: true)
                for (method, count) in recorded.inFlight { inFlight[method, default: 0] += count }
            }
        }
        var failed: [Key: Int] = [:]
        for key in errors { failed[key, default: 0] += 1 }
        published.withLock { published in
            // Counters once per key; the histogram needs every observation.
            var answered: [Key: Int] = [:]
            for (key, elapsed) in durations {
                Self.endpoint(key, in: &published).duration.recordNanoseconds(elapsed)
                answered[key, default: 0] += 1
            }
            for (key, count) in answered {
                Self.endpoint(key, in: &published).requests.increment(by: count)
            }
            for (key, count) in failed {
                let endpoint = Self.endpoint(key, in: &published)
                endpoint.requests.increment(by: count)
                endpoint.errors.increment(by: count)
            }
            for (method, count) in inFlight {
                let meter = published.meters[method] ?? Meter(label: "http.server.active_requests", dimensions: [("http.request.method", method.rawValue)])
                published.meters[method] = meter
                meter.set(Double(max(0, count)))
            }
        }
    }

    /// This thread's shard, made on first use.
    private var shard: Shard {
        if let shard = threadShard.currentValue { return shard }
        let shard = Shard()
        threadShard.currentValue = shard
        shards.withLock { $0.append(shard) }
        return shard
    }

    private static func endpoint(_ key: Key, in published: inout Published) -> (requests: Counter, duration: Timer, errors: Counter) {
        if let endpoint = published.endpoints[key] { return endpoint }
        let dimensions = [
            ("http.route", key.route), ("http.request.method", key.method.rawValue),
            ("http.response.status_code", String(key.status.code)),
        ]
        let endpoint = (
            requests: Counter(label: "hb.requests", dimensions: dimensions),
            duration: Timer(label: "http.server.request.duration", dimensions: dimensions, preferredDisplayUnit: .seconds),
            errors: Counter(label: "hb.request.errors", dimensions: [
                ("http.route", key.route), ("http.request.method", key.method.rawValue), ("error.type", String(key.status.code)),
            ])
        )
        published.endpoints[key] = endpoint
        return endpoint
    }
}
