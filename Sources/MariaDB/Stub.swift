// TEMPORARY compile stand-in for the contract in /work/h/MARIADB_API.md; replaced by the real module.
import Foundation
import Logging

public enum MariaDBTLS: Sendable, Equatable { case disabled, preferred, required, verifyCA(caPath: String), verifyIdentity(caPath: String) }
public struct MariaDBConfiguration: Sendable, Equatable {
    public var host: String, port: Int, user: String, password: String, database: String
    public var connectTimeout: Duration = .seconds(3)
    public var readTimeout: Duration = .seconds(30)
    public var writeTimeout: Duration = .seconds(30)
    public var tls: MariaDBTLS = .disabled
    public init(host: String, port: Int = 3306, user: String, password: String, database: String) {
        self.host = host; self.port = port; self.user = user; self.password = password; self.database = database
    }
    public init(url: String) throws { fatalError() }
    public func with(database: String) -> MariaDBConfiguration { self }
}
public enum MariaDBValue: Sendable, Hashable { case null, int(Int64), uint(UInt64), double(Double), text(String), blob([UInt8]), date(Date) }
public protocol MariaDBEncodable: Sendable { var mariaDBValue: MariaDBValue { get } }
public protocol MariaDBDecodable { init(mariaDBValue: MariaDBValue) throws }
extension Int: MariaDBEncodable, MariaDBDecodable { public var mariaDBValue: MariaDBValue { .int(Int64(self)) }; public init(mariaDBValue: MariaDBValue) throws { fatalError() } }
extension Int64: MariaDBEncodable, MariaDBDecodable { public var mariaDBValue: MariaDBValue { .int(self) }; public init(mariaDBValue: MariaDBValue) throws { fatalError() } }
extension UInt64: MariaDBEncodable, MariaDBDecodable { public var mariaDBValue: MariaDBValue { .uint(self) }; public init(mariaDBValue: MariaDBValue) throws { fatalError() } }
extension String: MariaDBEncodable, MariaDBDecodable { public var mariaDBValue: MariaDBValue { .text(self) }; public init(mariaDBValue: MariaDBValue) throws { fatalError() } }
extension Bool: MariaDBEncodable, MariaDBDecodable { public var mariaDBValue: MariaDBValue { .int(self ? 1 : 0) }; public init(mariaDBValue: MariaDBValue) throws { fatalError() } }
extension Date: MariaDBEncodable, MariaDBDecodable { public var mariaDBValue: MariaDBValue { .date(self) }; public init(mariaDBValue: MariaDBValue) throws { fatalError() } }
extension Array: MariaDBEncodable, MariaDBDecodable where Element == UInt8 { public var mariaDBValue: MariaDBValue { .blob(self) }; public init(mariaDBValue: MariaDBValue) throws { fatalError() } }
extension Optional: MariaDBDecodable where Wrapped: MariaDBDecodable { public init(mariaDBValue: MariaDBValue) throws { fatalError() } }
extension Optional: MariaDBEncodable where Wrapped: MariaDBEncodable { public var mariaDBValue: MariaDBValue { fatalError() } }
public struct MariaDBRow: Sendable {
    public let columns: [String]; public let values: [MariaDBValue]
    public func decode<T: MariaDBDecodable>(_ column: String, as type: T.Type = T.self) throws -> T { fatalError() }
    public func decode<T: MariaDBDecodable>(_ index: Int, as type: T.Type = T.self) throws -> T { fatalError() }
}
public struct MariaDBExecResult: Sendable { public let affectedRows: UInt64; public let lastInsertID: UInt64 }
public final class MariaDBConnection: @unchecked Sendable {
    public static func connect(configuration: MariaDBConfiguration, logger: Logger) async throws -> MariaDBConnection { fatalError() }
    public func query(_ sql: String, _ parameters: [any MariaDBEncodable] = []) async throws -> [MariaDBRow] { fatalError() }
    public func execute(_ sql: String, _ parameters: [any MariaDBEncodable] = []) async throws -> MariaDBExecResult { fatalError() }
    public func executeUnprepared(_ sql: String) async throws { fatalError() }
    public func ping() async -> Bool { fatalError() }
    public var serverVersion: String { fatalError() }
    public func close() async {}
}
public final class MariaDBPool: Sendable {
    public init(configuration: MariaDBConfiguration, maxConnections: Int, acquireTimeout: Duration = .seconds(5), logger: Logger) {}
    public func withConnection<T: Sendable>(_ body: @Sendable (MariaDBConnection) async throws -> T) async throws -> T { fatalError() }
    public func transaction<T: Sendable>(_ body: @Sendable (MariaDBConnection) async throws -> T) async throws -> T { fatalError() }
    public func query(_ sql: String, _ parameters: [any MariaDBEncodable] = []) async throws -> [MariaDBRow] { fatalError() }
    public func execute(_ sql: String, _ parameters: [any MariaDBEncodable] = []) async throws -> MariaDBExecResult { fatalError() }
    public func isHealthy() async -> Bool { fatalError() }
    public func shutdown() async {}
}
public struct MariaDBError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable { case invalidURL, connection, timeout, poolExhausted, server, decoding, closed }
    public let kind: Kind; public let code: UInt32; public let sqlState: String; public let message: String
    public var isConnectionLost: Bool { false }
    public var isDuplicateKey: Bool { code == 1062 }
    public var isDeadlock: Bool { false }
    public var description: String { message }
}
