import Foundation
import MariaDB

/// File metadata in MariaDB. Every statement is prepared with bound parameters.
struct FileStore: Sendable {
    let pool: MariaDBPool

    /// The file with this id, whoever owns it (callers check ownership).
    func find(id: String) async throws -> FileRecord? {
        try await pool.query("SELECT \(FileRecord.columns) FROM files WHERE id = ?", [id]).first.map(FileRecord.init(row:))
    }

    /// Up to `limit` of `ownerID`'s files with seq below `beforeSeq`, newest first.
    func list(ownerID: UInt64, beforeSeq: UInt64?, limit: Int) async throws -> [FileRecord] {
        let rows: [MariaDBRow]
        if let beforeSeq {
            rows = try await pool.query(
                "SELECT \(FileRecord.columns) FROM files WHERE owner_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
                [ownerID, beforeSeq, limit]
            )
        } else {
            rows = try await pool.query(
                "SELECT \(FileRecord.columns) FROM files WHERE owner_id = ? ORDER BY seq DESC LIMIT ?",
                [ownerID, limit]
            )
        }
        return try rows.map(FileRecord.init(row:))
    }

    /// Inserts the row in `session` (inside the caller's blob lock); returns it with its seq.
    static func insert(_ record: FileRecord, in session: borrowing MariaDBBlockingSession) throws -> FileRecord {
        let result = try session.execute(
            "INSERT INTO files (id, owner_id, name, size, sha256, content_type, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [record.id, record.ownerID, record.name, record.size, record.sha256, record.contentType, record.createdAt]
        )
        return FileRecord(
            id: record.id, seq: result.lastInsertID, ownerID: record.ownerID, name: record.name, size: record.size,
            sha256: record.sha256, contentType: record.contentType, createdAt: record.createdAt
        )
    }

    /// Deletes `id` if `ownerID` owns it, in `session`; returns the deleted record and how many other
    /// rows still reference the same content.
    static func delete(id: String, ownerID: UInt64, in session: borrowing MariaDBBlockingSession) throws -> (FileRecord, remaining: Int64)? {
        guard let record = try session.query(
            "SELECT \(FileRecord.columns) FROM files WHERE id = ? AND owner_id = ? FOR UPDATE", [id, ownerID]
        ).first.map(FileRecord.init(row:)) else { return nil }
        _ = try session.execute("DELETE FROM files WHERE seq = ?", [record.seq])
        let remaining = try session.query("SELECT COUNT(*) AS n FROM files WHERE sha256 = ?", [record.sha256])
        return (record, try remaining.first?.decode("n", as: Int64.self) ?? 0)
    }
}
