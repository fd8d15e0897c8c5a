import Foundation
import Hummingbird
import Logging
import MariaDB
import PasswordHashing
import NIOCore
import Prometheus
import Redis
import ServiceLifecycle

/// `filewallball serve`: the public file API and the admin listener, sharing one MariaDB pool, one
/// Redis pool and one blob directory. Stateless: run as many replicas as you like against the same
/// MariaDB, Redis and blob volume.
public struct DataPlaneServer: Sendable {
    private let service: FileService
    private let registry: PrometheusCollectorRegistry?
    private let requestMetrics = RequestMetrics()
    private let logger: Logger

    /// Connects the pools, applies schema migrations (under a MariaDB named lock), creates the
    /// bootstrap admin if no user exists yet, and removes orphaned upload temp files.
    public static func prepare(
        configuration: ServeConfiguration,
        registry: PrometheusCollectorRegistry?,
        hasher: PasswordHasher = PasswordHasher(),
        logger: Logger
    ) async throws -> DataPlaneServer {
        let dbConfig = try MariaDBConfiguration(url: configuration.databaseURL)
        let pool = MariaDBPool(configuration: dbConfig, maxConnections: configuration.databaseConnections, logger: logger)
        let redis = try configuration.redisURL.map {
            RedisClient(configuration: try RedisConfiguration(url: $0), maxConnections: configuration.redisConnections, logger: logger)
        }
        let service = FileService(configuration: configuration, pool: pool, redis: redis, hasher: hasher, logger: logger)
        try service.blobs.prepare()
        let version = try await migrateWhenReachable(pool: pool, logger: logger, waitSeconds: configuration.startupWaitSeconds)
        logger.info("schema ready", metadata: ["schema.version": "\(version)"])
        try await Bootstrap.createAdminIfNeeded(service: service, configuration: configuration)
        return DataPlaneServer(service: service, registry: registry, logger: logger)
    }

