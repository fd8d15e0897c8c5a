/// A reply from Redis (RESP2).
public enum RedisValue: Sendable, Hashable {
    /// A nil bulk or nil array.
    case null
    /// A simple status such as `OK`.
    case status(String)
    /// An error reply such as `ERR unknown command`.
    case error(String)
    /// An integer reply.
    case integer(Int64)
    /// A binary-safe bulk string.
    case bulk([UInt8])
    /// A multi-bulk reply.
    case array([RedisValue])

    /// The bytes of a bulk, or of a status as UTF-8; nil otherwise.
    public var bytes: [UInt8]? {
        switch self {
        case .bulk(let bytes): return bytes
        case .status(let text): return Array(text.utf8)
        default: return nil
        }
    }

    /// A bulk decoded as UTF-8 (lossy), a status, or an integer in decimal; nil otherwise.
    public var string: String? {
        switch self {
        case .bulk(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .status(let text): return text
        case .integer(let value): return String(value)
        default: return nil
        }
    }

    /// An integer reply, or a bulk holding a decimal integer; nil otherwise.
    public var integer: Int64? {
        switch self {
        case .integer(let value): return value
        case .bulk(let bytes): return Self.parseInteger(bytes)
        default: return nil
        }
    }

    /// The elements of an array reply; nil otherwise.
    public var array: [RedisValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    /// True for `.null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    private static func parseInteger(_ bytes: [UInt8]) -> Int64? {
        guard !bytes.isEmpty, bytes.count <= 20 else { return nil }
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") {
            negative = true
            index = 1
            guard bytes.count > 1 else { return nil }
        }
        var result: Int64 = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int64(byte - UInt8(ascii: "0"))
            let (shifted, overflow1) = result.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative
                ? shifted.subtractingReportingOverflow(digit)
                : shifted.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { return nil }
            result = next
            index += 1
        }
        return result
    }
}

/// A message received on a subscribed channel.
public struct RedisPubSubMessage: Sendable {
    /// The channel it was published on.
    public let channel: String
    /// The published bytes.
    public let payload: [UInt8]

    /// A message on `channel` carrying `payload`.
    public init(channel: String, payload: [UInt8]) {
        self.channel = channel
        self.payload = payload
    }
}
