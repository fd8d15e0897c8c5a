import Foundation

extension Dictionary where Key == String, Value == JSONValue {
    /// String member.
    public func string(_ key: String) -> String? { self[key]?.stringValue }
    /// Integer member.
    public func int(_ key: String) -> Int? { self[key]?.intValue.flatMap { Int(exactly: $0) } }
    /// Boolean member.
    public func bool(_ key: String) -> Bool? { self[key]?.boolValue }
    /// Object member, or an empty object.
    public func objectMember(_ key: String) -> JSONObject { self[key]?.objectValue ?? [:] }
    /// Map of strings member.
    public func stringMap(_ key: String) -> [String: String]? {
        guard let map = self[key]?.objectValue else { return nil }
        return map.compactMapValues { $0.stringValue }
    }
    /// Array of strings member.
    public func stringArray(_ key: String) -> [String]? { self[key]?.arrayValue?.compactMap { $0.stringValue } }
    /// Array of objects member.
    public func objectArray(_ key: String) -> [JSONObject]? { self[key]?.arrayValue?.compactMap { $0.objectValue } }

    /// Sets or removes a string member.
    public mutating func set(_ key: String, _ value: String?) { self[key] = value.map { .string($0) } }
    /// Sets or removes an integer member.
    public mutating func set(_ key: String, _ value: Int?) { self[key] = value.map { .int(Int64($0)) } }
    /// Sets or removes a boolean member.
    public mutating func set(_ key: String, _ value: Bool?) { self[key] = value.map { .bool($0) } }
    /// Sets or removes a map of strings member.
    public mutating func set(_ key: String, _ value: [String: String]?) {
        self[key] = value.map { .object($0.mapValues { .string($0) }) }
    }
    /// Sets or removes an array of strings member.
    public mutating func set(_ key: String, _ value: [String]?) { self[key] = value.map { .array($0.map { .string($0) }) } }
    /// Sets or removes an object member (an empty object is kept).
    public mutating func set(_ key: String, object value: JSONObject?) { self[key] = value.map { .object($0) } }
    /// Sets or removes an array of objects member.
    public mutating func set(_ key: String, objects value: [JSONObject]?) {
        self[key] = value.map { .array($0.map { .object($0) }) }
    }
}

/// A JSON-backed nested value (spec, status, ...) with typed accessors.
public protocol JSONBacked: Sendable, Equatable {
    /// The underlying object.
    var object: JSONObject { get set }
    /// Wraps an object.
    init(object: JSONObject)
}

extension JSONBacked {
    /// Creates an empty value.
    public init() { self.init(object: [:]) }
}

extension Dictionary where Key == String, Value == JSONValue {
    /// Nested typed member.
    public func nested<T: JSONBacked>(_ key: String) -> T { T(object: objectMember(key)) }
    /// Sets a nested typed member.
    public mutating func setNested<T: JSONBacked>(_ key: String, _ value: T) { self[key] = .object(value.object) }
    /// Array of nested typed members.
    public func nestedArray<T: JSONBacked>(_ key: String) -> [T] { (objectArray(key) ?? []).map(T.init(object:)) }
    /// Sets an array of nested typed members.
    public mutating func setNestedArray<T: JSONBacked>(_ key: String, _ value: [T]) {
        self[key] = .array(value.map { .object($0.object) })
    }
}
