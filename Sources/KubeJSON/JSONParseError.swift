/// Error raised when bytes are not valid JSON (RFC 8259).
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable machine code.
    public let code = "json_parse_error"
    /// Byte offset where parsing failed.
    public let offset: Int
    /// What was wrong.
    public let reason: String
    /// Description for messages.
    public var description: String { "invalid JSON at offset \(offset): \(reason)" }

    /// Creates an error at a byte offset.
    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }
}
