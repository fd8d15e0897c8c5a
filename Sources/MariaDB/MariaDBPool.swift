import Dispatch
import Logging
import Metrics
import Synchronization

/// A bounded pool with health checks and reconnect.
///
/// At most `maxConnections` server connections exist at once; callers beyond that wait in FIFO order
/// up to `acquireTimeout`, then get `.poolExhausted`. A connection that failed with a connection-lost
/// error is discarded (and so are the idle ones, which shared its fate), so the pool recovers by itself
/// after a server restart. Idle connections unused for longer than `idlePingInterval` are pinged first.
public final class MariaDBPool: Sendable {
    /// The settings new connections use.
    public let configuration: MariaDBConfiguration
    /// The bound on open connections.
    public let maxConnections: Int
    /// How long `withConnection` waits for a free connection.
    public let acquireTimeout: Duration
    /// Idle time after which a connection is pinged before being handed out.
    public let idlePingInterval: Duration
    let logger: Logger
    let state = Mutex(PoolState())
    let inUseGauge: Gauge
    let acquireTimer: Timer

    /// Creates a pool; connections are opened lazily.
    public convenience init(configuration: MariaDBConfiguration, maxConnections: Int, acquireTimeout: Duration = .seconds(5),
                logger: Logger) {
        self.init(configuration: configuration, maxConnections: maxConnections, acquireTimeout: acquireTimeout,
                  idlePingInterval: .seconds(5), logger: logger)
    }

    /// Creates a pool with a custom idle-ping interval.
    public init(configuration: MariaDBConfiguration, maxConnections: Int, acquireTimeout: Duration,
                idlePingInterval: Duration, logger: Logger) {
        self.configuration = configuration
        self.maxConnections = max(1, maxConnections)
        self.acquireTimeout = acquireTimeout
        self.idlePingInterval = idlePingInterval
        self.logger = logger
        inUseGauge = Gauge(label: "mariadb_pool_connections_in_use")
        acquireTimer = Timer(label: "mariadb_pool_acquire_wait_seconds")
    }

    /// Lends a connection to `body` and takes it back (discarding it if it broke).
    public func withConnection<T: Sendable>(_ body: @Sendable (MariaDBConnection) async throws -> T) async throws -> T {
        let connection = try await acquire()
        do {
            let result = try await body(connection)
            release(connection)
            return result
        } catch {
            if let error = error as? MariaDBError, error.isConnectionLost { connection.markBroken() }
            release(connection)
            throw error
        }
    }

    /// BEGIN; body; COMMIT — ROLLBACK when body throws (then rethrows).
    public func transaction<T: Sendable>(_ body: @Sendable (MariaDBConnection) async throws -> T) async throws -> T {
        try await withConnection { connection in
            try await connection.executeUnprepared("START TRANSACTION")
            do {
                let result = try await body(connection)
                try await connection.executeUnprepared("COMMIT")
                return result
            } catch {
                do {
                    try await connection.executeUnprepared("ROLLBACK")
                } catch {
                    connection.markBroken()
                }
                throw error
            }
        }
    }

    /// Prepared query on a pooled connection. A read (`SELECT`/`SHOW`) that hits a connection lost on a
    /// reused connection is retried once on a fresh one.
    public func query(_ sql: String, _ parameters: [any MariaDBEncodable] = []) async throws -> [MariaDBRow] {
        let values = parameters.map(\.mariaDBValue)
        do {
            return try await withConnection { try await $0.query(sql, values) }
        } catch let error as MariaDBError where error.isConnectionLost && Self.isRetryableRead(sql) {
            logger.debug("mariadb retrying read after connection loss", metadata: ["mariadb.error_code": "\(error.code)"])
            return try await withConnection { try await $0.query(sql, values) }
        }
    }

    /// Prepared statement on a pooled connection: affected rows and last insert id.
    public func execute(_ sql: String, _ parameters: [any MariaDBEncodable] = []) async throws -> MariaDBExecResult {
        let values = parameters.map(\.mariaDBValue)
        return try await withConnection { try await $0.execute(sql, values) }
    }

    /// True when a connection can be had and answers a ping.
    public func isHealthy() async -> Bool {
        (try? await withConnection { await $0.ping() }) ?? false
    }

    /// Fails every waiter with `.closed`, closes idle connections; in-use ones close when returned.
    public func shutdown() async {
        let (idle, waiters) = state.withLock { state in
            state.isShutdown = true
            defer { state.idle.removeAll(); state.waiters.removeAll() }
            return (state.idle, state.waiters)
        }
        for waiter in waiters {
            waiter.continuation.resume(throwing: MariaDBError(kind: .closed, message: "pool is shut down"))
        }
        for entry in idle { await entry.connection.close() }
        logger.debug("mariadb pool shut down")
    }

    /// Connections open or being opened right now (idle + in use).
    public var openConnectionCount: Int { state.withLock { $0.idle.count + $0.leased } }

    static func isRetryableRead(_ sql: String) -> Bool {
        let head = sql.drop(while: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "(" }).prefix(6).uppercased()
        return head.hasPrefix("SELECT") || head.hasPrefix("SHOW")
    }
}
