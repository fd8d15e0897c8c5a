import Foundation

/// Test data: a small FileWallBall-like schema (users, files with a foreign key, settings) and blobs.
enum Seed {
    /// Creates the tables and the "state A" rows and blob files.
    static func stateA(_ db: TestDatabase) async throws {
        try await db.sql("""
            CREATE TABLE users (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, username VARCHAR(64) NOT NULL UNIQUE,
              created_at DATETIME(6) NOT NULL) ENGINE=InnoDB;
            CREATE TABLE files (id CHAR(36) NOT NULL PRIMARY KEY, owner_id BIGINT NOT NULL, name VARCHAR(255) NOT NULL,
              size BIGINT NOT NULL, sha256 CHAR(64) NOT NULL, content_type VARCHAR(100) NULL, created_at DATETIME(6) NOT NULL,
              raw VARBINARY(64) NULL, CONSTRAINT fk_owner FOREIGN KEY (owner_id) REFERENCES users(id)) ENGINE=InnoDB;
            CREATE TABLE settings (name VARCHAR(64) NOT NULL PRIMARY KEY, value TEXT NULL) ENGINE=InnoDB;
            INSERT INTO users (username, created_at) VALUES ('alice', '2026-01-02 03:04:05.123456'), ('bob', '2026-02-03 04:05:06.000001');
            INSERT INTO files VALUES ('00000000-0000-0000-0000-000000000001', 1, 'résumé «final».pdf', 6, 'aa', 'application/pdf', '2026-03-01 00:00:00', X'00FF10'),
              ('00000000-0000-0000-0000-000000000002', 2, 'tab\there', 5, 'bb', NULL, '2026-03-02 00:00:00', NULL);
            INSERT INTO settings VALUES ('quota', '10 GiB'), ('motd', NULL), ('emoji', '🐳 ok');
            """)
        try db.writeBlob("aa/one.bin", "blob one")
        try db.writeBlob("bb/two.bin", "blob two")
    }

    /// Changes everything: "state B" (updates, deletes, inserts, a dropped and a new table, blob edits).
    static func stateB(_ db: TestDatabase) async throws {
        try await db.sql("""
            UPDATE users SET username = 'alice2' WHERE id = 1;
            DELETE FROM files WHERE id = '00000000-0000-0000-0000-000000000002';
            INSERT INTO users (username, created_at) VALUES ('carol', NOW(6));
            DROP TABLE settings;
            CREATE TABLE sessions (id INT PRIMARY KEY, token VARCHAR(64)) ENGINE=InnoDB;
            INSERT INTO sessions VALUES (1, 'x');
            """)
        try db.writeBlob("aa/one.bin", "overwritten")
        try FileManager.default.removeItem(at: db.blobDir.appendingPathComponent("bb/two.bin"))
        try db.writeBlob("cc/three.bin", "new after backup")
    }

    /// A bigger table (about `megabytes` MB of incompressible text) for kill-during-dump tests.
    static func bigTable(_ db: TestDatabase, megabytes: Int) async throws {
        try await db.sql("CREATE TABLE big (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, payload VARCHAR(200) NOT NULL) ENGINE=InnoDB")
        try await db.sql("INSERT INTO big (payload) SELECT SHA2(seq, 512) FROM seq_1_to_1000")
        var rows = 1000
        while rows * 130 < megabytes * 1_048_576 {
            try await db.sql("INSERT INTO big (payload) SELECT CONCAT(SHA2(CONCAT(id, RAND()), 512), LEFT(MD5(RAND()), 2)) FROM big")
            rows *= 2
        }
    }
}
