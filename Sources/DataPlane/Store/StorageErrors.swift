import MariaDB

/// Maps storage failures to API errors: an unreachable MariaDB becomes 503 `database_unavailable`;
/// API errors pass through; anything else is rethrown for the generic 500 handler.
func mapStorageError(_ error: any Error) -> any Error {
    if let api = error as? APIError { return api }
    if let db = error as? MariaDBError {
        switch db.kind {
        case .connection, .timeout, .poolExhausted, .closed: return APIError.databaseUnavailable
        default: return db.isConnectionLost ? APIError.databaseUnavailable : db
        }
    }
    return error
}

/// Runs `body`, mapping storage errors with `mapStorageError`.
func withStorage<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch { throw mapStorageError(error) }
}
