/// A JSON document as a value tree.
///
/// One integer representation: every number written without fraction or exponent that fits is `.int(Int64)`,
/// so Kubernetes int64 fields (resourceVersion-like counters, generation, quantities in bytes) stay exact on
/// every platform; anything else is `.double`. Typed code that wants `Int` converts at its own boundary.
public enum JSONValue: Sendable, Hashable {
    /// JSON null.
    case null
    /// true or false.
    case bool(Bool)
    /// A number without fraction or exponent that fits in 64 bits.
    case int(Int64)
    /// Any other number.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object.
    case object(JSONObject)
}

extension JSONValue {
    /// The string payload, or nil for any other case.
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    /// The integer payload; a double with no fraction (below 2^53 in magnitude) is accepted too.
    public var intValue: Int64? {
        switch self {
        case .int(let i): return i
        case .double(let d) where abs(d) < 9.0e15: return Int64(exactly: d)
        default: return nil
        }
    }
    /// The numeric payload as a Double.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }
    /// The boolean payload, or nil for any other case.
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    /// The array payload, or nil for any other case.
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    /// The object payload, or nil for any other case.
    public var objectValue: JSONObject? { if case .object(let o) = self { return o } else { return nil } }
    /// True when this is JSON null.
    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// The JSON type name (as JSON Schema spells it), for validation messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "integer"
        case .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// Member access for objects (nil for non-objects and missing keys); setting on a non-object makes it one.
    public subscript(key: String) -> JSONValue? {
        get {
            if case .object(let o) = self { return o[key] }
            return nil
        }
        set {
            guard case .object(var o) = self else {
                self = .object(newValue.map { [key: $0] } ?? [:])
                return
            }
            self = .null  // drops the enum's reference so `o` is mutated in place, not copied
            o[key] = newValue
            self = .object(o)
        }
    }

    /// Nested member access by a path of keys; setting creates missing objects on the way.
    public subscript(path path: [String]) -> JSONValue? {
        get {
            var current: JSONValue? = self
            for key in path { current = current?[key] }
            return current
        }
        set { set(newValue, at: path[...]) }
    }

    private mutating func set(_ newValue: JSONValue?, at path: ArraySlice<String>) {
        guard let first = path.first else {
            if let newValue { self = newValue }
            return
        }
        if path.count == 1 {
            self[first] = newValue
            return
        }
        var members: JSONObject = [:]
        if case .object(let o) = self { members = o }
        self = .null
        var child = members.removeValue(forKey: first) ?? .object([:])
        child.set(newValue, at: path.dropFirst())
        members[first] = child
        self = .object(members)
    }
}
