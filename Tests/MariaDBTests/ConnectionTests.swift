import Foundation
import MariaDB
import Testing

@Suite(.privateMariaDB) struct ConnectionTests {
    private func connect() async throws -> MariaDBConnection {
        try await MariaDBConnection.connect(configuration: try TestServer.configuration(), logger: TestServer.logger)
    }

    @Test func everyValueTypeRoundTrips() async throws {
        let connection = try await connect()
        let table = uniqueTable("types")
        try await connection.executeUnprepared("""
            CREATE TABLE \(table) (id INT PRIMARY KEY, i BIGINT, u BIGINT UNSIGNED, d DOUBLE, t TEXT, b LONGBLOB,
            dt DATETIME(6), ts TIMESTAMP(6) NULL, dec_col DECIMAL(12,3), ti TINYINT, flag BOOLEAN, vc VARCHAR(255),
            small_u INT UNSIGNED)
            """)
        let blob = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
        let unicode = "héllo wörld 🎉 日本語 \u{0}nul and 'quotes' \"dq\" \\ backslash"
        let date = Date(timeIntervalSince1970: 1_709_210_096.789012)
        let timestamp = Date(timeIntervalSince1970: 1_600_000_000.000001)
        let insert = try await connection.execute(
            "INSERT INTO \(table) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [1, Int64.min, UInt64.max, 3.5e-300, unicode, blob, date, timestamp, MariaDBValue.text("12345.678"),
             Int32(-128), true, "", UInt64(4_294_967_295)])
        #expect(insert.affectedRows == 1)
        let nulls: [any MariaDBEncodable] = [2] + Array(repeating: MariaDBValue.null as any MariaDBEncodable, count: 12)
        _ = try await connection.execute("INSERT INTO \(table) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", nulls)

        let rows = try await connection.query("SELECT * FROM \(table) ORDER BY id")
        try #require(rows.count == 2)
        let row = rows[0]
        #expect(row.columns.first == "id")
        #expect(try row.decode("i", as: Int64.self) == Int64.min)
        #expect(try row.decode("u", as: UInt64.self) == UInt64.max)
        #expect(row["u"] == .uint(UInt64.max))
        #expect(try row.decode("d", as: Double.self) == 3.5e-300)
        #expect(try row.decode("t", as: String.self) == unicode)
        #expect(try row.decode("b", as: [UInt8].self) == blob)
        let decodedDate = try row.decode("dt", as: Date.self)
        #expect(abs(decodedDate.timeIntervalSince(date)) < 0.000_001)
        #expect(abs(try row.decode("ts", as: Date.self).timeIntervalSince(timestamp)) < 0.000_001)
        #expect(row["dec_col"] == .text("12345.678"))
        #expect(try row.decode("dec_col", as: Double.self) == 12345.678)
        #expect(try row.decode("ti", as: Int.self) == -128)
        #expect(try row.decode("flag", as: Bool.self) == true)
        #expect(try row.decode("vc", as: String.self) == "")
        #expect(row["small_u"] == .uint(4_294_967_295))
        #expect(try row.decode(0, as: Int32.self) == 1)

