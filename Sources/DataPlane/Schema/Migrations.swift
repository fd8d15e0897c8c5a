/// One schema step. Steps are append-only: never edit a shipped one, add the next version.
struct Migration: Sendable {
    /// Monotonic version, starting at 1.
    let version: Int
    /// What it does, for logs.
    let summary: String
    /// Statements run in order (DDL; MariaDB commits each implicitly).
    let statements: [String]
}

/// Every migration, in order.
enum Migrations {
    static let all: [Migration] = [
        Migration(version: 1, summary: "users, sessions, files, resumable uploads, maintenance flag, pending cache invalidations", statements: [
            """
            CREATE TABLE IF NOT EXISTS users (
              id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
              username VARCHAR(255) NOT NULL,
              password_hash VARCHAR(255) NOT NULL,
              is_admin TINYINT(1) NOT NULL DEFAULT 0,
              created_at DATETIME(6) NOT NULL,
              UNIQUE KEY users_username (username)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
            """,
            """
            CREATE TABLE IF NOT EXISTS sessions (
              token_hash CHAR(64) NOT NULL PRIMARY KEY,
              user_id BIGINT UNSIGNED NOT NULL,
              created_at DATETIME(6) NOT NULL,
              expires_at DATETIME(6) NOT NULL,
              KEY sessions_user (user_id),
              KEY sessions_expiry (expires_at)
            ) ENGINE=InnoDB DEFAULT CHARSET=ascii
            """,
            """
            CREATE TABLE IF NOT EXISTS files (
              seq BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
              id CHAR(36) CHARACTER SET ascii NOT NULL,
              owner_id BIGINT UNSIGNED NOT NULL,
              name VARCHAR(255) NOT NULL,
              size BIGINT UNSIGNED NOT NULL,
              sha256 CHAR(64) CHARACTER SET ascii NOT NULL,
              content_type VARCHAR(255) NOT NULL,
              created_at DATETIME(6) NOT NULL,
              UNIQUE KEY files_id (id),
              KEY files_owner_seq (owner_id, seq),
              KEY files_sha256 (sha256)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
            """,
            """
            CREATE TABLE IF NOT EXISTS fwb_maintenance (
              id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
              reason VARCHAR(255) NOT NULL,
              started_at DATETIME(6) NOT NULL,
              expires_at DATETIME(6) NOT NULL
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
            """,
            """
            CREATE TABLE IF NOT EXISTS uploads (
              id CHAR(36) CHARACTER SET ascii NOT NULL PRIMARY KEY,
              owner_id BIGINT UNSIGNED NOT NULL,
              name VARCHAR(255) NOT NULL,
              content_type VARCHAR(255) NOT NULL,
              length BIGINT UNSIGNED NOT NULL,
              received BIGINT UNSIGNED NOT NULL,
              created_at DATETIME(6) NOT NULL,
              expires_at DATETIME(6) NOT NULL,
              KEY uploads_owner (owner_id),
              KEY uploads_expiry (expires_at)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
            """,
            """
            CREATE TABLE IF NOT EXISTS cache_invalidations (
              cache_key VARCHAR(255) CHARACTER SET ascii NOT NULL PRIMARY KEY,
              created_at DATETIME(6) NOT NULL
            ) ENGINE=InnoDB
            """,
        ]),
    ]

    /// The newest version this binary knows.
    static var latestVersion: Int { all.last?.version ?? 0 }
}
