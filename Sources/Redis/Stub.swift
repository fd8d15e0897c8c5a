// TEMPORARY compile stand-in for the contract in /work/h/REDIS_API.md; replaced by the real module.
import Foundation
import Logging
public struct RedisConfiguration: Sendable, Equatable {
    public var host: String, port: Int, username: String?, password: String?, database: Int
    public var connectTimeout: Duration = .milliseconds(500)
    public var commandTimeout: Duration = .seconds(2)
    public var reconnectBackoff: Duration = .milliseconds(500)
    public init(host: String, port: Int = 6379, password: String? = nil, database: Int = 0) { self.host = host; self.port = port; self.password = password; self.database = database; self.username = nil }
    public init(url: String) throws { fatalError() }
}
public struct RedisArgument: Sendable, Hashable, ExpressibleByStringLiteral {
    public init(_ bytes: [UInt8]) {}; public init(_ string: String) {}; public init(_ int: Int) {}
    public init(stringLiteral value: String) {}
}
public struct RedisCommand: Sendable, Hashable {
    public init(_ name: String, _ arguments: [RedisArgument] = []) {}
    public static func get(_ key: String) -> RedisCommand { fatalError() }
    public static func set(_ key: String, _ value: [UInt8], expireSeconds: Int?) -> RedisCommand { fatalError() }
    public static func del(_ keys: [String]) -> RedisCommand { fatalError() }
    public static func expire(_ key: String, seconds: Int) -> RedisCommand { fatalError() }
    public static func mget(_ keys: [String]) -> RedisCommand { fatalError() }
    public static func publish(_ channel: String, _ message: [UInt8]) -> RedisCommand { fatalError() }
}
public enum RedisValue: Sendable, Hashable {
    case null, status(String), error(String), integer(Int64), bulk([UInt8]), array([RedisValue])
    public var bytes: [UInt8]? { nil }; public var string: String? { nil }; public var integer: Int64? { nil }
}
public struct RedisPubSubMessage: Sendable { public let channel: String; public let payload: [UInt8] }
public struct RedisInfo: Sendable, Equatable {
    public var version: String = "", usedMemory: Int64 = 0, maxmemory: Int64 = 0, maxmemoryPolicy: String = ""
    public var keyspaceHits: Int64 = 0, keyspaceMisses: Int64 = 0, connectedClients: Int = 0, expiredKeys: Int64 = 0
    public var opsPerSecond: Int = 0, keys: Int64 = 0
    public init(parsing text: String) {}
}
public final class RedisPool: Sendable {
    public init(configuration: RedisConfiguration, maxConnections: Int, logger: Logger) {}
    public func execute(_ command: RedisCommand) async throws -> RedisValue { fatalError() }
    public func pipeline(_ commands: [RedisCommand]) async throws -> [RedisValue] { fatalError() }
    public func info() async throws -> RedisInfo { fatalError() }
    public func subscribe(channels: [String]) -> AsyncStream<RedisPubSubMessage> { fatalError() }
    public func shutdown() async {}
}
public struct RedisError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable { case invalidURL, connection, timeout, poolExhausted, server, protocolError, closed }
    public let kind: Kind; public let message: String
    public var description: String { message }
}
