import Foundation
@testable import MariaDB
import Testing

@Suite struct ConfigurationTests {
    @Test func parsesFullURLWithPercentDecoding() throws {
        let configuration = try MariaDBConfiguration(
            url: "mariadb://fw%40b:p%3Ass%2Fw%40rd@db.example:3307/file%20wall?tls=required&connect_timeout=2&read_timeout=7&write_timeout=8")
        #expect(configuration.user == "fw@b")
        #expect(configuration.password == "p:ss/w@rd")
        #expect(configuration.host == "db.example")
        #expect(configuration.port == 3307)
        #expect(configuration.database == "file wall")
        #expect(configuration.tls == .required)
        #expect(configuration.connectTimeout == .seconds(2))
        #expect(configuration.readTimeout == .seconds(7))
        #expect(configuration.writeTimeout == .seconds(8))
    }

    @Test func appliesDefaults() throws {
        let configuration = try MariaDBConfiguration(url: "mariadb://fwb:pw@127.0.0.1/filewallball")
        #expect(configuration.port == 3306)
        #expect(configuration.tls == .disabled)
        #expect(configuration.connectTimeout == .seconds(3))
        #expect(configuration.readTimeout == .seconds(30))
        #expect(configuration == MariaDBConfiguration(host: "127.0.0.1", user: "fwb", password: "pw", database: "filewallball"))
    }

    @Test func parsesIPv6AndVerifyModes() throws {
        let configuration = try MariaDBConfiguration(url: "mariadb://u:p@[::1]:3310/db?tls=verify_identity&ssl_ca=%2Fetc%2Fca.pem")
        #expect(configuration.host == "::1")
        #expect(configuration.port == 3310)
        #expect(configuration.tls == .verifyIdentity(caPath: "/etc/ca.pem"))
        let verifyCA = try MariaDBConfiguration(url: "mariadb://u:p@h/db?tls=verify_ca&ssl_ca=/ca.pem")
        #expect(verifyCA.tls == .verifyCA(caPath: "/ca.pem"))
    }

    @Test(arguments: [
        "postgres://u:p@h/db", "mariadb://h/db", "mariadb://u:p@h:notaport/db", "mariadb://u:p@h:70000/db",
        "mariadb://u:p@h/db?tls=bogus", "mariadb://u:p@h/db?unknown=1", "mariadb://u:p@h/db?connect_timeout=-1",
        "mariadb://u:p@/db", "mariadb://u:p%zz@h/db", "mariadb://u:p@h/db?tls=verify_ca",
    ])
    func rejectsInvalidURLs(url: String) throws {
        let error = try #require(throws: MariaDBError.self) { try MariaDBConfiguration(url: url) }
        #expect(error.kind == .invalidURL)
        #expect(!error.message.contains("p%zz"))
    }

    @Test func withDatabaseChangesOnlyTheDatabase() throws {
        let base = try MariaDBConfiguration(url: "mariadb://u:p@h:1234/db?tls=preferred")
        let other = base.with(database: "filewallball_scratch")
        #expect(other.database == "filewallball_scratch")
        #expect(other.with(database: "db") == base)
    }

    @Test func errorClassification() {
        #expect(MariaDBError(kind: .server, code: 2013, message: "").isConnectionLost)
        #expect(MariaDBError(kind: .timeout, message: "").isConnectionLost)
        #expect(!MariaDBError(kind: .server, code: 1064, message: "").isConnectionLost)
        #expect(MariaDBError(kind: .server, code: 1062, message: "").isDuplicateKey)
        #expect(MariaDBError(kind: .server, code: 1213, message: "").isDeadlock)
        #expect(MariaDBError(kind: .server, code: 1205, message: "").isDeadlock)
        #expect(MariaDBPool.isRetryableRead("  select 1"))
        #expect(!MariaDBPool.isRetryableRead("INSERT INTO t VALUES (1)"))
    }

    @Test func utcDateConversionRoundTrips() {
        for seconds in [-86_400.5, 0, 951_782_400.25, 1_709_210_096.789012, 4_102_444_799.999999] {
            let date = Date(timeIntervalSince1970: seconds)
            let back = UTCDateConversion.date(from: UTCDateConversion.fields(of: date))
            #expect(abs(back.timeIntervalSince(date)) < 0.000_001)
        }
        let leap = UTCDateConversion.fields(of: Date(timeIntervalSince1970: 1_709_210_096.789012))
        #expect(leap == UTCDateFields(year: 2024, month: 2, day: 29, hour: 12, minute: 34, second: 56, microsecond: 789_012))
    }
}
