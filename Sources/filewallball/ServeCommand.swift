import ArgumentParser
import DataPlane
import Foundation
import Logging
import ProcessSupport

/// `filewallball serve`: the data plane.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the file API (public listener) and the admin listener.",
        discussion: "Configuration comes from FWB_* environment variables (see FILE_API.md); flags override them."
    )

    @Option(help: "mariadb://USER:PASSWORD@HOST:PORT/DATABASE (prefer FWB_DATABASE_URL: flags are visible in ps).")
    var databaseURL: String?
    @Option(help: "redis://:PASSWORD@HOST:PORT/DB (prefer FWB_REDIS_URL).")
    var redisURL: String?
    @Option(help: "Directory holding file contents (FWB_BLOB_DIR).")
    var blobDir: String?
    @Option(help: "Public listener HOST:PORT (FWB_LISTEN, default 127.0.0.1:8080).")
    var listen: String?
    @Option(help: "Admin listener HOST:PORT (FWB_ADMIN_LISTEN, default 127.0.0.1:8081).")
    var adminListen: String?
    @Option(help: "development | kubernetes | production (FWB_ENVIRONMENT).")
    var environment: String?
    @Option(help: "Redis pool size, overriding the environment preset (FWB_REDIS_POOL_SIZE).")
    var redisPoolSize: Int?
    @Option(help: "MariaDB pool size, overriding the environment preset (FWB_DATABASE_POOL_SIZE).")
    var databasePoolSize: Int?
    @Option(help: "Upload size limit in bytes (FWB_MAX_UPLOAD_BYTES, default 10 GiB).")
    var maxUploadBytes: Int64?
    @OptionGroup(title: "Logging")
    var logging: LoggingOptions

    func run() async throws {
        let process = try ProcessBootstrap.bootstrap(logging)
        MemoryTuning.limitMallocArenas()
        MemoryTuning.trimPeriodically()
        var env = ProcessInfo.processInfo.environment
        let overrides: [(String, String?)] = [
            ("FWB_DATABASE_URL", databaseURL), ("FWB_REDIS_URL", redisURL), ("FWB_BLOB_DIR", blobDir),
            ("FWB_LISTEN", listen), ("FWB_ADMIN_LISTEN", adminListen), ("FWB_ENVIRONMENT", environment),
            ("FWB_REDIS_POOL_SIZE", redisPoolSize.map(String.init)), ("FWB_DATABASE_POOL_SIZE", databasePoolSize.map(String.init)),
            ("FWB_MAX_UPLOAD_BYTES", maxUploadBytes.map(String.init)),
        ]
        for (key, value) in overrides { if let value { env[key] = value } }
        let configuration: ServeConfiguration
        do {
            configuration = try ServeConfiguration(environment: env)
        } catch {
            throw CLIFailure.exit("serve: \(error)", code: 2)
        }
        let logger = Logger(label: "filewallball.serve")
        let signals = ShutdownSignals { signal in
            logger.notice("shutting down", metadata: ["signal": "\(signal)"])
        }
        defer { signals.stop() }
        let server: DataPlaneServer
        do {
            server = try await DataPlaneServer.prepare(configuration: configuration, registry: process.registry, logger: logger)
        } catch {
            throw CLIFailure.exit("serve: cannot start: \(error)", code: 3)
        }
        try await server.run(until: { await signals.wait() })
    }
}
