import Foundation
import MariaDB

/// A user account as the API sees it.
struct UserRecord: Sendable, Equatable {
    let id: UInt64
    let username: String
    let isAdmin: Bool
}

/// Users in MariaDB.
struct UserStore: Sendable {
    let pool: MariaDBPool

    /// The user and stored password hash for `username`.
    func credentials(username: String) async throws -> (UserRecord, passwordHash: String)? {
        guard let row = try await pool.query(
            "SELECT id, username, is_admin, password_hash FROM users WHERE username = ?", [username]
        ).first else { return nil }
        let user = UserRecord(id: try row.decode(0), username: try row.decode(1), isAdmin: try row.decode(2, as: Int64.self) != 0)
        return (user, try row.decode(3, as: String.self))
    }

    /// Creates a user; throws 409 `user_exists` when the name is taken.
    func create(username: String, passwordHash: String, isAdmin: Bool) async throws -> UserRecord {
        do {
            let result = try await pool.execute(
                "INSERT INTO users (username, password_hash, is_admin, created_at) VALUES (?, ?, ?, UTC_TIMESTAMP(6))",
                [username, passwordHash, isAdmin]
            )
            return UserRecord(id: result.lastInsertID, username: username, isAdmin: isAdmin)
        } catch let error as MariaDBError where error.isDuplicateKey {
            throw APIError(.conflict, "user_exists", "a user named '\(username)' already exists")
        }
    }

    /// Number of users.
    func count() async throws -> Int64 {
        try await pool.query("SELECT COUNT(*) AS n FROM users").first?.decode("n", as: Int64.self) ?? 0
    }
}

/// Validates a username: 1–64 ASCII letters, digits, `.`, `_`, `-`, `@` (the admin OpenAPI document's
/// `^[A-Za-z0-9._@-]{1,64}$`).
func validateUsername(_ name: String) throws {
    let utf8 = name.utf8
    guard !utf8.isEmpty, utf8.count <= 64, utf8.allSatisfy({ byte in
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || "._-@".utf8.contains(byte)
    }) else {
        throw APIError(.badRequest, "invalid_username", "usernames are 1-64 ASCII letters, digits, '.', '_', '-' or '@'")
    }
}

/// Validates a new password: 12–1024 characters (Unicode scalars, as JSON Schema counts them).
func validateNewPassword(_ password: String) throws {
    let length = password.unicodeScalars.count
    guard length >= 12, length <= 1024 else {
        throw APIError(.badRequest, "weak_password", "passwords must be 12 to 1024 characters long")
    }
}
