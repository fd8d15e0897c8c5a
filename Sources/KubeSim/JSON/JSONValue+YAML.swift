import Foundation

extension JSONValue {
    /// Converts a Yams-decoded value (`Yams.load`/`load_all`) into JSON.
    public init(yamlAny any: Any) {
        switch any {
        case let b as Bool: self = .bool(b)
        case let i as Int: self = .int(Int64(i))
        case let d as Double: self = .double(d)
        case let s as String: self = .string(s)
        case let a as [Any]: self = .array(a.map { JSONValue(yamlAny: $0) })
        case let m as [String: Any]: self = .object(m.mapValues { JSONValue(yamlAny: $0) })
        case let m as [AnyHashable: Any]:
            var o: [String: JSONValue] = [:]
            for (k, v) in m { o["\(k)"] = JSONValue(yamlAny: v) }
            self = .object(o)
        default: self = .null
        }
    }
}
