/// Why a password could not be hashed or checked.
public enum PasswordHashError: Error, Equatable, CustomStringConvertible {
    /// libargon2 refused to hash (out of memory, bad parameters); its status code.
    case argon2(code: Int)
    /// The hasher's thread pool has shut down.
    case unavailable

    /// One line for logs.
    public var description: String {
        switch self {
        case .argon2(let code): "argon2 failed with status \(code)"
        case .unavailable: "the password hasher has shut down"
        }
    }
}
