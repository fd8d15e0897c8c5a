/// A failure below HTTP: DNS, connect, TLS, timeout, reset — distinct from `KubeAPIError`.
public struct KubeTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The failure category.
    public enum Kind: String, Sendable {
        /// DNS or TCP connect failed.
        case connectFailed = "connect_failed"
        /// Connect, read or overall timeout.
        case timedOut = "timed_out"
        /// TLS handshake or certificate verification failed.
        case tls = "tls"
        /// The connection broke mid-response.
        case connectionReset = "connection_reset"
        /// HTTP-level failure from libcurl.
        case protocolError = "protocol_error"
        /// The response could not be understood.
        case invalidResponse = "invalid_response"
        /// The calling task was cancelled.
        case cancelled = "cancelled"
        /// The request could not be configured.
        case setupFailed = "setup_failed"
    }

    /// The failure category.
    public var kind: Kind
    /// libcurl's code, when the failure came from libcurl.
    public var curlCode: Int?
    /// A short explanation (never includes credentials).
    public var detail: String

    /// Stable machine code, safe as a metric label.
    public var machineCode: String { "kube_transport_\(kind.rawValue)" }

    /// Readable summary.
    public var description: String { "transport error (\(kind.rawValue)): \(detail)" }

    /// Creates a transport error.
    public init(kind: Kind, curlCode: Int? = nil, detail: String) {
        self.kind = kind
        self.curlCode = curlCode
        self.detail = detail
    }
}
