extension Dictionary where Key == String, Value == JSONValue {
    /// Nested typed member, nil when absent or not an object.
    func optionalNested<T: JSONBacked>(_ key: String) -> T? { self[key]?.objectValue.map(T.init(object:)) }
    /// Sets or removes a nested typed member.
    mutating func setOptionalNested<T: JSONBacked>(_ key: String, _ value: T?) { self[key] = value.map { .object($0.object) } }
    /// Sets an array of nested typed members; an empty array removes the member (keeps intents minimal).
    mutating func setNestedArrayOrRemove<T: JSONBacked>(_ key: String, _ value: [T]) {
        if value.isEmpty { self[key] = nil } else { setNestedArray(key, value) }
    }
}
