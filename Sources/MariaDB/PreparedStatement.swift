internal import CMariaDB

/// One server-side prepared statement (MYSQL_STMT); used only on its connection's queue.
final class PreparedStatement {
    private let handle: UnsafeMutablePointer<MYSQL_STMT>
    /// Number of `?` placeholders.
    let parameterCount: Int
    /// Result buffers of the previous execution, reused while the result metadata is unchanged.
    private var cachedResultBinding: ResultBinding?
    /// Recency stamp for the connection's LRU statement cache.
    var lastUsed: UInt64 = 0

    /// Prepares `sql` on the connection; throws the server's error (e.g. 1064 for a syntax error).
    init(connection: UnsafeMutablePointer<MYSQL>, sql: String) throws {
        guard let statement = mysql_stmt_init(connection) else {
            throw NativeConnection.error(of: connection)
        }
        let status = sql.utf8CString.withUnsafeBufferPointer { pointer in
            mysql_stmt_prepare(statement, pointer.baseAddress, UInt(pointer.count - 1))
        }
        if status != 0 {
            let error = Self.error(of: statement)
            mysql_stmt_close(statement)
            throw error
        }
        handle = statement
        parameterCount = Int(mysql_stmt_param_count(statement))
    }

    /// Frees the statement on the server and in the client.
    func close() {
        mysql_stmt_close(handle)
    }

    /// The statement's last error as a typed error.
    static func error(of statement: UnsafeMutablePointer<MYSQL_STMT>) -> MariaDBError {
        MariaDBError.fromClient(
            code: mysql_stmt_errno(statement),
            sqlState: mysql_stmt_sqlstate(statement).map { String(cString: $0) } ?? "",
            message: mysql_stmt_error(statement).map { String(cString: $0) } ?? "unknown error")
    }

    /// Binds parameters and executes.
    private func run(_ parameters: [MariaDBValue]) throws {
        guard parameters.count == parameterCount else {
            throw MariaDBError(kind: .server, code: 2034, sqlState: "HY000",
                               message: "statement has \(parameterCount) placeholders but \(parameters.count) parameters were given")
        }
        if parameterCount > 0 {
            let binding = ParameterBinding(parameters)
            if mysql_stmt_bind_param(handle, binding.binds) != 0 { throw Self.error(of: handle) }
            if mysql_stmt_execute(handle) != 0 { throw Self.error(of: handle) }
            withExtendedLifetime(binding) {}
        } else if mysql_stmt_execute(handle) != 0 {
            throw Self.error(of: handle)
        }
    }

    /// Executes and returns every row of the first result set (none for statements without one).
    func query(_ parameters: [MariaDBValue]) throws -> [MariaDBRow] {
        try run(parameters)
        let columnCount = Int(mysql_stmt_field_count(handle))
        var rows: [MariaDBRow] = []
        if columnCount > 0, let fields = handle.pointee.fields {
            let binding: ResultBinding
            if let cached = cachedResultBinding, cached.matches(fields: fields, count: columnCount) {
                binding = cached
            } else {
                binding = ResultBinding(fields: fields, count: columnCount)
                cachedResultBinding = binding
            }
            try binding.bind(to: handle)
            let columns = binding.columns
            while true {
                let status = mysql_stmt_fetch(handle)
                if status == CMARIADB_NO_DATA { break }
                guard status == 0 || status == CMARIADB_DATA_TRUNCATED else { throw Self.error(of: handle) }
                let values = try binding.readRow(from: handle, truncated: status == CMARIADB_DATA_TRUNCATED)
                rows.append(MariaDBRow(columns: columns, values: values))
            }
        }
        try drainRemainingResults()
        return rows
    }

    /// Executes a statement expected to return no rows (any rows are read and dropped).
    func execute(_ parameters: [MariaDBValue]) throws -> MariaDBExecResult {
        try run(parameters)
        let result = MariaDBExecResult(affectedRows: mysql_stmt_affected_rows(handle),
                                       lastInsertID: mysql_stmt_insert_id(handle))
        if mysql_stmt_field_count(handle) > 0 {
            try discardRows()
        }
        try drainRemainingResults()
        return result
    }

    private func discardRows() throws {
        while true {
            let status = mysql_stmt_fetch(handle)
            if status == CMARIADB_NO_DATA { return }
            if status != 0 && status != CMARIADB_DATA_TRUNCATED { throw Self.error(of: handle) }
        }
    }

    /// Reads and drops further result sets (stored procedures), leaving the statement reusable.
    private func drainRemainingResults() throws {
        while mysql_stmt_more_results(handle) != 0 {
            let status = mysql_stmt_next_result(handle)
            if status > 0 { throw Self.error(of: handle) }
            if status < 0 { break }
            if mysql_stmt_field_count(handle) > 0 { try discardRows() }
        }
        mysql_stmt_free_result(handle)
    }
}
