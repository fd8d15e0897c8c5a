/// The server statistics FileWallBall reports, parsed from `INFO` output.
public struct RedisInfo: Sendable, Equatable {
    /// `redis_version`.
    public var version: String
    /// `used_memory` in bytes.
    public var usedMemory: Int64
    /// `maxmemory` in bytes (0 = unlimited).
    public var maxmemory: Int64
    /// `maxmemory_policy`, e.g. `allkeys-lru`.
    public var maxmemoryPolicy: String
    /// `keyspace_hits`.
    public var keyspaceHits: Int64
    /// `keyspace_misses`.
    public var keyspaceMisses: Int64
    /// `connected_clients`.
    public var connectedClients: Int
    /// `expired_keys`.
    public var expiredKeys: Int64
    /// `instantaneous_ops_per_sec`.
    public var opsPerSecond: Int
    /// Sum of `keys=` over every `dbN:` line of the Keyspace section.
    public var keys: Int64

    /// Parses the text of an `INFO` reply; missing or malformed fields stay empty/zero.
    public init(parsing text: String) {
        version = ""
        usedMemory = 0
        maxmemory = 0
        maxmemoryPolicy = ""
        keyspaceHits = 0
        keyspaceMisses = 0
        connectedClients = 0
        expiredKeys = 0
        opsPerSecond = 0
        keys = 0
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            guard !line.hasPrefix("#"), let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon]
            let value = line[line.index(after: colon)...]
            apply(key: key, value: value)
        }
    }

    /// True when the hit rate can be computed (at least one lookup happened).
    public var hitRate: Double? {
        let total = keyspaceHits + keyspaceMisses
        return total > 0 ? Double(keyspaceHits) / Double(total) : nil
    }

    private mutating func apply(key: Substring, value: Substring) {
        switch key {
        case "redis_version": version = String(value)
        case "used_memory": usedMemory = Int64(value) ?? 0
        case "maxmemory": maxmemory = Int64(value) ?? 0
        case "maxmemory_policy": maxmemoryPolicy = String(value)
        case "keyspace_hits": keyspaceHits = Int64(value) ?? 0
        case "keyspace_misses": keyspaceMisses = Int64(value) ?? 0
        case "connected_clients": connectedClients = Int(value) ?? 0
        case "expired_keys": expiredKeys = Int64(value) ?? 0
        case "instantaneous_ops_per_sec": opsPerSecond = Int(value) ?? 0
        default:
            if key.hasPrefix("db"), Int(key.dropFirst(2)) != nil { keys += Self.keyCount(value) }
        }
    }

    /// Reads `keys=N` from `keys=N,expires=M,avg_ttl=T`.
    private static func keyCount(_ value: Substring) -> Int64 {
        for field in value.split(separator: ",") where field.hasPrefix("keys=") {
            return Int64(field.dropFirst(5)) ?? 0
        }
        return 0
    }
}
