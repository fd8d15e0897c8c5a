import Foundation

/// Types usable as statement parameters: Int, Int64, Int32, UInt64, Double, Bool, String, [UInt8], Date,
/// Data, MariaDBValue, Optional of those.
public protocol MariaDBEncodable: Sendable {
    /// The value sent to the server.
    var mariaDBValue: MariaDBValue { get }
}

extension MariaDBValue: MariaDBEncodable {
    /// Itself.
    public var mariaDBValue: MariaDBValue { self }
}

extension Int: MariaDBEncodable {
    /// `.int`.
    public var mariaDBValue: MariaDBValue { .int(Int64(self)) }
}

extension Int64: MariaDBEncodable {
    /// `.int`.
    public var mariaDBValue: MariaDBValue { .int(self) }
}

extension Int32: MariaDBEncodable {
    /// `.int`.
    public var mariaDBValue: MariaDBValue { .int(Int64(self)) }
}

extension UInt64: MariaDBEncodable {
    /// `.uint`.
    public var mariaDBValue: MariaDBValue { .uint(self) }
}

extension Double: MariaDBEncodable {
    /// `.double`.
    public var mariaDBValue: MariaDBValue { .double(self) }
}

extension Bool: MariaDBEncodable {
    /// `.int(1)` or `.int(0)`.
    public var mariaDBValue: MariaDBValue { .int(self ? 1 : 0) }
}

extension String: MariaDBEncodable {
    /// `.text`.
    public var mariaDBValue: MariaDBValue { .text(self) }
}

extension Array: MariaDBEncodable where Element == UInt8 {
    /// `.blob`.
    public var mariaDBValue: MariaDBValue { .blob(self) }
}

extension Data: MariaDBEncodable {
    /// `.blob`.
    public var mariaDBValue: MariaDBValue { .blob([UInt8](self)) }
}

extension Date: MariaDBEncodable {
    /// `.date` (sent as a UTC DATETIME with microseconds).
    public var mariaDBValue: MariaDBValue { .date(self) }
}

extension Optional: MariaDBEncodable where Wrapped: MariaDBEncodable {
    /// `.null` for nil, else the wrapped value.
    public var mariaDBValue: MariaDBValue {
        switch self {
        case .none: return .null
        case .some(let wrapped): return wrapped.mariaDBValue
        }
    }
}
