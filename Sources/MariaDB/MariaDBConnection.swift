import Dispatch
import Logging
import Metrics
import Synchronization

/// One server connection. Used by one task at a time (the pool guarantees it).
///
/// Every libmariadb call runs on this connection's own serial DispatchQueue, never on Swift's
/// cooperative pool; callers suspend on a continuation until the call returns.
// Safety: `native` is only touched on the serial `queue`; every other stored property is a constant or a Mutex.
public final class MariaDBConnection: @unchecked Sendable {
    private let native: NativeConnection
    private let queue: DispatchQueue
    private let logger: Logger
    private let state = Mutex(ConnectionState())
    private let successTimer: Timer
    private let failureTimer: Timer
    private let readTimeout: Duration

    /// Server version string, e.g. "10.11.6-MariaDB-0+deb12u1".
    public var serverVersion: String { native.serverVersion }
    /// Server-side connection id (what `CONNECTION_ID()` returns).
    public var connectionID: UInt64 { UInt64(native.threadID) }
    /// True once a call failed with a connection-lost error, or after `close()`: never reuse it.
    public var isBroken: Bool { state.withLock { $0.broken || $0.closed } }

    private struct ConnectionState {
        var broken = false
        var closed = false
    }

    /// Bound on cached prepared statements per connection.
    static let statementCacheLimit = 128

    private init(native: NativeConnection, queue: DispatchQueue, readTimeout: Duration, logger: Logger) {
        self.native = native
        self.readTimeout = readTimeout
        self.queue = queue
        self.logger = logger
        successTimer = Timer(label: "mariadb_query_duration_seconds", dimensions: [("outcome", "success")])
        failureTimer = Timer(label: "mariadb_query_duration_seconds", dimensions: [("outcome", "error")])
    }

    deinit {
        let native = self.native
        queue.async { native.close() }
    }

    /// Opens a connection (on a new serial queue) with the configured timeouts and TLS.
    public static func connect(configuration: MariaDBConfiguration, logger: Logger) async throws -> MariaDBConnection {
        var logger = logger
        logger[metadataKey: "mariadb.host"] = "\(configuration.host):\(configuration.port)"
        logger[metadataKey: "mariadb.database"] = "\(configuration.database)"
        let queue = DispatchQueue(label: "filewallball.mariadb.connection")
        do {
            let native: NativeConnection = try await withUnsafeThrowingContinuation { continuation in
                queue.async {
                    continuation.resume(with: Result {
                        try NativeConnection(configuration: configuration, statementCacheLimit: statementCacheLimit)
                    })
                }
            }
            logger[metadataKey: "mariadb.connection_id"] = "\(native.threadID)"
            logger.debug("mariadb connected", metadata: ["mariadb.server_version": "\(native.serverVersion)"])
            return MariaDBConnection(native: native, queue: queue, readTimeout: configuration.readTimeout, logger: logger)
        } catch let error as MariaDBError {
            logger.warning("mariadb connect failed", metadata: ["mariadb.error_code": "\(error.code)",
                                                                "mariadb.error_kind": "\(error.kind.rawValue)"])
            throw error
        }
    }

    /// Runs blocking work on the connection's queue; marks the connection broken on connection-lost errors.
    private func run<T: Sendable>(_ work: @escaping @Sendable (NativeConnection) throws -> T) async throws -> T {
        if state.withLock({ $0.closed }) { throw MariaDBError(kind: .closed, message: "connection is closed") }
        let native = self.native
        let start = ContinuousClock.now
        do {
            return try await withUnsafeThrowingContinuation { continuation in
                queue.async { continuation.resume(with: Result { try work(native) }) }
            }
        } catch var error as MariaDBError {
            // libmariadb reports a read timeout as a plain 2013; tell it apart by the time it took.
            if error.code == 2013, ContinuousClock.now - start >= readTimeout * 0.9 {
                error = MariaDBError(kind: .timeout, code: error.code, sqlState: error.sqlState,
                                     message: error.message + " (read timeout)")
            }
            if error.isConnectionLost {
                markBroken()
                logger.warning("mariadb connection lost", metadata: ["mariadb.error_code": "\(error.code)"])
            } else {
                logger.debug("mariadb statement failed", metadata: ["mariadb.error_code": "\(error.code)",
                                                                    "mariadb.sqlstate": "\(error.sqlState)"])
            }
            throw error
        }
    }

    /// Runs `work` and records the query timer by outcome (also used by `withBlockingSession`).
    func timed<T: Sendable>(_ work: @escaping @Sendable (NativeConnection) throws -> T) async throws -> T {
        let start = ContinuousClock.now
        do {
            let result = try await run(work)
            successTimer.recordNanoseconds(Self.nanoseconds(since: start))
            return result
        } catch {
            failureTimer.recordNanoseconds(Self.nanoseconds(since: start))
            throw error
        }
    }

    private static func nanoseconds(since start: ContinuousClock.Instant) -> Int64 {
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// Prepared statement with bound parameters (`?` placeholders). Never string-concatenate values.
    public func query(_ sql: String, _ parameters: [any MariaDBEncodable] = []) async throws -> [MariaDBRow] {
        let values = parameters.map(\.mariaDBValue)
        return try await timed { try $0.query(sql, values) }
    }

    /// Prepared statement that returns no rows: affected rows and last insert id.
    public func execute(_ sql: String, _ parameters: [any MariaDBEncodable] = []) async throws -> MariaDBExecResult {
        let values = parameters.map(\.mariaDBValue)
        return try await timed { try $0.execute(sql, values) }
    }

    /// Runs a statement that cannot be prepared (DDL with identifiers, LOCK, RENAME TABLE ...) with mysql_real_query.
    public func executeUnprepared(_ sql: String) async throws {
        try await timed { try $0.executeUnprepared(sql) }
    }

    /// True when the server answers; a failed ping marks the connection broken.
    public func ping() async -> Bool {
        let alive = (try? await run { $0.ping() }) ?? false
        if !alive { markBroken() }
        return alive
    }

    /// Number of prepared statements cached on this connection.
    public func cachedStatementCount() async -> Int {
        (try? await run { $0.cachedStatementCount }) ?? 0
    }

    /// Marks the connection unusable so the pool discards it.
    public func markBroken() {
        state.withLock { $0.broken = true }
    }

    /// Closes cached statements and the connection; later calls throw `.closed`.
    public func close() async {
        let alreadyClosed = state.withLock { state -> Bool in
            defer { state.closed = true }
            return state.closed
        }
        guard !alreadyClosed else { return }
        let native = self.native
        await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
            queue.async {
                native.close()
                continuation.resume()
            }
        }
        logger.debug("mariadb connection closed")
    }

    /// Closes without waiting (used by the pool when discarding).
    func closeInBackground() {
        let alreadyClosed = state.withLock { state -> Bool in
            defer { state.closed = true }
            return state.closed
        }
        guard !alreadyClosed else { return }
        let native = self.native
        queue.async { native.close() }
    }
}
