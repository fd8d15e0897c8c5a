/// Synchronous statements on a connection, for `MariaDBConnection.withBlockingSession`: every call
/// blocks the connection's own thread, which the whole batch runs on.
///
/// It exists so a sequence of statements with blocking work between them (an fsync that must happen
/// while a lock is held) costs one hop to the connection's thread instead of one per statement.
/// Not Sendable: it must not leave the closure it was handed to.
public struct MariaDBBlockingSession: ~Copyable {
    let native: NativeConnection

    /// Prepared statement with bound parameters; its rows.
    public func query(_ sql: String, _ parameters: [any MariaDBEncodable] = []) throws -> [MariaDBRow] {
        try native.query(sql, parameters.map(\.mariaDBValue))
    }

    /// Prepared statement that returns no rows: affected rows and last insert id.
    public func execute(_ sql: String, _ parameters: [any MariaDBEncodable] = []) throws -> MariaDBExecResult {
        try native.execute(sql, parameters.map(\.mariaDBValue))
    }

    /// A statement that cannot be prepared (BEGIN, COMMIT, DDL ...).
    public func executeUnprepared(_ sql: String) throws {
        try native.executeUnprepared(sql)
    }
}

extension MariaDBConnection {
    /// Runs `work` on this connection's thread with synchronous statements, in one hop. `work` may also
    /// do other blocking work (file I/O); it must not wait on anything that needs Swift concurrency.
    /// A connection-lost error thrown inside marks the connection broken, as for single statements.
    public func withBlockingSession<T: Sendable>(_ work: @escaping @Sendable (borrowing MariaDBBlockingSession) throws -> T) async throws -> T {
        try await timed { native in try work(MariaDBBlockingSession(native: native)) }
    }
}
