/// Every error the Redis module throws, with a stable machine-readable kind.
public struct RedisError: Error, Sendable, CustomStringConvertible {
    /// The stable category of a Redis failure.
    public enum Kind: String, Sendable {
        /// The connection URL could not be parsed.
        case invalidURL
        /// Redis could not be reached, refused authentication, or dropped the connection.
        case connection
        /// A connect or command exceeded its timeout; the connection was discarded.
        case timeout
        /// No pooled connection became free within the acquire timeout.
        case poolExhausted
        /// Redis answered with an error reply (`-ERR ...`).
        case server
        /// The reply could not be parsed or had an unexpected shape.
        case protocolError
        /// The pool has been shut down.
        case closed
    }

    /// The failure category.
    public let kind: Kind
    /// A human-readable explanation (never contains values or passwords).
    public let message: String

    /// Creates an error of `kind` explained by `message`.
    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    /// `redis.<kind>: <message>`.
    public var description: String { "redis.\(kind.rawValue): \(message)" }
}
