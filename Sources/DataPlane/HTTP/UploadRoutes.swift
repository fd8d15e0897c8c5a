import Foundation
import HTTPTypes
import Hummingbird

/// Resumable uploads, tus-style:
/// - `POST /api/v1/uploads?name=N` with `Upload-Length: L` → 201 `{"upload_id","offset","length","expires_at"}`
/// - `HEAD|GET /api/v1/uploads/{id}` → `Upload-Offset` / `Upload-Length` (GET also as JSON)
/// - `PATCH /api/v1/uploads/{id}` with `Upload-Offset: O` and the next bytes → 204 with the new
///   `Upload-Offset`, or 201 with the file's metadata once the last byte arrived; 409 `offset_mismatch`
///   when O is not the recorded offset
/// - `DELETE /api/v1/uploads/{id}` → 204, abandons it.
/// Progress is mirrored in Redis under `temp:upload:progress:{upload_id}` (TTL 600 s).
struct UploadRoutes: Sendable {
    let service: FileService
    private var uploads: UploadStore { UploadStore(pool: service.pool) }

    func register(on router: Router<DataPlaneRequestContext>) {
        router.post("/api/v1/uploads") { request, _ in try await create(request) }
        router.head("/api/v1/uploads/:id") { request, context in try await status(request, context: context, withBody: false) }
        router.get("/api/v1/uploads/:id") { request, context in try await status(request, context: context, withBody: true) }
        router.patch("/api/v1/uploads/:id") { request, context in try await append(request, context: context) }
        router.delete("/api/v1/uploads/:id") { request, context in try await abandon(request, context: context) }
    }

    func create(_ request: Request) async throws -> Response {
        let tokenHash = try RequestParsing.tokenHash(request)
        let name = try RequestParsing.fileName(request)
        let contentType = try RequestParsing.contentType(request)
        guard let length = RequestParsing.decimalHeader(request.headers[.uploadLength]) else {
            throw APIError(.badRequest, "invalid_upload_length", "the Upload-Length header (total bytes, in decimal digits) is required")
        }
        guard length <= service.configuration.maxUploadBytes else { throw APIError.tooLarge(limit: service.configuration.maxUploadBytes) }
        let session = try await service.session(tokenHash: tokenHash)
        try await service.maintenance.check()
        let id = RandomID.uuidString()
        try await service.blobs.createResumable(id)
        let record = try await withStorage {
            try await uploads.create(id: id, ownerID: session.user.id, name: name, contentType: contentType, length: length)
        }
        return JSONText.response(.created, record.json, headers: [.location: "/api/v1/uploads/\(id)"])
    }

    func status(_ request: Request, context: DataPlaneRequestContext, withBody: Bool) async throws -> Response {
        let record = try await find(request, context: context)
        var headers = offsetHeaders(record)
        headers[.cacheControl] = "no-store"
        guard withBody else { return Response(status: .ok, headers: headers) }
        return JSONText.response(.ok, record.json, headers: headers)
    }

    func append(_ request: Request, context: DataPlaneRequestContext) async throws -> Response {
        let record = try await find(request, context: context)
        guard let offset = RequestParsing.decimalHeader(request.headers[.uploadOffset]) else {
            throw APIError(.badRequest, "invalid_upload_offset", "the Upload-Offset header (in decimal digits) is required")
        }
        guard offset == record.received else {
            var error = APIError(.conflict, "offset_mismatch", "the upload is at offset \(record.received), not \(offset)")
            error.headers = offsetHeaders(record)
            throw error
        }
        try await service.maintenance.check()
        let added = try await service.blobs.appendResumable(record.id, body: request.body, offset: offset, maxBytes: record.length - offset)
        let received = offset + added
        try await withStorage { try await uploads.recordReceived(id: record.id, received: received) }
        await service.cache.store(CachePolicy.uploadProgressKey(record.id), Array("\(received)/\(record.length)".utf8), ttlSeconds: service.configuration.temporaryDataTTLSeconds)
        guard received == record.length else {
            var headers = offsetHeaders(record)
            headers[.uploadOffset] = "\(received)"
            return Response(status: .noContent, headers: headers)
        }
        let blob = try await service.blobs.finishResumable(record.id)
        let draft = FileRecord(
            id: record.id, seq: 0, ownerID: record.ownerID, name: record.name, size: blob.size, sha256: blob.sha256,
            contentType: record.contentType, createdAt: Date()
        )
        let file = try await service.commit(blob, as: draft)
        try await withStorage { try await uploads.remove(id: record.id) }
        let meta = CacheEntry(key: CachePolicy.fileMetaKey(file.id), value: file.cacheValue, ttlSeconds: service.configuration.fileMetadataTTLSeconds)
        await service.listChanged(owner: file.ownerID, storing: meta)
        return JSONText.response(.created, file.json, headers: [.location: "/api/v1/files/\(file.id)"])
    }

    func abandon(_ request: Request, context: DataPlaneRequestContext) async throws -> Response {
        let record = try await find(request, context: context)
        try await withStorage { try await uploads.remove(id: record.id) }
        service.blobs.removeResumable(record.id)
        return Response(status: .noContent)
    }

    private func find(_ request: Request, context: DataPlaneRequestContext) async throws -> UploadRecord {
        let tokenHash = try RequestParsing.tokenHash(request)
        let id = try RequestParsing.fileID(context.parameters.get("id"))
        let session = try await service.session(tokenHash: tokenHash)
        guard let record = try await withStorage({ try await uploads.find(id: id, ownerID: session.user.id) }) else {
            throw APIError(.notFound, "upload_not_found", "no such upload in progress")
        }
        return record
    }

    private func offsetHeaders(_ record: UploadRecord) -> HTTPFields {
        var headers = HTTPFields()
        headers[.uploadOffset] = "\(record.received)"
        headers[.uploadLength] = "\(record.length)"
        return headers
    }
}

extension HTTPField.Name {
    /// tus `Upload-Offset`. Both names are valid tokens, so the failable initialiser cannot fail; the
    /// fallback only satisfies the type checker.
    static let uploadOffset = HTTPField.Name("Upload-Offset") ?? .contentLocation
    /// tus `Upload-Length`.
    static let uploadLength = HTTPField.Name("Upload-Length") ?? .contentLocation
}