    /// Applies migrations, waiting up to `waitSeconds` for MariaDB to become reachable (it may start
    /// after us, as in Kubernetes or `filewallball dev`).
    private static func migrateWhenReachable(pool: MariaDBPool, logger: Logger, waitSeconds: Int) async throws -> Int {
        let deadline = ContinuousClock.now + .seconds(waitSeconds)
        while true {
            do {
                return try await SchemaMigrator(pool: pool, logger: logger).migrate()
            } catch let error as MariaDBError where error.isConnectionLost || error.kind == .poolExhausted {
                guard ContinuousClock.now < deadline else { throw error }
                logger.warning("waiting for MariaDB", metadata: ["error": "\(error)"])
                try await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// Serves until `shutdown` returns (the process's SIGTERM/SIGINT, from `ShutdownSignals`), then drains
    /// in-flight requests and closes the pools. The server installs no signal handler of its own.
    public func run(until shutdown: @escaping @Sendable () async -> Void) async throws {
        let publicApp = Application(
            responder: PublicResponder(router: makePublicRouter(), files: FileRoutes(service: service)),
            server: LoopBoundHTTP1Channel.builder(configuration: .init(idleTimeout: .seconds(Int64(service.configuration.idleTimeoutSeconds)))),
            configuration: .init(address: .hostname(service.configuration.listen.host, port: service.configuration.listen.port), serverName: "filewallball", backlog: 4096),
            onServerRunning: { channel in
                // NIO accepts 4 connections per wake-up by default; under load a burst of 1000 clients
                // then waits many loop turns to be accepted, and their first requests wait with them.
                try? await channel.setOption(ChannelOptions.maxMessagesPerRead, value: 256).get()
            },
            logger: logger
        )
        let adminApp = Application(
            router: makeAdminRouter(),
            configuration: .init(address: .hostname(service.configuration.adminListen.host, port: service.configuration.adminListen.port), serverName: "filewallball-admin"),
            logger: logger
        )
        let group = ServiceGroup(
            configuration: .init(
                services: [publicApp, adminApp, PeriodicService.invalidationDrainer(service), PeriodicService.requestMetricsPublisher(requestMetrics)],
                gracefulShutdownSignals: [],
                logger: logger
            )
        )
        logger.info("serving", metadata: ["http.listen": "\(service.configuration.listen)", "http.admin_listen": "\(service.configuration.adminListen)"])
        try await withThrowingDiscardingTaskGroup { tasks in
            tasks.addTask {
                await shutdown()
                await group.triggerGracefulShutdown()
            }
            try await group.run()
            tasks.cancelAll()
        }
        await service.cache.shutdown()
        await service.pool.shutdown()
    }

    func makePublicRouter() -> Router<DataPlaneRequestContext> {
        let router = Router(context: DataPlaneRequestContext.self)
        router.add(middleware: JSONErrorMiddleware(service: service))
        router.add(middleware: RequestMetricsMiddleware(metrics: requestMetrics))
        AuthRoutes(service: service).register(on: router)
        FileRoutes(service: service).register(on: router)
        UploadRoutes(service: service).register(on: router)
        HealthRoutes(service: service).register(on: router)
        let document = OpenAPIDocument.publicJSON(maxUploadBytes: service.configuration.maxUploadBytes)
        router.get("/openapi.json") { _, _ in JSONText.response(.ok, document) }
        router.methodNotAllowed("/api/v1/auth/login", allowed: [.post])
        router.methodNotAllowed("/api/v1/auth/logout", allowed: [.post])
        router.methodNotAllowed("/api/v1/auth/me", allowed: [.get])
        router.methodNotAllowed("/api/v1/files", allowed: [.get, .post])
        router.methodNotAllowed("/api/v1/files/:id", allowed: [.get, .head, .delete])
        router.methodNotAllowed("/api/v1/files/:id/meta", allowed: [.get])
        router.methodNotAllowed("/api/v1/uploads", allowed: [.post])
        router.methodNotAllowed("/api/v1/uploads/:id", allowed: [.get, .head, .patch, .delete])
        for path in ["/healthz", "/readyz", "/openapi.json"] { router.methodNotAllowed(RouterPath(path), allowed: [.get]) }
        return router
    }

    func makeAdminRouter() -> Router<DataPlaneRequestContext> {
        let router = Router(context: DataPlaneRequestContext.self)
        router.add(middleware: JSONErrorMiddleware(service: service))
        AdminRoutes(service: service, registry: registry, requestMetrics: requestMetrics).register(on: router)
        HealthRoutes(service: service).register(on: router)
        router.get("/openapi.json") { _, _ in JSONText.response(.ok, OpenAPIDocument.adminJSON) }
        router.methodNotAllowed("/api/v1/admin/users", allowed: [.post])
        router.methodNotAllowed("/api/v1/admin/cache/stats", allowed: [.get])
        for path in ["/metrics", "/healthz", "/readyz", "/openapi.json"] { router.methodNotAllowed(RouterPath(path), allowed: [.get]) }
        return router
    }
}

/// Runs `action` every `interval` until `serve` shuts down.
struct PeriodicService: Service {
    let interval: Duration
    let action: @Sendable () async -> Void

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            await action()
        }
    }

    /// Retries cache invalidations recorded while Redis was unreachable (see `CacheInvalidator`).
    static func invalidationDrainer(_ service: FileService) -> PeriodicService {
        PeriodicService(interval: .seconds(2)) {
            if let done = try? await CacheInvalidator.drain(cache: service.cache, pool: service.pool), done > 0 {
                service.logger.info("replayed cache invalidations", metadata: ["cache.invalidated": "\(done)"])
            }
        }
    }

    /// Publishes the per-thread request metrics (see `RequestMetrics`).
    static func requestMetricsPublisher(_ metrics: RequestMetrics) -> PeriodicService {
        PeriodicService(interval: .seconds(1)) { metrics.flush() }
    }
}

/// Creates the first admin from FWB_BOOTSTRAP_ADMIN + FWB_BOOTSTRAP_PASSWORD_FILE.
enum Bootstrap {
    static func createAdminIfNeeded(service: FileService, configuration: ServeConfiguration) async throws {
        guard let name = configuration.bootstrapAdmin, let file = configuration.bootstrapPasswordFile else { return }
        guard try await service.users.count() == 0 else { return }
        let password: String
        do {
            password = try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .newlines)
        } catch {
            throw StartupError.bootstrapPassword("cannot read \(file)")
        }
        do { try validateUsername(name) } catch { throw StartupError.bootstrapPassword("FWB_BOOTSTRAP_ADMIN is not a valid username") }
        do { try validateNewPassword(password) } catch { throw StartupError.bootstrapPassword("the password in \(file) must be 12 to 1024 characters") }
        let hash = try await service.hasher.hash(password)
        do {
            let user = try await service.users.create(username: name, passwordHash: hash, isAdmin: true)
            service.logger.info("bootstrap admin created", metadata: ["user.id": "\(user.id)"])
        } catch let error as APIError where error.code == "user_exists" {
            // Another replica created it first.
        }
    }
}
