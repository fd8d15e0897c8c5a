/// One result row.
public struct MariaDBRow: Sendable {
    /// Column names (labels), in order.
    public let columns: [String]
    /// Values, in column order.
    public let values: [MariaDBValue]

    /// Creates a row (columns and values must have the same count).
    public init(columns: [String], values: [MariaDBValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value of the named column, converted; throws `.decoding` for an unknown column or a mismatch.
    public func decode<T: MariaDBDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let index = columns.firstIndex(of: column) else {
            throw MariaDBError(kind: .decoding, message: "no column named \(column)")
        }
        return try decode(index, as: type)
    }

    /// The value at a column index, converted; throws `.decoding` for a bad index or a mismatch.
    public func decode<T: MariaDBDecodable>(_ index: Int, as type: T.Type = T.self) throws -> T {
        guard values.indices.contains(index) else {
            throw MariaDBError(kind: .decoding, message: "no column at index \(index)")
        }
        return try T(mariaDBValue: values[index])
    }

    /// The raw value of the named column, nil when there is no such column.
    public subscript(column: String) -> MariaDBValue? {
        columns.firstIndex(of: column).map { values[$0] }
    }
}

/// Result of a statement that returns no rows.
public struct MariaDBExecResult: Sendable {
    /// Rows changed (or matched, per server flags).
    public let affectedRows: UInt64
    /// AUTO_INCREMENT value of the last inserted row (0 when none).
    public let lastInsertID: UInt64

    /// Creates a result.
    public init(affectedRows: UInt64, lastInsertID: UInt64) {
        self.affectedRows = affectedRows
        self.lastInsertID = lastInsertID
    }
}
