/// A Kubernetes IntOrString value (a port number or a named port, a percentage, ...).
public enum IntOrString: Sendable, Equatable, Hashable {
    /// A number.
    case int(Int)
    /// A name or text.
    case string(String)

    /// Reads a JSON value; nil for anything but a number or a string.
    public init?(json: JSONValue?) {
        if let number = json?.intValue.flatMap({ Int(exactly: $0) }) {
            self = .int(number)
        } else if let text = json?.stringValue {
            self = .string(text)
        } else {
            return nil
        }
    }

    /// The JSON form.
    public var json: JSONValue {
        switch self {
        case .int(let number): return .int(Int64(number))
        case .string(let text): return .string(text)
        }
    }
}
