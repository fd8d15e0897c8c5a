import Foundation

/// Any JSON value, decoded without losing the difference between booleans and numbers.
enum JSONAny: Decodable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONAny])
    case object([String: JSONAny])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .int(value) }
        else if let value = try? container.decode(Double.self) { self = .double(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONAny].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONAny].self)) }
    }

    /// The JSON form of an encodable value.
    static func encoding<T: Encodable>(_ value: T) throws -> JSONAny {
        try JSONDecoder().decode(JSONAny.self, from: try JSONEncoder().encode(value))
    }

    /// Every key path in this value (`.a.b`, array elements as `[]`).
    func paths(_ prefix: String = "") -> Set<String> {
        switch self {
        case .object(let members):
            return members.reduce(into: Set<String>()) { result, member in
                result.insert(prefix + "." + member.key)
                result.formUnion(member.value.paths(prefix + "." + member.key))
            }
        case .array(let elements):
            return elements.reduce(into: Set<String>()) { $0.formUnion($1.paths(prefix + "[]")) }
        default:
            return []
        }
    }
}
