import Foundation

/// Types decodable from a column: Int, Int64, Int32, UInt64, Double, Bool, String, [UInt8], Date, Data,
/// MariaDBValue, Optional of those. DECIMAL comes as `.text`; a NULL into a non-Optional throws.
public protocol MariaDBDecodable {
    /// Converts a column value; throws `MariaDBError(kind: .decoding)` when it does not fit.
    init(mariaDBValue: MariaDBValue) throws
}

/// Builds the error thrown when a value cannot be converted (names the types, never the value).
func decodingError(_ value: MariaDBValue, _ target: Any.Type) -> MariaDBError {
    MariaDBError(kind: .decoding, message: "cannot decode \(value.caseName) as \(target)")
}

extension MariaDBValue: MariaDBDecodable {
    /// Itself.
    public init(mariaDBValue: MariaDBValue) throws { self = mariaDBValue }
}

extension Int64: MariaDBDecodable {
    /// From `.int`, `.uint` (when it fits) or integer `.text`.
    public init(mariaDBValue: MariaDBValue) throws {
        switch mariaDBValue {
        case .int(let value): self = value
        case .uint(let value) where value <= UInt64(Int64.max): self = Int64(value)
        case .text(let text) where Int64(text) != nil: self = Int64(text) ?? 0
        default: throw decodingError(mariaDBValue, Int64.self)
        }
    }
}

extension Int: MariaDBDecodable {
    /// Like `Int64`.
    public init(mariaDBValue: MariaDBValue) throws { self = Int(try Int64(mariaDBValue: mariaDBValue)) }
}

extension Int32: MariaDBDecodable {
    /// Like `Int64`, when it fits.
    public init(mariaDBValue: MariaDBValue) throws {
        guard let value = Int32(exactly: try Int64(mariaDBValue: mariaDBValue)) else {
            throw decodingError(mariaDBValue, Int32.self)
        }
        self = value
    }
}

extension UInt64: MariaDBDecodable {
    /// From `.uint`, non-negative `.int` or integer `.text`.
    public init(mariaDBValue: MariaDBValue) throws {
        switch mariaDBValue {
        case .uint(let value): self = value
        case .int(let value) where value >= 0: self = UInt64(value)
        case .text(let text) where UInt64(text) != nil: self = UInt64(text) ?? 0
        default: throw decodingError(mariaDBValue, UInt64.self)
        }
    }
}

extension Double: MariaDBDecodable {
    /// From `.double`, integers or numeric `.text` (DECIMAL).
    public init(mariaDBValue: MariaDBValue) throws {
        switch mariaDBValue {
        case .double(let value): self = value
        case .int(let value): self = Double(value)
        case .uint(let value): self = Double(value)
        case .text(let text) where Double(text) != nil: self = Double(text) ?? 0
        default: throw decodingError(mariaDBValue, Double.self)
        }
    }
}

extension Bool: MariaDBDecodable {
    /// From integers: 0 is false, anything else true.
    public init(mariaDBValue: MariaDBValue) throws {
        switch mariaDBValue {
        case .int(let value): self = value != 0
        case .uint(let value): self = value != 0
        default: throw decodingError(mariaDBValue, Bool.self)
        }
    }
}

extension String: MariaDBDecodable {
    /// From `.text`, or `.blob` holding valid UTF-8.
    public init(mariaDBValue: MariaDBValue) throws {
        switch mariaDBValue {
        case .text(let value): self = value
        case .blob(let bytes):
            guard let text = String(validating: bytes, as: UTF8.self) else { throw decodingError(mariaDBValue, String.self) }
            self = text
        default: throw decodingError(mariaDBValue, String.self)
        }
    }
}

extension Array: MariaDBDecodable where Element == UInt8 {
    /// From `.blob` or the UTF-8 bytes of `.text`.
    public init(mariaDBValue: MariaDBValue) throws {
        switch mariaDBValue {
        case .blob(let bytes): self = bytes
        case .text(let text): self = Array(text.utf8)
        default: throw decodingError(mariaDBValue, [UInt8].self)
        }
    }
}

extension Data: MariaDBDecodable {
    /// Like `[UInt8]`.
    public init(mariaDBValue: MariaDBValue) throws { self = Data(try [UInt8](mariaDBValue: mariaDBValue)) }
}

extension Date: MariaDBDecodable {
    /// From `.date`.
    public init(mariaDBValue: MariaDBValue) throws {
        guard case .date(let value) = mariaDBValue else { throw decodingError(mariaDBValue, Date.self) }
        self = value
    }
}

extension Optional: MariaDBDecodable where Wrapped: MariaDBDecodable {
    /// nil for `.null`, else the wrapped type's conversion.
    public init(mariaDBValue: MariaDBValue) throws {
        if case .null = mariaDBValue { self = .none } else { self = .some(try Wrapped(mariaDBValue: mariaDBValue)) }
    }
}
