import DataPlane
import Foundation
import Testing
import TestSupport

/// The cache lifetimes come from the environment (a cluster's `spec.cache.ttl`), are read once at start
/// and are what Redis holds.
@Suite("cache TTLs from the environment")
struct CacheTTLTests {
    @Test("defaults, bounds, and a ConfigurationError naming the variable for a bad value")
    func configuration() throws {
        let base = ["FWB_DATABASE_URL": "mariadb://u:p@127.0.0.1:3306/db", "FWB_BLOB_DIR": "/tmp/x"]
        let defaults = try ServeConfiguration(environment: base)
        #expect(defaults.fileMetadataTTLSeconds == 3600)
        #expect(defaults.sessionTTLSeconds == 86_400)
        #expect(defaults.temporaryDataTTLSeconds == 600)
        var set = base
        set["FWB_CACHE_FILE_METADATA_TTL_SECONDS"] = "2592000"
        set["FWB_SESSION_TTL_SECONDS"] = "60"
        set["FWB_CACHE_TEMPORARY_TTL_SECONDS"] = "1"
        let configured = try ServeConfiguration(environment: set)
        #expect(configured.fileMetadataTTLSeconds == 2_592_000)
        #expect(configured.sessionTTLSeconds == 60)
        #expect(configured.temporaryDataTTLSeconds == 1)
        let bad: [(String, String)] = [
            ("FWB_CACHE_FILE_METADATA_TTL_SECONDS", "0"), ("FWB_CACHE_FILE_METADATA_TTL_SECONDS", "2592001"),
            ("FWB_CACHE_FILE_METADATA_TTL_SECONDS", "1h"), ("FWB_SESSION_TTL_SECONDS", "59"),
            ("FWB_SESSION_TTL_SECONDS", "-86400"), ("FWB_SESSION_TTL_SECONDS", "31536001"),
            ("FWB_CACHE_TEMPORARY_TTL_SECONDS", "604801"), ("FWB_CACHE_TEMPORARY_TTL_SECONDS", "1.5"),
        ]
        for (name, value) in bad {
            var env = base
            env[name] = value
            #expect {
                try ServeConfiguration(environment: env)
            } throws: { error in
                guard case .invalid(let variable, _) = error as? ConfigurationError else { return false }
                return variable == name
            }
        }
    }

    @Test("non-default TTLs reach Redis for sessions, file metadata and upload progress; cache stats report them")
    func configuredTTLsReachRedis() throws {
        let harness = try Harness()
        let server = try harness.startServer(extra: [
            "FWB_CACHE_FILE_METADATA_TTL_SECONDS": "1234",
            "FWB_SESSION_TTL_SECONDS": "4321",
            "FWB_CACHE_TEMPORARY_TTL_SECONDS": "77",
        ])
        let admin = try Client.login(port: server.port, username: "admin", password: harness.adminPassword)
        let sessionKeys = try harness.redisCLI(["KEYS", "session:token:*"])
        #expect(sessionKeys.count == 1, "\(sessionKeys)")
        let sessionKey = try #require(sessionKeys.first)
        let sessionTTL = try #require(try harness.redisTTL(sessionKey))
        #expect((4300...4321).contains(sessionTTL), "session TTL \(sessionTTL)")
        // MariaDB's copy gets the same lifetime.
        let durable = try harness.mariadb.rootSQL("SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), MAX(expires_at)) FROM sessions")
        let durableSeconds = try #require(Int(durable.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect((4300...4321).contains(durableSeconds), "durable session lifetime \(durableSeconds)")

        let uploaded = try admin.upload("ttl.bin", [1, 2, 3])
        #expect(uploaded.status == 201)
        let id = try #require(uploaded.json["id"] as? String)
        let metaTTL = try #require(try harness.redisTTL("file:meta:\(id)"))
        #expect((1200...1234).contains(metaTTL), "file:meta TTL \(metaTTL)")
        // A miss refills the metadata with the configured TTL too.
        _ = try harness.redisCLI(["DEL", "file:meta:\(id)"])
        #expect(try admin.call("GET", "/api/v1/files/\(id)/meta").status == 200)
        let refilled = try #require(try harness.redisTTL("file:meta:\(id)"))
        #expect((1200...1234).contains(refilled), "refilled file:meta TTL \(refilled)")

        let created = try admin.call("POST", "/api/v1/uploads?name=part.bin", headers: ["Upload-Length": "10"])
        let uploadID = try #require(created.json["upload_id"] as? String)
        #expect(try admin.call("PATCH", "/api/v1/uploads/\(uploadID)", body: [1, 2, 3], headers: ["Upload-Offset": "0"]).status == 204)
        let progressTTL = try #require(try harness.redisTTL("temp:upload:progress:\(uploadID)"))
        #expect((60...77).contains(progressTTL), "upload progress TTL \(progressTTL)")

        var adminAPI = Client(port: server.adminPort)
        adminAPI.token = admin.token
        let stats = try adminAPI.call("GET", "/api/v1/admin/cache/stats")
        #expect(stats.status == 200)
        let ttl = try #require(stats.json["ttl_seconds"] as? [String: Any])
        #expect(ttl["file_metadata"] as? Int == 1234)
        #expect(ttl["session"] as? Int == 4321)
        #expect(ttl["temporary_data"] as? Int == 77)
        #expect(ttl["file_list"] as? Int == CachePolicy.fileListTTLSeconds)
    }

    @Test("a short session TTL: MariaDB's copy is slid too, so a session in use does not lapse there")
    func shortSessionSlidesDurableCopy() throws {
        let harness = try Harness()
        let server = try harness.startServer(extra: ["FWB_SESSION_TTL_SECONDS": "60"])
        let admin = try Client.login(port: server.port, username: "admin", password: harness.adminPassword)
        let query = "SELECT TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(6), MAX(expires_at)) FROM sessions"
        let before = try #require(Int(try harness.mariadb.rootSQL(query).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(before <= 60_000_000)
        // A blocking sleep: this suite's blocking calls can starve an async sleep's resumption for a minute.
        Thread.sleep(forTimeInterval: 3)
        #expect(try admin.call("GET", "/api/v1/auth/me").status == 200)
        let after = try #require(Int(try harness.mariadb.rootSQL(query).trimmingCharacters(in: .whitespacesAndNewlines)))
        // Without the slide the row would have ~3 s less left than before; slid on use it has ~3 s more.
        #expect(after > before, "durable copy not slid: \(before) µs left after login, \(after) µs after 3 s and a request")
        let sessionKey = try #require(try harness.redisCLI(["KEYS", "session:token:*"]).first)
        let redisTTL = try #require(try harness.redisTTL(sessionKey))
        #expect(redisTTL > 55, "Redis copy slid on use: \(redisTTL) s left")
    }
}
