import Foundation

/// A SQL value, both for parameters and results.
public enum MariaDBValue: Sendable, Hashable {
    case null
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case text(String)
    case blob([UInt8])
    /// DATETIME/TIMESTAMP/DATE, always UTC, microsecond precision.
    case date(Date)

    /// True for `.null`.
    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// Short name of the case, for error messages (never the value itself).
    var caseName: String {
        switch self {
        case .null: return "null"
        case .int: return "int"
        case .uint: return "uint"
        case .double: return "double"
        case .text: return "text"
        case .blob: return "blob"
        case .date: return "date"
        }
    }
}
