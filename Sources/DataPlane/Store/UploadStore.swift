import Foundation
import MariaDB

/// A resumable upload in progress.
struct UploadRecord: Sendable {
    let id: String
    let ownerID: UInt64
    let name: String
    let contentType: String
    /// Total bytes announced at creation (`Upload-Length`).
    let length: Int64
    /// Bytes durably received so far.
    let received: Int64
    let expiresAt: Date

    var json: String {
        #"{"upload_id":"\#(id)","offset":\#(received),"length":\#(length),"expires_at":"# + JSONText.quote(JSONText.timestamp(expiresAt)) + "}"
    }
}

/// Resumable uploads in MariaDB (`uploads`). The part file holds at least `received` bytes; bytes past
/// it (written before a crash, not yet recorded) are cut off by the next append.
struct UploadStore: Sendable {
    let pool: MariaDBPool
    /// How long an unfinished upload is kept.
    static let lifetime: TimeInterval = 86_400

    func create(id: String, ownerID: UInt64, name: String, contentType: String, length: Int64) async throws -> UploadRecord {
        let expires = Date().addingTimeInterval(Self.lifetime)
        _ = try await pool.execute(
            "INSERT INTO uploads (id, owner_id, name, content_type, length, received, created_at, expires_at) VALUES (?, ?, ?, ?, ?, 0, UTC_TIMESTAMP(6), ?)",
            [id, ownerID, name, contentType, length, expires]
        )
        return UploadRecord(id: id, ownerID: ownerID, name: name, contentType: contentType, length: length, received: 0, expiresAt: expires)
    }

    /// The caller's unexpired upload, or nil (another user's upload is reported the same way).
    func find(id: String, ownerID: UInt64) async throws -> UploadRecord? {
        guard let row = try await pool.query(
            "SELECT id, owner_id, name, content_type, length, received, expires_at FROM uploads WHERE id = ? AND owner_id = ? AND expires_at > UTC_TIMESTAMP(6)",
            [id, ownerID]
        ).first else { return nil }
        return UploadRecord(
            id: try row.decode(0), ownerID: try row.decode(1), name: try row.decode(2), contentType: try row.decode(3),
            length: try row.decode(4), received: try row.decode(5), expiresAt: try row.decode(6)
        )
    }

    /// Records a durable offset.
    func recordReceived(id: String, received: Int64) async throws {
        _ = try await pool.execute("UPDATE uploads SET received = ? WHERE id = ?", [received, id])
    }

    /// Forgets an upload (finished or aborted).
    func remove(id: String) async throws {
        _ = try await pool.execute("DELETE FROM uploads WHERE id = ?", [id])
    }
}
