/// TLS settings for a connection.
public enum MariaDBTLS: Sendable, Equatable {
    /// Plain TCP.
    case disabled
    /// TLS when the server offers it, without certificate checks.
    case preferred
    /// TLS is mandatory, without certificate checks.
    case required
    /// TLS is mandatory and the server certificate must chain to the CA file.
    case verifyCA(caPath: String)
    /// Like `verifyCA`, and the certificate must also match the host name.
    case verifyIdentity(caPath: String)
}
