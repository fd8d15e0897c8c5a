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

    /// Parses `OWNER SIZE SHA256\nCONTENT-TYPE\nJSON` straight from the bytes (this runs on every
    /// cached metadata read, so no intermediate strings).
    init?(_ bytes: [UInt8]) {
        var index = bytes.startIndex
        func number() -> UInt64? {
            var value: UInt64 = 0
            let start = index
            while index < bytes.endIndex, bytes[index] >= 0x30, bytes[index] <= 0x39, index - start < 19 {
                value = value * 10 + UInt64(bytes[index] - 0x30)
                index += 1
            }
            guard index > start, index < bytes.endIndex, bytes[index] == 0x20 else { return nil }
            index += 1
            return value
        }
        guard let owner = number(), let size = number(), size <= UInt64(Int64.max),
              bytes.endIndex - index > 65, bytes[index + 64] == 0x0A,
              let typeEnd = bytes[(index + 65)...].firstIndex(of: 0x0A) else { return nil }
        ownerID = owner
        self.size = Int64(size)
        sha256 = String(decoding: bytes[index..<(index + 64)], as: UTF8.self)
        contentType = String(decoding: bytes[(index + 65)..<typeEnd], as: UTF8.self)
        json = bytes[(typeEnd + 1)...]
    }

    init(_ record: FileRecord) {
        ownerID = record.ownerID
        size = record.size
        sha256 = record.sha256
        contentType = record.contentType
        json = ArraySlice(record.json.utf8)
    }
}
