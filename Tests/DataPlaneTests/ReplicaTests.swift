import Foundation
import Synchronization
import Testing
import TestSupport

/// Several stateless `serve` replicas sharing one MariaDB, one Redis and one blob volume.
@Suite("replicas share sessions")
struct ReplicaTests {
    @Test("login on one replica, use on the other; logout on one ends it on both at once")
    func sharedSessions() throws {
        let harness = try Harness()
        let a = try harness.startServer()
        let b = try harness.startServer()
        let onA = try makeUser(harness, server: a, name: "roamer")
        let onB = Client(port: b.port, token: onA.token)
        #expect(try onB.call("GET", "/api/v1/auth/me").json["username"] as? String == "roamer")
        let id = try #require(onA.upload("shared", Array("hello".utf8)).json["id"] as? String)
        #expect(try onB.call("GET", "/api/v1/files/\(id)").text == "hello")
        #expect(try onB.call("POST", "/api/v1/auth/logout").status == 204)
        // Immediately, with no delay, on the other replica:
        #expect(try onA.call("GET", "/api/v1/auth/me").status == 401)
        #expect(try onA.call("GET", "/api/v1/files/\(id)/meta").status == 401)
    }

    @Test("list pages are cached in Redis, and every upload or delete shows on every replica at once")
    func listCacheAcrossReplicas() throws {
        let harness = try Harness()
        let a = try harness.startServer()
        let b = try harness.startServer()
        let onA = try makeUser(harness, server: a, name: "lister")
        let onB = Client(port: b.port, token: onA.token)
        func names(_ client: Client, _ query: String = "") throws -> [String] {
            let page = try client.call("GET", "/api/v1/files" + query)
            #expect(page.status == 200)
            return (page.json["items"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        }
        let first = try #require(onA.upload("first", [1]).json["id"] as? String)
        #expect(try names(onA) == ["first"])
        #expect(try harness.redisKeys().contains { $0.hasPrefix("file:list:{") })
        #expect(try names(onB) == ["first"])  // served from the page A cached
        _ = try onB.upload("second", [2])
        #expect(try names(onA) == ["second", "first"])
        #expect(try names(onA, "?limit=1") == ["second"])
        #expect(try onB.call("DELETE", "/api/v1/files/\(first)").status == 204)
        #expect(try names(onA) == ["second"])
        #expect(try names(onB) == ["second"])
        // A resumable upload finishing on A shows on B at once too.
        let created = try onA.call("POST", "/api/v1/uploads?name=third", headers: ["Upload-Length": "3"])
        let uploadID = try #require(created.json["upload_id"] as? String)
        #expect(try onA.call("PATCH", "/api/v1/uploads/\(uploadID)", body: [7, 8, 9], headers: ["Upload-Offset": "0"]).status == 201)
        #expect(try names(onB) == ["third", "second"])
        // Cached pages of one user are never another user's.
        let other = try makeUser(harness, server: b, name: "bystander")
        #expect(try names(other) == [])
    }

    @Test("killing one replica mid-traffic loses no session")
    func replicaDeath() async throws {
        let harness = try Harness()
        let a = try harness.startServer()
        let b = try harness.startServer()
        var clients: [Client] = []
        for index in 0..<3 { clients.append(try makeUser(harness, server: a, name: "user\(index)")) }
        let ids = try clients.map { try #require($0.upload("f", Array("data".utf8)).json["id"] as? String) }
        // Traffic on A while it is SIGKILLed.
        let served = Atomic<Int>(0)
        let traffic = Task.detached {
            for round in 0..<200 {
                let client = clients[round % clients.count]
                if let reply = try? client.call("GET", "/api/v1/files/\(ids[round % ids.count])/meta"), reply.status == 200 {
                    served.add(1, ordering: .relaxed)
                }
            }
        }
        // Kill A once the traffic is flowing.
        #expect(await pollUntil { served.load(ordering: .relaxed) >= 5 })
        a.kill()
        _ = await traffic.value
        #expect(!a.isRunning)
        for (client, id) in zip(clients, ids) {
            let onB = Client(port: b.port, token: client.token)
            #expect(try onB.call("GET", "/api/v1/auth/me").status == 200)
            #expect(try onB.call("GET", "/api/v1/files/\(id)").text == "data")
        }
    }

    @Test("several replicas starting at once migrate the schema exactly once")
    func concurrentMigrations() async throws {
        let harness = try Harness()
        let env = harness.environment
        let servers = try await withThrowingTaskGroup(of: ServeProcess.self) { group in
            for _ in 0..<3 { group.addTask { try ServeProcess(environment: env) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(servers.count == 3)
        #expect(try harness.mariadb.rootSQL("SELECT version FROM fwb_schema_version").trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        #expect(try harness.mariadb.rootSQL("SELECT COUNT(*) FROM users").trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        for server in servers { server.stop() }
    }

    @Test("SIGTERM drains and exits 0: one signal handler per process (ProcessSupport's ShutdownSignals)")
    func sigtermShutsDownCleanly() throws {
        let harness = try Harness()
        let server = try harness.startServer()
        server.stop()
        #expect(server.exitStatus == 0, "\(server.log)")
        #expect(server.log.contains("shutting down"))
    }

    @Test("a schema newer than the binary is refused at start-up")
    func schemaTooNew() throws {
        let harness = try Harness()
        let first = try harness.startServer()
        first.stop()
        try harness.mariadb.rootSQL("UPDATE fwb_schema_version SET version = 99")
        #expect(throws: (any Error).self) { try harness.startServer() }
    }
}
