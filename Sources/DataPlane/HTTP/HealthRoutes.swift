import Hummingbird
import MariaDB

/// /healthz (process alive) and /readyz (MariaDB reachable; Redis optional: degraded is still ready).
struct HealthRoutes: Sendable {
    let service: FileService

    func register(on router: Router<DataPlaneRequestContext>) {
        router.get("/healthz") { _, _ in JSONText.response(.ok, #"{"status":"ok"}"#) }
        router.get("/readyz") { _, _ in await readiness() }
    }

    func readiness() async -> Response {
        async let database = service.pool.isHealthy()
        async let redis = service.cache.ping()
        let (dbOK, redisOK) = await (database, redis)
        let redisState = !service.cache.isConfigured ? "disabled" : (redisOK ? "ok" : "degraded")
        let json = #"{"ready":\#(dbOK),"database":"\#(dbOK ? "ok" : "unavailable")","redis":"\#(redisState)"}"#
        return JSONText.response(dbOK ? .ok : .serviceUnavailable, json)
    }
}
