import Metrics

/// The pool's metrics, created once so the hot path only increments.
struct RedisPoolMetrics: Sendable {
    let success: Counter
    let serverError: Counter
    let connectionError: Counter
    let timeout: Counter
    let poolExhausted: Counter
    let closed: Counter
    let protocolError: Counter
    let connectSuccess: Counter
    let connectFailure: Counter
    let inUse: Gauge
    let open: Gauge

    init() {
        func commands(_ outcome: String) -> Counter {
            Counter(label: "redis_commands_total", dimensions: [("outcome", outcome)])
        }
        success = commands("success")
        serverError = commands("server_error")
        connectionError = commands("connection_error")
        timeout = commands("timeout")
        poolExhausted = commands("pool_exhausted")
        closed = commands("closed")
        protocolError = commands("protocol_error")
        connectSuccess = Counter(label: "redis_connects_total", dimensions: [("outcome", "success")])
        connectFailure = Counter(label: "redis_connects_total", dimensions: [("outcome", "failure")])
        inUse = Gauge(label: "redis_pool_connections_in_use")
        open = Gauge(label: "redis_pool_connections_open")
    }

    /// Counts `count` commands that failed with `error`.
    func recordFailure(_ error: RedisError, count: Int) {
        let counter: Counter
        switch error.kind {
        case .connection, .invalidURL: counter = connectionError
        case .timeout: counter = timeout
        case .poolExhausted: counter = poolExhausted
        case .closed: counter = closed
        case .server: counter = serverError
        case .protocolError: counter = protocolError
        }
        counter.increment(by: count)
    }
}
