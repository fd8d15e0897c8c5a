/// Every error the module throws: a stable `kind`, the MariaDB error number and SQLSTATE when known.
public struct MariaDBError: Error, Sendable, CustomStringConvertible {
    /// The broad class of failure (stable machine code).
    public enum Kind: String, Sendable {
        case invalidURL, connection, timeout, poolExhausted, server, decoding, closed
    }

    /// The broad class of failure.
    public let kind: Kind
    /// MariaDB/MySQL error number (0 when none), e.g. 1062, 2002, 2006, 2013.
    public let code: UInt32
    /// SQLSTATE ("" when none).
    public let sqlState: String
    /// Human-readable message (from the server or this module).
    public let message: String

    /// Creates an error.
    public init(kind: Kind, code: UInt32 = 0, sqlState: String = "", message: String) {
        self.kind = kind
        self.code = code
        self.sqlState = sqlState
        self.message = message
    }

    /// Client error numbers meaning the connection is gone or unusable.
    static let connectionLostCodes: Set<UInt32> = [2002, 2003, 2006, 2013, 2055, 1927, 4031]

    /// True when the connection is gone (server down, restarted, killed, network timeout).
    public var isConnectionLost: Bool {
        kind == .connection || kind == .timeout || Self.connectionLostCodes.contains(code)
    }

    /// True for a unique/primary key violation (1062).
    public var isDuplicateKey: Bool { code == 1062 }

    /// True for a deadlock (1213) or lock wait timeout (1205); the transaction may be retried.
    public var isDeadlock: Bool { code == 1213 || code == 1205 }

    /// One line: kind, code, SQLSTATE and message.
    public var description: String {
        var text = "MariaDBError.\(kind.rawValue)"
        if code != 0 { text += " \(code)" }
        if !sqlState.isEmpty { text += " (\(sqlState))" }
        return text + ": " + message
    }

    /// Classifies a libmariadb error number into a kind.
    static func kind(forCode code: UInt32) -> Kind {
        if connectionLostCodes.contains(code) { return .connection }
        return .server
    }

    /// An error built from a libmariadb error number, SQLSTATE and message.
    static func fromClient(code: UInt32, sqlState: String, message: String) -> MariaDBError {
        MariaDBError(kind: kind(forCode: code), code: code, sqlState: sqlState == "00000" ? "" : sqlState, message: message)
    }
}
