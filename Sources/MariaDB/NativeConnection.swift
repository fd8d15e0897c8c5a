internal import CMariaDB

/// The libmariadb handle of one connection plus its prepared-statement cache.
/// Every method blocks and must run on the owning `MariaDBConnection`'s serial queue only.
// Safety: every method runs on the owning MariaDBConnection's serial queue only, so its state is never shared.
final class NativeConnection: @unchecked Sendable {
    private var handle: UnsafeMutablePointer<MYSQL>?
    private var statements: [String: PreparedStatement] = [:]
    private var useCounter: UInt64 = 0
    private let statementCacheLimit: Int
    /// Server version string captured at connect.
    let serverVersion: String
    /// Server-side connection id (for logs and KILL).
    let threadID: UInt

    /// Opens a connection with the configured timeouts, TLS and utf8mb4, session time zone UTC.
    init(configuration: MariaDBConfiguration, statementCacheLimit: Int) throws {
        try MariaDBLibrary.ensureInitialized()
        guard let mysql = mysql_init(nil) else {
            throw MariaDBError(kind: .connection, message: "mysql_init failed (out of memory)")
        }
        self.statementCacheLimit = statementCacheLimit
        do {
            try Self.applyOptions(configuration, to: mysql)
            let connected = mysql_real_connect(mysql, configuration.host, configuration.user, configuration.password,
                                               configuration.database.isEmpty ? nil : configuration.database,
                                               UInt32(clamping: configuration.port), nil, 0)
            if connected == nil {
                let error = Self.error(of: mysql)
                throw MariaDBError(kind: .connection, code: error.code, sqlState: error.sqlState, message: error.message)
            }
            if configuration.tls != .disabled, configuration.tls != .preferred, mysql_get_ssl_cipher(mysql) == nil {
                throw MariaDBError(kind: .connection, code: 2026, sqlState: "HY000",
                                   message: "TLS is required but the server did not negotiate it")
            }
        } catch {
            mysql_close(mysql)
            throw error
        }
        handle = mysql
        serverVersion = mysql_get_server_info(mysql).map { String(cString: $0) } ?? ""
        threadID = mysql_thread_id(mysql)
    }

    deinit { close() }

    private static func applyOptions(_ configuration: MariaDBConfiguration, to mysql: UnsafeMutablePointer<MYSQL>) throws {
        var connectTimeout = configuration.connectTimeout.wholeSecondsRoundedUp
        var readTimeout = configuration.readTimeout.wholeSecondsRoundedUp
        var writeTimeout = configuration.writeTimeout.wholeSecondsRoundedUp
        var status: Int32 = 0
        status |= mysql_options(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &connectTimeout)
        status |= mysql_options(mysql, MYSQL_OPT_READ_TIMEOUT, &readTimeout)
        status |= mysql_options(mysql, MYSQL_OPT_WRITE_TIMEOUT, &writeTimeout)
        var noReconnect: my_bool = 0
        status |= mysql_options(mysql, MYSQL_OPT_RECONNECT, &noReconnect)
        status |= mysql_options(mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4")
        status |= mysql_options(mysql, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00'")
        status |= applyTLS(configuration.tls, to: mysql)
        if status != 0 {
            throw MariaDBError(kind: .connection, message: "mysql_options rejected a connection option")
        }
    }

    private static func applyTLS(_ tls: MariaDBTLS, to mysql: UnsafeMutablePointer<MYSQL>) -> Int32 {
        var enforce: my_bool = 1
        var verify: my_bool = 0
        var status: Int32 = 0
        switch tls {
        case .disabled:
            var off: my_bool = 0
            status |= mysql_options(mysql, MYSQL_OPT_SSL_ENFORCE, &off)
        case .preferred, .required:
            // libmariadb's "enforce" only means "try TLS"; `.required` is checked after connecting.
            status |= mysql_options(mysql, MYSQL_OPT_SSL_ENFORCE, &enforce)
            status |= mysql_options(mysql, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify)
        case .verifyCA(let caPath), .verifyIdentity(let caPath):
            verify = 1
            status |= mysql_options(mysql, MYSQL_OPT_SSL_ENFORCE, &enforce)
            status |= mysql_options(mysql, MYSQL_OPT_SSL_CA, caPath)
            status |= mysql_options(mysql, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify)
        }
        return status
    }

    /// The handle's last error as a typed error.
    static func error(of mysql: UnsafeMutablePointer<MYSQL>) -> MariaDBError {
        MariaDBError.fromClient(
            code: mysql_errno(mysql),
            sqlState: mysql_sqlstate(mysql).map { String(cString: $0) } ?? "",
            message: mysql_error(mysql).map { String(cString: $0) } ?? "unknown error")
    }

    private func openHandle() throws -> UnsafeMutablePointer<MYSQL> {
        guard let handle else { throw MariaDBError(kind: .closed, message: "connection is closed") }
        return handle
    }

    /// The cached prepared statement for `sql`, preparing (and evicting the least recently used) as needed.
    private func statement(for sql: String) throws -> PreparedStatement {
        useCounter &+= 1
        if let cached = statements[sql] {
            cached.lastUsed = useCounter
            return cached
        }
        let prepared = try PreparedStatement(connection: try openHandle(), sql: sql)
        prepared.lastUsed = useCounter
        if statements.count >= statementCacheLimit,
           let oldest = statements.min(by: { $0.value.lastUsed < $1.value.lastUsed }) {
            oldest.value.close()
            statements[oldest.key] = nil
        }
        statements[sql] = prepared
        return prepared
    }

    /// Runs `body` with the cached statement; drops it from the cache after a client-side error.
    private func withStatement<T>(_ sql: String, _ body: (PreparedStatement) throws -> T) throws -> T {
        let prepared = try statement(for: sql)
        do {
            return try body(prepared)
        } catch let error as MariaDBError {
            if error.code >= 2000 && error.code != 2034 {
                prepared.close()
                statements[sql] = nil
            }
            throw error
        }
    }

    /// Prepared query returning all rows.
    func query(_ sql: String, _ parameters: [MariaDBValue]) throws -> [MariaDBRow] {
        try withStatement(sql) { try $0.query(parameters) }
    }

    /// Prepared statement returning affected rows and last insert id.
    func execute(_ sql: String, _ parameters: [MariaDBValue]) throws -> MariaDBExecResult {
        try withStatement(sql) { try $0.execute(parameters) }
    }

    /// Text-protocol statement; any result sets are read and dropped.
    func executeUnprepared(_ sql: String) throws {
        let mysql = try openHandle()
        let status = sql.utf8CString.withUnsafeBufferPointer { pointer in
            mysql_real_query(mysql, pointer.baseAddress, UInt(pointer.count - 1))
        }
        if status != 0 { throw Self.error(of: mysql) }
        while true {
            if let result = mysql_store_result(mysql) {
                mysql_free_result(result)
            } else if mysql_field_count(mysql) != 0 {
                throw Self.error(of: mysql)
            }
            let next = mysql_next_result(mysql)
            if next > 0 { throw Self.error(of: mysql) }
            if next < 0 { break }
        }
    }

    /// True when the server answers (no automatic reconnect).
    func ping() -> Bool {
        guard let handle else { return false }
        return mysql_ping(handle) == 0
    }

    /// Number of cached prepared statements (for tests).
    var cachedStatementCount: Int { statements.count }

    /// Closes every cached statement and the connection; idempotent.
    func close() {
        guard let mysql = handle else { return }
        for statement in statements.values { statement.close() }
        statements.removeAll()
        mysql_close(mysql)
        handle = nil
    }
}
