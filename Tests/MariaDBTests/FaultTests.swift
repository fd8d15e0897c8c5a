import Foundation
import MariaDB
import TestSupport
import Testing

@Suite(.privateMariaDB, .serialized) struct FaultTests {
    private func makePool() throws -> MariaDBPool {
        var configuration = try TestServer.configuration()
        configuration.connectTimeout = .seconds(2)
        return MariaDBPool(configuration: configuration, maxConnections: 4, acquireTimeout: .seconds(5), logger: TestServer.logger)
    }

    @Test func poolRecoversAfterServerRestart() async throws {
        let server = try TestServer.server()
        let pool = try makePool()
        let table = uniqueTable("restart")
        try await pool.withConnection { try await $0.executeUnprepared("CREATE TABLE \(table) (id INT PRIMARY KEY)") }
        _ = try await pool.execute("INSERT INTO \(table) VALUES (?)", [1])
        // Warm several connections so stale idle ones exist when the server goes away.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 { group.addTask { _ = try await pool.query("SELECT SLEEP(0.05)") } }
            try await group.waitForAll()
        }

        try await offloaded { try server.stop() }
        for _ in 0..<3 {
            let error = try #require(await expectMariaDBError { _ = try await pool.execute("INSERT INTO \(table) VALUES (?)", [2]) })
            #expect(error.isConnectionLost, "\(error)")
        }
        #expect(!(await pool.isHealthy()))

        try await offloaded { try server.restart() }
        _ = try await pool.execute("INSERT INTO \(table) VALUES (?)", [3])
        let ids = try await pool.query("SELECT id FROM \(table) ORDER BY id").map { try $0.decode(0, as: Int.self) }
        #expect(ids == [1, 3])
        #expect(await pool.isHealthy())
        await pool.shutdown()
    }

    @Test func quickRestartBetweenReadsIsInvisible() async throws {
        let server = try TestServer.server()
        let pool = try makePool()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 { group.addTask { _ = try await pool.query("SELECT SLEEP(0.05)") } }
            try await group.waitForAll()
        }
        try await offloaded { try server.stop() }
        try await offloaded { try server.restart() }
        // Idle connections are stale; a read is retried once on a fresh connection.
        #expect(try await pool.query("SELECT 41 + 1").first?.decode(0, as: Int.self) == 42)
        // The stale idle connections were discarded with the first failure: writes work at once.
        #expect(try await pool.execute("DO ?", [1]).affectedRows == 0)
        await pool.shutdown()
    }

    @Test func serverKilledMidQuery() async throws {
        let server = try TestServer.server()
        let pool = try makePool()
        #expect(try await pool.query("SELECT 1").count == 1)
        let start = ContinuousClock.now
        let longQuery = Task { try await pool.withConnection { try await $0.query("SELECT SLEEP(20)") } }
        // Kill the server once the query is running on it.
        #expect(try await pollUntil {
            try await offloaded { try server.rootSQL("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO = 'SELECT SLEEP(20)'") }
                .trimmingCharacters(in: .whitespacesAndNewlines) == "1"
        })
        try await offloaded { try server.kill() }
        let result = await longQuery.result
        let elapsed = ContinuousClock.now - start
        switch result {
        case .success: Issue.record("query survived SIGKILL of the server")
        case .failure(let error):
            let mariaDBError = try #require(error as? MariaDBError)
            #expect(mariaDBError.isConnectionLost, "\(mariaDBError)")
        }
        #expect(elapsed < .seconds(10))
        try await offloaded { try server.restart() }
        #expect(try await pool.query("SELECT 2").first?.decode(0, as: Int.self) == 2)
        await pool.shutdown()
    }
}
