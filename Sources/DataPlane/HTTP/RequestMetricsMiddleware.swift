import Dispatch
import Hummingbird
import Metrics
import Synchronization

/// Per-request metrics under the same names and dimensions as Hummingbird's `MetricsMiddleware`
/// (`hb_requests`, `http_server_request_duration_seconds`, `hb_request_errors`,
/// `http_server_active_requests`), without its cost on small responses.
///
/// Hummingbird's middleware wraps every body in a post-write closure, which makes the server write the
/// head and the body as two flushes: two `write` syscalls and two suspensions per response. Here a
/// small body (already in memory, `inlineBodyLimit` bytes or fewer) is measured when the handler
/// returns, so head and body leave in one write; a larger or streamed body (a download) is still
/// measured after its last byte is written.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Bodies up to this size are measured when the handler returns.
    static var inlineBodyLimit: Int { 256 * 1024 }

    private let cache = RequestMetricsCache()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let active = cache.activeRequests(request.method)
        active.increment()
        do {
            var response = try await next(request, context)
            let key = RequestMetricsCache.Key(route: context.endpointPath ?? "Unknown", method: request.method, status: response.status)
            let cache = self.cache
            if let length = response.body.contentLength, length <= Self.inlineBodyLimit {
                cache.record(key, since: start)
                active.decrement()
            } else {
                let body = response.body
                let pending = PendingRecord { cache.record(key, since: start); active.decrement() }
                response.body = ResponseBody(contentLength: body.contentLength) { writer in
                    defer { pending.finish() }
                    try await body.write(writer)
                }
            }
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            cache.recordError(RequestMetricsCache.Key(route: context.endpointPath ?? "NotFound", method: request.method, status: status))
            active.decrement()
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

/// The metric objects per route, method and status, made once each.
final class RequestMetricsCache: Sendable {
    struct Key: Hashable, Sendable {
        let route: String
        let method: HTTPRequest.Method
        let status: HTTPResponse.Status
    }

    private struct Endpoint {
        let requests: Counter
        let duration: Timer
        let errors: Counter
    }

    private let endpoints = Mutex<[Key: Endpoint]>([:])
    private let meters = Mutex<[HTTPRequest.Method: Meter]>([:])

    func activeRequests(_ method: HTTPRequest.Method) -> Meter {
        meters.withLock { table in
            if let meter = table[method] { return meter }
            let meter = Meter(label: "http.server.active_requests", dimensions: [("http.request.method", method.rawValue)])
            table[method] = meter
            return meter
        }
    }

    func record(_ key: Key, since start: UInt64) {
        let endpoint = self.endpoint(key)
        endpoint.requests.increment()
        endpoint.duration.recordNanoseconds(DispatchTime.now().uptimeNanoseconds - start)
    }

    func recordError(_ key: Key) {
        let endpoint = self.endpoint(key)
        endpoint.requests.increment()
        endpoint.errors.increment()
    }

    private func endpoint(_ key: Key) -> Endpoint {
        endpoints.withLock { table in
            if let endpoint = table[key] { return endpoint }
            let dimensions = [
                ("http.route", key.route), ("http.request.method", key.method.rawValue),
                ("http.response.status_code", String(key.status.code)),
            ]
            let endpoint = Endpoint(
                requests: Counter(label: "hb.requests", dimensions: dimensions),
                duration: Timer(label: "http.server.request.duration", dimensions: dimensions, preferredDisplayUnit: .seconds),
                errors: Counter(label: "hb.request.errors", dimensions: [
                    ("http.route", key.route), ("http.request.method", key.method.rawValue), ("error.type", String(key.status.code)),
                ])
            )
            table[key] = endpoint
            return endpoint
        }
    }
}
