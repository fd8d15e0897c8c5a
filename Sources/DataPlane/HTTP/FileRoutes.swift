import Foundation
import Hummingbird
import MariaDB
import NIOCore

/// The file endpoints: upload, list, metadata, download, delete.
struct FileRoutes: Sendable {
    let service: FileService

    func register(on router: Router<DataPlaneRequestContext>) {
        router.post("/api/v1/files") { request, _ in try await upload(request) }
        router.get("/api/v1/files") { request, _ in try await list(request) }
        router.get("/api/v1/files/:id") { request, context in try await download(request, context: context) }
        router.head("/api/v1/files/:id") { request, context in try await download(request, context: context) }
        router.get("/api/v1/files/:id/meta") { request, context in try await metadata(request, context: context) }
        router.delete("/api/v1/files/:id") { request, context in try await delete(request, context: context) }
    }

    /// GET /api/v1/files/{id}/meta — served straight from the cached bytes on a hit.
    func metadata(_ request: Request, context: DataPlaneRequestContext) async throws -> Response {
        let tokenHash = try RequestParsing.tokenHash(request)
        let id = try RequestParsing.fileID(context.fileIDParameter)
        let (_, meta) = try await service.sessionAndFile(tokenHash: tokenHash, fileID: id)
        var body = ByteBuffer()
        body.writeBytes(meta.json)
        return JSONText.response(.ok, bytes: body)
    }

    /// GET /api/v1/files/{id} — streams the bytes; ETag, If-None-Match (304) and single Range (206).
    /// HEAD answers the same status and headers (Content-Length included) without opening the blob.
    func download(_ request: Request, context: DataPlaneRequestContext) async throws -> Response {
        let tokenHash = try RequestParsing.tokenHash(request)
        let id = try RequestParsing.fileID(context.fileIDParameter)
        let (_, meta) = try await service.sessionAndFile(tokenHash: tokenHash, fileID: id)
        let etag = "\"\(meta.sha256)\""
        var headers: HTTPFields = [.eTag: etag, .acceptRanges: "bytes", .contentType: meta.contentType]
        headers[.cacheControl] = "private, no-cache"
        if let ifNoneMatch = request.headers[.ifNoneMatch], Self.matches(ifNoneMatch, etag: etag) {
            return Response(status: .notModified, headers: headers)
        }
        let path = service.blobs.path(sha256: meta.sha256)
        guard meta.size > 0 else {
            headers[.contentLength] = "0"
            return Response(status: .ok, headers: headers)
        }
        let status: HTTPResponse.Status
        let range: ClosedRange<Int64>
        switch ByteRange(header: request.headers[.range], size: meta.size) {
        case .whole:
            (status, range) = (.ok, 0...(meta.size - 1))
        case .partial(let partial):
            (status, range) = (.partialContent, partial)
            headers[.contentRange] = "bytes \(partial.lowerBound)-\(partial.upperBound)/\(meta.size)"
        case .unsatisfiable:
            var error = APIError(.rangeNotSatisfiable, "range_not_satisfiable", "the file has \(meta.size) bytes")
            error.headers[.contentRange] = "bytes */\(meta.size)"
            throw error
        }
        if request.method == .head {
            headers[.contentLength] = String(range.upperBound - range.lowerBound + 1)
            return Response(status: status, headers: headers)
        }
        return Response(status: status, headers: headers, body: try await loadBlob(path: path, range: range, context: context))
    }

    private func loadBlob(path: String, range: ClosedRange<Int64>, context: DataPlaneRequestContext) async throws -> ResponseBody {
        do {
            return try await FileRegionBody.make(path: path, range: range, channel: context.channel)
        } catch {
            service.logger.error("blob missing for a committed file", metadata: ["blob.path": "\(path)", "error": "\(error)"])
            throw APIError(.internalServerError, "blob_missing", "the file's contents are missing on this replica's volume")
        }
    }

    /// If-None-Match matching: `*` or any listed (weak or strong) tag equal to ours.
    static func matches(_ header: String, etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }

    /// POST /api/v1/files?name=NAME — see `BlobStore` for what a crash at each step leaves.
    func upload(_ request: Request) async throws -> Response {
        let tokenHash = try RequestParsing.tokenHash(request)
        let name = try RequestParsing.fileName(request)
        let contentType = try RequestParsing.contentType(request)
        let limit = service.configuration.maxUploadBytes
        if let declared = request.headers[.contentLength].flatMap({ Int64($0) }), declared > limit {
            throw APIError.tooLarge(limit: limit)
        }
        let session = try await service.session(tokenHash: tokenHash)
        try await service.maintenance.precheck()
        let id = RandomID.uuidString()
        let cache = service.cache
        let progressKey = CachePolicy.uploadProgressKey(id)
        let progressTTL = service.configuration.temporaryDataTTLSeconds
        let received = try await service.blobs.receive(request.body, limit: limit) { bytes in
            await cache.store(progressKey, Array("\(bytes)".utf8), ttlSeconds: progressTTL)
        }
        let draft = FileRecord(
            id: id, seq: 0, ownerID: session.user.id, name: name, size: received.size, sha256: received.sha256,
            contentType: contentType, createdAt: Date()
        )
        let record = try await service.commit(received, as: draft)
        let meta = CacheEntry(key: CachePolicy.fileMetaKey(id), value: record.cacheValue, ttlSeconds: service.configuration.fileMetadataTTLSeconds)
        await service.listChanged(owner: session.user.id, storing: meta)
        service.logger.info("file stored", metadata: ["file.id": "\(id)", "file.size": "\(record.size)", "user.id": "\(session.user.id)"])
        return JSONText.response(.created, record.json, headers: [.location: "/api/v1/files/\(id)"])
    }

