import Foundation

/// Everything `filewallball serve` needs, read from the environment (FILE_API.md) and flags.
public struct ServeConfiguration: Sendable {
    /// `mariadb://USER:PASSWORD@HOST:PORT/DATABASE`.
    public var databaseURL: String
    /// `redis://:PASSWORD@HOST:PORT/DB`; nil runs without Redis.
    public var redisURL: String?
    /// Directory holding file contents.
    public var blobDirectory: String
    /// Public listener.
    public var listen: ListenAddress
    /// Admin listener (metrics, health, cache stats, user administration).
    public var adminListen: ListenAddress
    /// Admin user created at start-up when no user exists.
    public var bootstrapAdmin: String?
    /// File holding the bootstrap admin's password.
    public var bootstrapPasswordFile: String?
    /// Upload size limit in bytes.
    public var maxUploadBytes: Int64
    /// Pool-size preset.
    public var environment: EnvironmentPreset
    /// Redis pool size (overrides the preset).
    public var redisConnections: Int
    /// MariaDB pool size (overrides the preset).
    public var databaseConnections: Int
    /// How long start-up waits for MariaDB to become reachable (FWB_STARTUP_WAIT_SECONDS).
    public var startupWaitSeconds: Int
    /// A public connection with no request bytes arriving for this long while a request is being read,
    /// or idle between requests, is closed (FWB_IDLE_TIMEOUT_SECONDS, default 75, as nginx's keep-alive).
    /// A response being written (a long download) is never cut by it.
    public var idleTimeoutSeconds: Int
    /// Session lifetime in Redis and MariaDB, sliding (FWB_SESSION_TTL_SECONDS, default 86400).
    public var sessionTTLSeconds: Int = CachePolicy.sessionTTLSeconds
    /// Lifetime of cached file metadata, `file:meta:{id}` (FWB_CACHE_FILE_METADATA_TTL_SECONDS, default 3600).
    public var fileMetadataTTLSeconds: Int = CachePolicy.fileMetaTTLSeconds
    /// Lifetime of temporary data such as upload progress (FWB_CACHE_TEMPORARY_TTL_SECONDS, default 600).
    public var temporaryDataTTLSeconds: Int = CachePolicy.uploadProgressTTLSeconds

    /// Default upload limit: 10 GiB.
    public static let defaultMaxUploadBytes: Int64 = 10 * 1024 * 1024 * 1024

    /// Reads the FWB_* variables; throws `ConfigurationError` naming the first bad one.
    public init(environment env: [String: String]) throws(ConfigurationError) {
        guard let db = env["FWB_DATABASE_URL"], !db.isEmpty else { throw .missing("FWB_DATABASE_URL") }
        guard let blobs = env["FWB_BLOB_DIR"], !blobs.isEmpty else { throw .missing("FWB_BLOB_DIR") }
        databaseURL = db
        redisURL = env["FWB_REDIS_URL"].flatMap { $0.isEmpty ? nil : $0 }
        blobDirectory = blobs
        listen = try ListenAddress(parsing: env["FWB_LISTEN"] ?? "127.0.0.1:8080", variable: "FWB_LISTEN")
        adminListen = try ListenAddress(parsing: env["FWB_ADMIN_LISTEN"] ?? "127.0.0.1:8081", variable: "FWB_ADMIN_LISTEN")
        bootstrapAdmin = env["FWB_BOOTSTRAP_ADMIN"].flatMap { $0.isEmpty ? nil : $0 }
        bootstrapPasswordFile = env["FWB_BOOTSTRAP_PASSWORD_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        if bootstrapAdmin != nil && bootstrapPasswordFile == nil {
            throw .invalid("FWB_BOOTSTRAP_PASSWORD_FILE", "required when FWB_BOOTSTRAP_ADMIN is set")
        }
        if let raw = env["FWB_MAX_UPLOAD_BYTES"], !raw.isEmpty {
            guard let value = Int64(raw), value > 0 else { throw .invalid("FWB_MAX_UPLOAD_BYTES", "must be a positive integer") }
            maxUploadBytes = value
        } else {
            maxUploadBytes = Self.defaultMaxUploadBytes
        }
        let presetName = env["FWB_ENVIRONMENT"].flatMap { $0.isEmpty ? nil : $0 } ?? "development"
        guard let preset = EnvironmentPreset(rawValue: presetName) else {
            throw .invalid("FWB_ENVIRONMENT", "must be development, kubernetes or production")
        }
        environment = preset
        redisConnections = try Self.positiveInt(env, "FWB_REDIS_POOL_SIZE") ?? preset.redisConnections
        databaseConnections = try Self.positiveInt(env, "FWB_DATABASE_POOL_SIZE") ?? preset.databaseConnections
        startupWaitSeconds = try Self.positiveInt(env, "FWB_STARTUP_WAIT_SECONDS") ?? 30
        idleTimeoutSeconds = try Self.positiveInt(env, "FWB_IDLE_TIMEOUT_SECONDS") ?? 75
        fileMetadataTTLSeconds = try Self.seconds(env, "FWB_CACHE_FILE_METADATA_TTL_SECONDS", CachePolicy.fileMetaTTLRange)
            ?? CachePolicy.fileMetaTTLSeconds
        sessionTTLSeconds = try Self.seconds(env, "FWB_SESSION_TTL_SECONDS", CachePolicy.sessionTTLRange) ?? CachePolicy.sessionTTLSeconds
        temporaryDataTTLSeconds = try Self.seconds(env, "FWB_CACHE_TEMPORARY_TTL_SECONDS", CachePolicy.uploadProgressTTLRange)
            ?? CachePolicy.uploadProgressTTLSeconds
    }

    /// A lifetime in whole seconds within `range` (the bounds of the cluster CRD's `spec.cache.ttl`).
    private static func seconds(_ env: [String: String], _ name: String, _ range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let raw = env[name], !raw.isEmpty else { return nil }
        guard let value = Int(raw), range.contains(value) else {
            throw .invalid(name, "must be a whole number of seconds in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    private static func positiveInt(_ env: [String: String], _ name: String) throws(ConfigurationError) -> Int? {
        guard let raw = env[name], !raw.isEmpty else { return nil }
        guard let value = Int(raw), value > 0, value <= 10_000 else { throw .invalid(name, "must be an integer in 1...10000") }
        return value
    }
}

/// A `HOST:PORT` listener address.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// Host or IP to bind.
    public var host: String
    /// TCP port (0 picks a free one).
    public var port: Int

    /// Parses `HOST:PORT` (IPv6 as `[::1]:PORT`).
    public init(parsing text: String, variable: String = "listen") throws(ConfigurationError) {
        guard let colon = text.lastIndex(of: ":") else { throw .invalid(variable, "expected HOST:PORT, got '\(text)'") }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw .invalid(variable, "expected HOST:PORT, got '\(text)'")
        }
        self.host = host
        self.port = port
    }

    /// `HOST:PORT`.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// A configuration value that is missing or malformed.
public enum ConfigurationError: Error, Equatable, CustomStringConvertible {
    /// A required variable is unset.
    case missing(String)
    /// A variable has a bad value.
    case invalid(String, String)

    /// One line for stderr.
    public var description: String {
        switch self {
        case .missing(let name): "\(name) is required"
        case .invalid(let name, let why): "\(name): \(why)"
        }
    }
}
