/// A default value written in a schema: the small JSON subset defaults need.
public indirect enum SchemaLiteral: Sendable, Equatable {
    /// A string.
    case string(String)
    /// An integer.
    case integer(Int)
    /// A boolean.
    case boolean(Bool)
    /// An object (ordered).
    case object([SchemaLiteralMember])

    /// The empty object `{}`: defaults a nested object so that its own field defaults apply.
    public static let emptyObject = SchemaLiteral.object([])
}

/// One member of an object literal.
public struct SchemaLiteralMember: Sendable, Equatable {
    /// The key.
    public var key: String
    /// The value.
    public var value: SchemaLiteral
    /// Creates a member.
    public init(_ key: String, _ value: SchemaLiteral) {
        self.key = key
        self.value = value
    }
}
