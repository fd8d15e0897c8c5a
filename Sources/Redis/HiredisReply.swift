internal import CHiredis

/// Converts hiredis reply trees into `RedisValue` (the caller frees the root with freeReplyObject).
enum HiredisReply {
    static func convert(_ reply: UnsafeMutablePointer<redisReply>) -> RedisValue {
        let node = reply.pointee
        switch node.type {
        case REDIS_REPLY_STRING:
            guard let str = node.str else { return .bulk([]) }
            return .bulk(Array(UnsafeRawBufferPointer(start: str, count: node.len)))
        case REDIS_REPLY_INTEGER:
            return .integer(Int64(node.integer))
        case REDIS_REPLY_STATUS:
            return .status(text(node))
        case REDIS_REPLY_ERROR:
            return .error(text(node))
        case REDIS_REPLY_ARRAY:
            guard let elements = node.element else { return .array([]) }
            var values: [RedisValue] = []
            values.reserveCapacity(node.elements)
            for index in 0..<node.elements {
                if let child = elements[index] { values.append(convert(child)) } else { values.append(.null) }
            }
            return .array(values)
        default:
            return .null
        }
    }

    private static func text(_ node: redisReply) -> String {
        guard let str = node.str else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: str, count: node.len), as: UTF8.self)
    }
}
