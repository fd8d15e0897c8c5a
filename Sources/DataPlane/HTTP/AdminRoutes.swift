import Foundation
import Hummingbird
import Prometheus

/// The admin listener: Prometheus metrics, cache statistics and user administration.
struct AdminRoutes: Sendable {
    let service: FileService
    let registry: PrometheusCollectorRegistry?
    /// Folded into the registry before each scrape, so a scrape sees every request answered before it.
    let requestMetrics: RequestMetrics

    private struct NewUser: Decodable { let username: String; let password: String; let is_admin: Bool? }

    func register(on router: Router<DataPlaneRequestContext>) {
        router.get("/metrics") { _, _ in metrics() }
        router.get("/api/v1/admin/cache/stats") { request, _ in try await cacheStats(request) }
        router.post("/api/v1/admin/users") { request, _ in try await createUser(request) }
    }

    func metrics() -> Response {
        requestMetrics.flush()
        var bytes: [UInt8] = []
        registry?.emit(into: &bytes)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }

    /// Hit rate of this replica's cache reads, the TTLs in force, and Redis' own memory and keyspace figures.
    func cacheStats(_ request: Request) async throws -> Response {
        _ = try await requireAdmin(request)
        let (hits, misses) = service.cache.hitsAndMisses
        let rate = hits + misses == 0 ? 0 : Double(hits) / Double(hits + misses)
        let info = await service.cache.info()
        let ttl = service.configuration
        var json = #"{"hits":\#(hits),"misses":\#(misses),"hit_rate":\#(String(format: "%.4f", rate)),"#
            + #""ttl_seconds":{"file_metadata":\#(ttl.fileMetadataTTLSeconds),"session":\#(ttl.sessionTTLSeconds),"#
            + #""temporary_data":\#(ttl.temporaryDataTTLSeconds),"file_list":\#(CachePolicy.fileListTTLSeconds)},"#
        if let info {
            json += #""redis_available":true,"used_memory":\#(info.usedMemory),"maxmemory":\#(info.maxmemory),"policy":"#
                + JSONText.quote(info.maxmemoryPolicy) + #","keys":\#(info.keys),"redis_version":"# + JSONText.quote(info.version)
                + #","redis_keyspace_hits":\#(info.keyspaceHits),"redis_keyspace_misses":\#(info.keyspaceMisses),"#
                + #""connected_clients":\#(info.connectedClients),"expired_keys":\#(info.expiredKeys),"ops_per_sec":\#(info.opsPerSecond)}"#
        } else {
            json += #""redis_available":false,"used_memory":null,"maxmemory":null,"policy":null,"keys":null}"#
        }
        return JSONText.response(.ok, json)
    }

    /// POST /api/v1/admin/users — needs an admin session.
    func createUser(_ request: Request) async throws -> Response {
        _ = try await requireAdmin(request)
        let body = try await decodeJSONBody(NewUser.self, from: request)
        try validateUsername(body.username)
        try validateNewPassword(body.password)
        try await service.maintenance.check()
        let hash = try await service.hasher.hash(body.password)
        let user = try await withStorage { try await service.users.create(username: body.username, passwordHash: hash, isAdmin: body.is_admin ?? false) }
        service.logger.info("user created", metadata: ["user.id": "\(user.id)"])
        return JSONText.response(.created, AuthRoutes.userJSON(user))
    }

    private func requireAdmin(_ request: Request) async throws -> Session {
        let session = try await service.session(tokenHash: try RequestParsing.tokenHash(request))
        guard session.user.isAdmin else { throw APIError.forbidden }
        return session
    }
}
