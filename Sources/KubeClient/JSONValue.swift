/// A JSON document as a value tree; Kubernetes objects are kept in this form so unknown fields survive.
public enum JSONValue: Sendable, Hashable {
    /// JSON null.
    case null
    /// true or false.
    case bool(Bool)
    /// A number without fraction or exponent.
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

/// A JSON object: the representation every Kubernetes resource wraps.
public typealias JSONObject = [String: JSONValue]

extension JSONValue {
    /// The string payload, or nil for any other case.
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    /// The integer payload (doubles with no fraction are accepted too).
    public var intValue: Int? {
        switch self {
        case .int(let i): return Int(i)
        case .double(let d) where d.rounded() == d && abs(d) < 9.0e15: return Int(d)
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

    /// Member lookup for objects; nil for non-objects and missing keys.
    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral
{
    /// Creates a string value.
    public init(stringLiteral value: String) { self = .string(value) }
    /// Creates an integer value.
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// Creates a boolean value.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// Creates an array value.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// Creates an object value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements, uniquingKeysWith: { _, last in last }))
    }
    /// Creates a null value.
    public init(nilLiteral: ()) { self = .null }
    /// Creates a floating-point value.
    public init(floatLiteral value: Double) { self = .double(value) }
}