        let empty = rows[1]
        for column in empty.columns.dropFirst() {
            #expect(empty[column] == .null, "column \(column)")
            #expect(try empty.decode(column, as: String?.self) == nil)
        }
        #expect(throws: MariaDBError.self) { try empty.decode("i", as: Int.self) }
        #expect(throws: MariaDBError.self) { try row.decode("nope", as: Int.self) }
        #expect(throws: MariaDBError.self) { try row.decode("t", as: Int.self) }
        await connection.close()
    }

    @Test func datesAreUTCWithMicroseconds() async throws {
        let connection = try await connect()
        let rows = try await connection.query(
            "SELECT TIMESTAMP '2024-02-29 12:34:56.789012' AS literal, UTC_TIMESTAMP(6) AS now_utc, NOW(6) AS now_session, CAST(? AS DATETIME(6)) AS echoed",
            [Date(timeIntervalSince1970: 0.000_001)])
        let row = try #require(rows.first)
        let literal = try row.decode("literal", as: Date.self)
        #expect(abs(literal.timeIntervalSince1970 - 1_709_210_096.789012) < 0.000_001)
        #expect(abs(try row.decode("now_utc", as: Date.self).timeIntervalSinceNow) < 60)
        #expect(abs(try row.decode("now_session", as: Date.self).timeIntervalSinceNow) < 60)
        #expect(abs(try row.decode("echoed", as: Date.self).timeIntervalSince1970 - 0.000_001) < 0.000_000_5)
        await connection.close()
    }

    @Test func expressionsDecodeToTypedValues() async throws {
        let connection = try await connect()
        let rows = try await connection.query(
            "SELECT 1 + 1 AS two, 'x' AS x, NULL AS nothing, CAST(18446744073709551615 AS UNSIGNED) AS umax, 1.25 AS decimal_literal, ? AS echoed_blob, ? AS echoed_text",
            [[UInt8]([0, 255, 1]), "ü"])
        let row = try #require(rows.first)
        #expect(row.values[0] == .int(2))
        #expect(row.values[1] == .text("x"))
        #expect(row.values[2] == .null)
        #expect(row.values[3] == .uint(UInt64.max))
        #expect(row.values[4] == .text("1.25"))
        #expect(try row.decode("echoed_blob", as: [UInt8].self) == [0, 255, 1])
        #expect(try row.decode("echoed_text", as: String.self) == "ü")
        await connection.close()
    }

    @Test func longValuesGrowBuffersAcrossRows() async throws {
        let connection = try await connect()
        let table = uniqueTable("grow")
        try await connection.executeUnprepared("CREATE TABLE \(table) (id INT PRIMARY KEY, body MEDIUMTEXT, raw MEDIUMBLOB)")
        let texts = ["a", String(repeating: "ß", count: 100_000), "b", String(repeating: "z", count: 5000), ""]
        for (index, text) in texts.enumerated() {
            _ = try await connection.execute("INSERT INTO \(table) VALUES (?, ?, ?)", [index, text, Array(text.utf8)])
        }
        let rows = try await connection.query("SELECT body, raw FROM \(table) ORDER BY id")
        #expect(rows.map { try? $0.decode("body", as: String.self) } == texts)
        #expect(rows.map { try? $0.decode("raw", as: [UInt8].self) } == texts.map { Array($0.utf8) })
        await connection.close()
    }

    @Test func blockingSessionRunsABatchInOneHop() async throws {
        let connection = try await connect()
        let table = uniqueTable("batch")
        let count = try await connection.withBlockingSession { session -> Int in
            try session.executeUnprepared("CREATE TABLE \(table) (id INT PRIMARY KEY) ENGINE=InnoDB")
            try session.executeUnprepared("BEGIN")
            #expect(try session.execute("INSERT INTO \(table) VALUES (?), (?)", [1, 2]).affectedRows == 2)
            try session.executeUnprepared("COMMIT")
            return try session.query("SELECT COUNT(*) FROM \(table)").first?.decode(0, as: Int.self) ?? -1
        }
        #expect(count == 2)
        // A server error inside the batch comes out typed, and the connection stays usable.
        let error = try #require(await expectMariaDBError {
            _ = try await connection.withBlockingSession { session in try session.execute("INSERT INTO \(table) VALUES (?)", [1]) }
        })
        #expect(error.isDuplicateKey)
        #expect(!connection.isBroken)
        // A connection lost inside the batch marks the connection broken, as for a single statement.
        let lost = try #require(await expectMariaDBError {
            _ = try await connection.withBlockingSession { session in
                try? session.executeUnprepared("KILL CONNECTION_ID()")
                return try session.query("SELECT 1")
            }
        })
        #expect(lost.isConnectionLost, "\(lost)")
        #expect(connection.isBroken)
        await connection.close()
    }

    @Test func duplicateKeyIsTyped() async throws {
        let connection = try await connect()
        let table = uniqueTable("dup")
        try await connection.executeUnprepared("CREATE TABLE \(table) (id INT PRIMARY KEY)")
        _ = try await connection.execute("INSERT INTO \(table) VALUES (?)", [7])
        let error = try #require(await expectMariaDBError { _ = try await connection.execute("INSERT INTO \(table) VALUES (?)", [7]) })
        #expect(error.isDuplicateKey)
        #expect(error.code == 1062)
        #expect(error.sqlState == "23000")
        #expect(error.kind == .server)
        #expect(!error.isConnectionLost)
        // The connection and its cached statement stay usable after a server error.
        _ = try await connection.execute("INSERT INTO \(table) VALUES (?)", [8])
        #expect(try await connection.query("SELECT COUNT(*) FROM \(table)").first?.decode(0, as: Int.self) == 2)
        await connection.close()
    }

    @Test func syntaxErrorIsTyped() async throws {
        let connection = try await connect()
        let error = try #require(await expectMariaDBError { _ = try await connection.query("SELEC 1") })
        #expect(error.kind == .server)
        #expect(error.code == 1064)
        #expect(error.sqlState == "42000")
        let unprepared = try #require(await expectMariaDBError { try await connection.executeUnprepared("CREAT TABLE x (id INT)") })
        #expect(unprepared.code == 1064)
        let mismatch = try #require(await expectMariaDBError { _ = try await connection.query("SELECT ?", []) })
        #expect(mismatch.kind == .server)
        #expect(try await connection.query("SELECT 1").count == 1)
        await connection.close()
    }

    @Test func executeReportsInsertIDAndAffectedRows() async throws {
        let connection = try await connect()
        let table = uniqueTable("auto")
        try await connection.executeUnprepared("CREATE TABLE \(table) (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20))")
        let first = try await connection.execute("INSERT INTO \(table) (name) VALUES (?)", ["a"])
        let second = try await connection.execute("INSERT INTO \(table) (name) VALUES (?), (?)", ["b", "c"])
        #expect(first.lastInsertID == 1)
        #expect(second.lastInsertID == 2)
        #expect(second.affectedRows == 2)
        let updated = try await connection.execute("UPDATE \(table) SET name = ? WHERE id > ?", ["z", 1])
        #expect(updated.affectedRows == 2)
        let selectViaExecute = try await connection.execute("SELECT * FROM \(table)")
        #expect(selectViaExecute.lastInsertID == 0)
        #expect(try await connection.query("SELECT name FROM \(table) WHERE id = ?", [3]).first?.decode("name", as: String.self) == "z")
        await connection.close()
    }

    @Test func preparedStatementsAreCachedAndBounded() async throws {
        let connection = try await connect()
        for value in 0..<5 {
            let rows = try await connection.query("SELECT ? + 1 AS next", [value])
            #expect(try rows.first?.decode("next", as: Int.self) == value + 1)
        }
        #expect(await connection.cachedStatementCount() == 1)
        for value in 0..<200 {
            let rows = try await connection.query("SELECT \(value) AS literal_value")
            #expect(try rows.first?.decode(0, as: Int.self) == value)
        }
        #expect(await connection.cachedStatementCount() <= 128)
        let prepared = try await connection.query("SHOW STATUS LIKE 'Prepared_stmt_count'")
        #expect(try Int(prepared.first?.decode(1, as: String.self) ?? "") ?? 999 <= 128 * 4)
        await connection.close()
    }

    @Test func namedLocksExcludeAnotherConnection() async throws {
        let first = try await connect()
        let second = try await connect()
        let name = uniqueTable("lock")
        #expect(try await first.query("SELECT GET_LOCK(?, 0)", [name]).first?.decode(0, as: Int.self) == 1)
        #expect(try await second.query("SELECT GET_LOCK(?, 0)", [name]).first?.decode(0, as: Int.self) == 0)
        #expect(try await first.query("SELECT RELEASE_LOCK(?)", [name]).first?.decode(0, as: Int.self) == 1)
        #expect(try await second.query("SELECT GET_LOCK(?, 1)", [name]).first?.decode(0, as: Int.self) == 1)
        #expect(try await first.query("SELECT IS_FREE_LOCK(?)", [name]).first?.decode(0, as: Int.self) == 0)
        await second.close()
        // The server releases a closed session's locks asynchronously: wait for it (bounded).
        var free = 0
        for _ in 0..<100 where free != 1 {
            free = try await first.query("SELECT IS_FREE_LOCK(?)", [name]).first?.decode(0, as: Int.self) ?? 0
            if free != 1 { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(free == 1)
        await first.close()
    }

    @Test func connectionReportsVersionPingAndClose() async throws {
        let connection = try await connect()
        #expect(connection.serverVersion.contains("MariaDB"))
        #expect(await connection.ping())
        await connection.close()
        #expect(!(await connection.ping()))
        let error = try #require(await expectMariaDBError { _ = try await connection.query("SELECT 1") })
        #expect(error.kind == .closed)
    }

    @Test func badPasswordAndRefusedPortAreConnectionErrors() async throws {
        var wrong = try TestServer.configuration()
        wrong.password = "definitely-wrong"
        let denied = try #require(await expectMariaDBError {
            _ = try await MariaDBConnection.connect(configuration: wrong, logger: TestServer.logger)
        })
        #expect(denied.code == 1045)
        #expect(!denied.message.contains("definitely-wrong"))
        var refused = try TestServer.configuration()
        refused.port = 1
        let error = try #require(await expectMariaDBError {
            _ = try await MariaDBConnection.connect(configuration: refused, logger: TestServer.logger)
        })
        #expect(error.isConnectionLost)
        #expect(error.code == 2002 || error.code == 2003)
    }

    @Test func tlsModesAreApplied() async throws {
        let plain = try await connect()
        let plainCipher = try await plain.query("SHOW SESSION STATUS LIKE 'Ssl_cipher'").first?.decode(1, as: String.self)
        #expect(plainCipher == "")
        await plain.close()
        var configuration = try TestServer.configuration()
        configuration.tls = .required
        do {
            // Either the server offers TLS and the session is encrypted, or the connect fails.
            let encrypted = try await MariaDBConnection.connect(configuration: configuration, logger: TestServer.logger)
            let cipher = try await encrypted.query("SHOW SESSION STATUS LIKE 'Ssl_cipher'").first?.decode(1, as: String.self)
            #expect(cipher?.isEmpty == false)
            await encrypted.close()
        } catch let error as MariaDBError {
            #expect(error.kind == .connection)
        }
        configuration.tls = .verifyIdentity(caPath: "/nonexistent/ca.pem")
        let error = try #require(await expectMariaDBError {
            _ = try await MariaDBConnection.connect(configuration: configuration, logger: TestServer.logger)
        })
        #expect(error.kind == .connection)
    }

    @Test func readTimeoutEndsAStuckQuery() async throws {
        var configuration = try TestServer.configuration()
        configuration.readTimeout = .seconds(1)
        let connection = try await MariaDBConnection.connect(configuration: configuration, logger: TestServer.logger)
        let start = ContinuousClock.now
        let error = try #require(await expectMariaDBError { _ = try await connection.query("SELECT SLEEP(4)") })
        #expect(ContinuousClock.now - start < .seconds(3.5))
        #expect(error.isConnectionLost, "\(error)")
        #expect(error.kind == .timeout, "\(error)")
        #expect(connection.isBroken)
        await connection.close()
    }
}