    /// GET /api/v1/files?limit=N&cursor=C — the caller's files, newest first.
    func list(_ request: Request) async throws -> Response {
        let tokenHash = try RequestParsing.tokenHash(request)
        let limit = try RequestParsing.listLimit(request)
        let cursor = try RequestParsing.cursor(request)
        let session = try await service.session(tokenHash: tokenHash)
        let owner = session.user.id
        let cached = await ListCache.lookup(owner: owner, cursor: cursor, limit: limit, cache: service.cache)
        if case .hit(let page) = cached {
            return JSONText.response(.ok, bytes: ByteBuffer(bytes: page))
        }
        let rows = try await withStorage { try await service.files.list(ownerID: owner, beforeSeq: cursor, limit: limit + 1) }
        let page = rows.prefix(limit)
        var json = #"{"items":["#
        json.reserveCapacity(page.count * 220 + 40)
        for (index, record) in page.enumerated() {
            if index > 0 { json += "," }
            json += record.json
        }
        json += #"],"next_cursor":"#
        if rows.count > limit, let last = page.last { json += "\"\(ListCursor.encode(last.seq))\"" } else { json += "null" }
        json += "}"
        if case .miss(let generation) = cached {
            await ListCache.store(Array(json.utf8), owner: owner, cursor: cursor, limit: limit, generation: generation, cache: service.cache)
        }
        return JSONText.response(.ok, json)
    }

    /// DELETE /api/v1/files/{id} — the row goes in one transaction; the blob goes when nothing else
    /// references it; the cache entry is invalidated before the response.
    func delete(_ request: Request, context: DataPlaneRequestContext) async throws -> Response {
        let tokenHash = try RequestParsing.tokenHash(request)
        let id = try RequestParsing.fileID(context.fileIDParameter)
        let session = try await service.session(tokenHash: tokenHash)
        try await service.maintenance.precheck()
        guard let existing = try await withStorage({ try await service.files.find(id: id) }), existing.ownerID == session.user.id else {
            throw APIError.fileNotFound
        }
        let blobs = service.blobs
        let owner = session.user.id
        let deleted = try await withStorage {
            try await service.pool.withConnection { connection in
                try await BlobLock.with(sha256: existing.sha256, on: connection) { database -> Bool in
                    try database.executeUnprepared("BEGIN")
                    do {
                        let outcome = try FileStore.delete(id: id, ownerID: owner, in: database)
                        try database.executeUnprepared("COMMIT")
                        if let (record, remaining) = outcome, remaining == 0 { blobs.remove(sha256: record.sha256) }
                        return outcome != nil
                    } catch {
                        try? database.executeUnprepared("ROLLBACK")
                        throw error
                    }
                }
            }
        }
        guard deleted else { throw APIError.fileNotFound }
        try await withStorage {
            try await CacheInvalidator.invalidate([CachePolicy.fileMetaKey(id)] + CachePolicy.fileListKeys(owner), cache: service.cache, pool: service.pool)
        }
        service.logger.info("file deleted", metadata: ["file.id": "\(id)", "user.id": "\(owner)"])
        return Response(status: .noContent)
    }
}

/// A MariaDB named lock per content digest, so an upload committing a blob and a delete removing the
/// last reference to the same content never interleave.
enum BlobLock {
    /// Runs `body` on `connection`'s thread (one hop for the lock, the body's statements and file work,
    /// and the release) while holding the lock for `sha256`.
    static func with<T: Sendable>(
        sha256: String, on connection: MariaDBConnection, _ body: @escaping @Sendable (borrowing MariaDBBlockingSession) throws -> T
    ) async throws -> T {
        let name = "fwb.blob." + sha256.prefix(48)
        return try await connection.withBlockingSession { session in
            // The maintenance flag (MaintenanceGate.flagQuery, as a subquery) is read in the same round
            // trip that takes the lock: the authoritative check for the write about to happen.
            let rows = try session.query(
                "SELECT GET_LOCK(?, 30) AS got, (SELECT COALESCE(reason, '') FROM fwb_maintenance WHERE id = 1 AND expires_at > UTC_TIMESTAMP(6)) AS paused",
                [name]
            )
            guard let row = rows.first, (try row.decode(0, as: Int64?.self)) == 1 else {
                throw APIError(.serviceUnavailable, "busy", "timed out waiting for another write of the same content")
            }
            defer { _ = try? session.query("SELECT RELEASE_LOCK(?) AS released", [name]) }
            if let reason = try row.decode(1, as: String?.self) { throw MaintenanceGate.paused(reason: reason) }
            return try body(session)
        }
    }
}
