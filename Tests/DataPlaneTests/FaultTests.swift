import Foundation
import Testing
import TestSupport

/// Redis outages, MariaDB restarts and crashes mid-upload.
@Suite("faults")
struct FaultTests {
    @Test("Redis stopped: every endpoint still answers, readiness stays true, the cache refills after")
    func redisOutage() throws {
        let harness = try Harness()
        let server = try harness.startServer()
        let client = try makeUser(harness, server: server, name: "steady")
        let id = try #require(client.upload("before", Array("cached".utf8)).json["id"] as? String)
        #expect(try client.call("GET", "/api/v1/files/\(id)/meta").status == 200)

        try harness.redis.stop()
        #expect(try client.call("GET", "/api/v1/auth/me").status == 200)
        #expect(try client.call("GET", "/api/v1/files/\(id)/meta").status == 200)
        #expect(try client.call("GET", "/api/v1/files/\(id)").text == "cached")
        let during = try client.upload("during", Array("no redis".utf8))
        #expect(during.status == 201)
        let duringID = try #require(during.json["id"] as? String)
        #expect(try client.call("GET", "/api/v1/files").json["items"] as? [Any] != nil)
        let relogin = try Client.login(port: server.port, username: "admin", password: harness.adminPassword)
        #expect(try relogin.call("GET", "/api/v1/auth/me").status == 200)
        #expect(try relogin.call("POST", "/api/v1/auth/logout").status == 204)
        #expect(try relogin.call("GET", "/api/v1/auth/me").status == 401)
        #expect(try client.call("DELETE", "/api/v1/files/\(duringID)").status == 204)
        let ready = try Client(port: server.port).call("GET", "/readyz")
        #expect(ready.status == 200)
        #expect(ready.json["redis"] as? String == "degraded")

        try harness.redis.restart()
        // The pool reconnects without a restart of serve (readiness sees Redis again); reads refill the cache.
        #expect(pollUntilBlocking { (try? Client(port: server.port).call("GET", "/readyz").json["redis"] as? String) == "ok" })
        #expect(try client.call("GET", "/api/v1/files/\(id)/meta").status == 200)
        #expect(try client.call("GET", "/api/v1/auth/me").status == 200)
        var refilled = false
        for _ in 0..<30 where !refilled {
            let keys = try harness.redisKeys()
            refilled = keys.contains("file:meta:\(id)") && keys.contains(where: { $0.hasPrefix("session:token:") })
            if !refilled {
                _ = try client.call("GET", "/api/v1/files/\(id)/meta")
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
        #expect(refilled)
        #expect(try Client(port: server.port).call("GET", "/readyz").json["redis"] as? String == "ok")
    }

    @Test("MariaDB restarted: 503 database_unavailable and not ready while down, recovery without a restart")
    func mariadbRestart() throws {
        let harness = try Harness()
        let server = try harness.startServer()
        let client = try makeUser(harness, server: server, name: "patient")
        let id = try #require(client.upload("kept", Array("durable".utf8)).json["id"] as? String)

        try harness.mariadb.stop()
        let upload = try client.upload("lost", Array("x".utf8))
        #expect(upload.status == 503)
        #expect(upload.errorCode == "database_unavailable")
        let listing = try client.call("GET", "/api/v1/files")
        #expect(listing.status == 503)
        #expect(listing.errorCode == "database_unavailable")
        let ready = try Client(port: server.port).call("GET", "/readyz")
        #expect(ready.status == 503)
        #expect(ready.json["ready"] as? Bool == false)
        #expect(try Client(port: server.port).call("GET", "/healthz").status == 200)

        try harness.mariadb.restart()
        var recovered = false
        for _ in 0..<50 where !recovered {
            recovered = (try? client.call("GET", "/api/v1/files").status) == 200
            if !recovered { Thread.sleep(forTimeInterval: 0.2) }
        }
        #expect(recovered)
        #expect(try Client(port: server.port).call("GET", "/readyz").status == 200)
        #expect(try client.call("GET", "/api/v1/files/\(id)").text == "durable")
        let items = try #require(client.call("GET", "/api/v1/files").json["items"] as? [[String: Any]])
        #expect(items.count == 1)
        #expect(try client.upload("after", Array("y".utf8)).status == 201)
    }

    @Test("SIGKILL during an upload leaves nothing half-visible, and the temp file is cleaned at start")
    func killDuringUpload() throws {
        let harness = try Harness()
        let server = try harness.startServer()
        let client = try makeUser(harness, server: server, name: "crashy")
        let fd = try RawHTTP.connect(port: server.port, timeout: 10)
        defer { close(fd) }
        let head = "POST /api/v1/files?name=half HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(client.token ?? "")\r\nContent-Length: 3000000\r\n\r\n"
        _ = Array(head.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        let chunk = [UInt8](repeating: 7, count: 1_000_000)
        _ = chunk.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        // The server has started writing the upload to a temp file.
        #expect(pollUntilBlocking { (try? FileManager.default.contentsOfDirectory(atPath: harness.blobDir + "/tmp"))?.count == 1 })
        server.kill()

        #expect(try harness.mariadb.rootSQL("SELECT COUNT(*) FROM files").trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        let restarted = try harness.startServer()
        #expect(try FileManager.default.contentsOfDirectory(atPath: harness.blobDir + "/tmp").isEmpty)
        let again = Client(port: restarted.port, token: client.token)
        let items = try #require(again.call("GET", "/api/v1/files").json["items"] as? [Any])
        #expect(items.isEmpty)
        let objects = try FileManager.default.subpathsOfDirectory(atPath: harness.blobDir + "/objects")
        #expect(objects.allSatisfy { !$0.hasSuffix(".part") })
    }

    @Test("maintenance flag pauses writes with 503 maintenance; reads go on")
    func maintenanceFlag() throws {
        let harness = try Harness()
        let server = try harness.startServer()
        let client = try makeUser(harness, server: server, name: "reader")
        let id = try #require(client.upload("doc", Array("r".utf8)).json["id"] as? String)
        try harness.mariadb.rootSQL("INSERT INTO fwb_maintenance (id, reason, started_at, expires_at) VALUES (1, 'restore test', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL 1 HOUR)")
        let upload = try client.upload("blocked", [1])
        #expect(upload.status == 503)
        #expect(upload.errorCode == "maintenance")
        #expect(try client.call("DELETE", "/api/v1/files/\(id)").errorCode == "maintenance")
        #expect(try client.call("GET", "/api/v1/files/\(id)").status == 200)
        try harness.mariadb.rootSQL("DELETE FROM fwb_maintenance")
        #expect(try client.upload("allowed", [1]).status == 201)

        // An upload whose body was still arriving when the flag was set is refused when it commits,
        // and keeps nothing: no row, no blob, no temp file.
        let token = try #require(client.token)
        let body = sampleBytes(200_000, seed: 41)
        func blobCount() -> Int {
            let objects = harness.blobDir + "/objects"
            return ((try? FileManager.default.subpathsOfDirectory(atPath: objects)) ?? []).filter { $0.contains("/") }.count
        }
        let blobsBefore = blobCount()
        let head = "POST /api/v1/files?name=late HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n" +
            "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        let late = try RawHTTP.split(port: server.port, first: Array(head.utf8) + body.prefix(1000), rest: Array(body.dropFirst(1000))) {
            usleep(300_000)  // the server has read the head and passed its pre-check
            try harness.mariadb.rootSQL("INSERT INTO fwb_maintenance (id, reason, started_at, expires_at) VALUES (1, 'late test', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL 1 HOUR)")
        }
        #expect(late.status == 503)
        #expect(String(decoding: late.body, as: UTF8.self).contains("late test"))
        #expect(try harness.mariadb.rootSQL("SELECT COUNT(*) FROM files WHERE name = 'late'").trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        #expect(blobCount() == blobsBefore)
        #expect(try FileManager.default.contentsOfDirectory(atPath: harness.blobDir + "/tmp").isEmpty)
        try harness.mariadb.rootSQL("DELETE FROM fwb_maintenance")
    }
}
