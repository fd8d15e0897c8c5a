import Foundation
import Synchronization
import TestSupport

/// Private MariaDB + Redis + blob dir + bootstrap admin, and `serve` processes on top of them.
final class Harness: Sendable {
    let mariadb: PrivateMariaDB
    let redis: PrivateRedis
    let blobDir: String
    let adminPassword: String
    let passwordFile: String
    /// The `serve` processes started, killed in deinit.
    private let servers = Mutex<[ServeProcess]>([])

    init(withRedis: Bool = true) throws {
        mariadb = try PrivateMariaDB.start()
        redis = try PrivateRedis.start()
        let dir = try ProjectPaths.makeTemporaryDirectory(prefix: "fwb-dataplane")
        blobDir = dir.appendingPathComponent("blobs").path
        adminPassword = "admin-" + UUID().uuidString
        passwordFile = dir.appendingPathComponent("admin.pwd").path
        try adminPassword.write(toFile: passwordFile, atomically: true, encoding: .utf8)
    }

    var environment: [String: String] {
        [
            "FWB_DATABASE_URL": mariadb.databaseURL,
            "FWB_REDIS_URL": redis.redisURL,
            "FWB_BLOB_DIR": blobDir,
            "FWB_BOOTSTRAP_ADMIN": "admin",
            "FWB_BOOTSTRAP_PASSWORD_FILE": passwordFile,
            "FWB_MAX_UPLOAD_BYTES": "\(4 * 1024 * 1024)",
        ]
    }

    /// Starts one more `serve` replica sharing the same MariaDB, Redis and blob dir.
    @discardableResult
    func startServer(extra: [String: String] = [:]) throws -> ServeProcess {
        var env = environment
        for (key, value) in extra { env[key] = value }
        let server = try ServeProcess(environment: env)
        servers.withLock { $0.append(server) }
        return server
    }

    /// Every key in the private Redis (KEYS *, via redis-cli).
    func redisKeys() throws -> [String] { try redisCLI(["KEYS", "*"]) }

    /// The seconds Redis reports a key has left (TTL: -1 without expiry, -2 when missing).
    func redisTTL(_ key: String) throws -> Int? { try redisCLI(["TTL", key]).first.flatMap { Int($0) } }

    /// One redis-cli command against the private Redis; its output lines.
    func redisCLI(_ command: [String]) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["redis-cli", "-h", "127.0.0.1", "-p", "\(redis.port)", "--no-auth-warning", "-a", redis.password] + command
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    deinit {
        for server in servers.withLock({ $0 }) { server.kill() }
        mariadb.destroy()
        redis.destroy()
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: blobDir).deletingLastPathComponent().path)
    }
}

/// A logged-in API client against one `serve` port.
struct Client {
    let port: Int
    var token: String?

    func call(_ method: String, _ path: String, json: String? = nil, body: [UInt8] = [], headers: [String: String] = [:]) throws -> HTTPReply {
        var fields = headers
        if let token { fields["Authorization"] = "Bearer \(token)" }
        var payload = body
        if let json {
            fields["Content-Type"] = "application/json"
            payload = Array(json.utf8)
        }
        return try RawHTTP.request(port: port, method: method, path: path, headers: fields, body: payload)
    }

    /// Logs in and returns a client carrying the token.
    static func login(port: Int, username: String, password: String) throws -> Client {
        let reply = try Client(port: port).call("POST", "/api/v1/auth/login", json: #"{"username":"\#(username)","password":"\#(password)"}"#)
        guard reply.status == 200, let token = reply.json["token"] as? String else {
            throw RawHTTPError.malformed("login failed: \(reply.status) \(reply.text)")
        }
        return Client(port: port, token: token)
    }

    /// Uploads bytes; returns the reply.
    func upload(_ name: String, _ bytes: [UInt8], contentType: String = "application/octet-stream") throws -> HTTPReply {
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name
        return try call("POST", "/api/v1/files?name=\(encoded)", body: bytes, headers: ["Content-Type": contentType])
    }
}

/// Creates a normal user through the admin API (as the bootstrap admin) and logs in as them.
func makeUser(_ harness: Harness, server: ServeProcess, name: String) throws -> Client {
    let admin = try Client.login(port: server.port, username: "admin", password: harness.adminPassword)
    let password = "pw-\(UUID().uuidString)"
    var adminAPI = Client(port: server.adminPort)
    adminAPI.token = admin.token
    let created = try adminAPI.call("POST", "/api/v1/admin/users", json: #"{"username":"\#(name)","password":"\#(password)"}"#)
    guard created.status == 201 else { throw RawHTTPError.malformed("create user: \(created.status) \(created.text)") }
    return try Client.login(port: server.port, username: name, password: password)
}

/// Deterministic pseudo-random bytes.
func sampleBytes(_ count: Int, seed: UInt64 = 42) -> [UInt8] {
    var state = seed &+ 0x9E3779B97F4A7C15
    return (0..<count).map { _ in
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return UInt8(truncatingIfNeeded: state)
    }
}
