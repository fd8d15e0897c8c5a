import Foundation
import MariaDB

/// One stored file's metadata.
struct FileRecord: Sendable, Equatable {
    /// Public id (UUID, lower case).
    let id: String
    /// Ordering key for listings (newest first).
    let seq: UInt64
    /// The uploading user.
    let ownerID: UInt64
    let name: String
    let size: Int64
    /// Hex SHA-256 of the content; also the ETag and the blob's address.
    let sha256: String
    let contentType: String
    let createdAt: Date

    /// The API's metadata object.
    var json: String {
        #"{"id":"# + JSONText.quote(id) + #","name":"# + JSONText.quote(name) + #","size":\#(size),"sha256":"\#(sha256)","content_type":"#
            + JSONText.quote(contentType) + #","created_at":"# + JSONText.quote(JSONText.timestamp(createdAt)) + "}"
    }

    /// The cache entry: `OWNER SIZE SHA256`, a newline, the content type, a newline, then the JSON
    /// object that is served as is on a hit (no JSON work on the hot path).
    var cacheValue: [UInt8] { Array("\(ownerID) \(size) \(sha256)\n\(contentType)\n\(json)".utf8) }

    /// Columns selected for a record, in `init(row:)` order.
    static let columns = "seq, id, owner_id, name, size, sha256, content_type, created_at"

    init(id: String, seq: UInt64, ownerID: UInt64, name: String, size: Int64, sha256: String, contentType: String, createdAt: Date) {
        self.id = id
        self.seq = seq
        self.ownerID = ownerID
        self.name = name
        self.size = size
        self.sha256 = sha256
        self.contentType = contentType
        self.createdAt = createdAt
    }

    init(row: MariaDBRow) throws {
        seq = try row.decode(0, as: UInt64.self)
        id = try row.decode(1, as: String.self)
        ownerID = try row.decode(2, as: UInt64.self)
        name = try row.decode(3, as: String.self)
        size = try row.decode(4, as: Int64.self)
        sha256 = try row.decode(5, as: String.self)
        contentType = try row.decode(6, as: String.self)
        createdAt = try row.decode(7, as: Date.self)
    }
}

/// A cached metadata entry, parsed without touching the JSON.
struct CachedFileMeta: Sendable {
    let ownerID: UInt64
    let size: Int64
    let sha256: String
    let contentType: String
    let json: ArraySlice<UInt8>

    init?(_ bytes: [UInt8]) {
        guard let first = bytes.firstIndex(of: 0x0A),
              let second = bytes[(first + 1)...].firstIndex(of: 0x0A) else { return nil }
        let header = String(decoding: bytes[..<first], as: UTF8.self).split(separator: " ")
        guard header.count == 3, let owner = UInt64(header[0]), let size = Int64(header[1]), header[2].utf8.count == 64 else { return nil }
        ownerID = owner
        self.size = size
        sha256 = String(header[2])
        contentType = String(decoding: bytes[(first + 1)..<second], as: UTF8.self)
        json = bytes[(second + 1)...]
    }

    init(_ record: FileRecord) {
        ownerID = record.ownerID
        size = record.size
        sha256 = record.sha256
        contentType = record.contentType
        json = ArraySlice(record.json.utf8)
    }
}
