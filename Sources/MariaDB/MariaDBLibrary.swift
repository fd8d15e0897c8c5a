internal import CMariaDB

/// One-time, thread-safe initialisation of libmariadb (Swift runs a static `let` initialiser once).
enum MariaDBLibrary {
    private static let initResult: Int32 = cmariadb_library_init()

    /// Calls mysql_library_init exactly once per process; throws when it failed.
    static func ensureInitialized() throws {
        guard initResult == 0 else {
            throw MariaDBError(kind: .connection, message: "mysql_library_init failed")
        }
    }
}
