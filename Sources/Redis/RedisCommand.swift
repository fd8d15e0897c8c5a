/// A command in argv form: a name followed by binary-safe arguments.
public struct RedisCommand: Sendable, Hashable {
    /// The command name, e.g. `GET`.
    public var name: String
    /// The arguments after the name.
    public var arguments: [RedisArgument]

    /// A command `name` with `arguments`.
    public init(_ name: String, _ arguments: [RedisArgument] = []) {
        self.name = name
        self.arguments = arguments
    }

    /// `GET key`.
    public static func get(_ key: String) -> RedisCommand {
        RedisCommand("GET", [RedisArgument(key)])
    }

    /// `SET key value [EX seconds]`.
    public static func set(_ key: String, _ value: [UInt8], expireSeconds: Int?) -> RedisCommand {
        if let expireSeconds {
            return RedisCommand("SET", [RedisArgument(key), RedisArgument(value), "EX", RedisArgument(expireSeconds)])
        }
        return RedisCommand("SET", [RedisArgument(key), RedisArgument(value)])
    }

    /// `DEL key...`.
    public static func del(_ keys: [String]) -> RedisCommand {
        RedisCommand("DEL", keys.map { RedisArgument($0) })
    }

    /// `EXPIRE key seconds`.
    public static func expire(_ key: String, seconds: Int) -> RedisCommand {
        RedisCommand("EXPIRE", [RedisArgument(key), RedisArgument(seconds)])
    }

    /// `MGET key...`.
    public static func mget(_ keys: [String]) -> RedisCommand {
        RedisCommand("MGET", keys.map { RedisArgument($0) })
    }

    /// `PUBLISH channel message`.
    public static func publish(_ channel: String, _ message: [UInt8]) -> RedisCommand {
        RedisCommand("PUBLISH", [RedisArgument(channel), RedisArgument(message)])
    }

    /// `TTL key` (seconds left, -1 without expiry, -2 when missing).
    public static func ttl(_ key: String) -> RedisCommand {
        RedisCommand("TTL", [RedisArgument(key)])
    }

    /// `GETEX key EX seconds`: read and slide the expiry in one command (Redis >= 6.2).
    public static func getex(_ key: String, expireSeconds: Int) -> RedisCommand {
        RedisCommand("GETEX", [RedisArgument(key), "EX", RedisArgument(expireSeconds)])
    }

    /// `INCRBY key amount`.
    public static func incrby(_ key: String, _ amount: Int) -> RedisCommand {
        RedisCommand("INCRBY", [RedisArgument(key), RedisArgument(amount)])
    }

    /// `PING`.
    public static var ping: RedisCommand { RedisCommand("PING") }
}
