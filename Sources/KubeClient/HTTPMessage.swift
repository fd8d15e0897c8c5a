/// TLS material for one request, passed to libcurl as in-memory blobs (never written to disk).
struct TLSSettings: Sendable, Equatable {
    var certificateAuthorityPEM: [UInt8]?
    var clientCertificatePEM: [UInt8]?
    var clientKeyPEM: [UInt8]?
    var insecureSkipVerify: Bool = false
}

/// One HTTP request as the transport sees it.
struct HTTPRequest: Sendable {
    var method: String
    var url: String
    var headers: [(String, String)] = []
    var body: [UInt8]?
    var tls = TLSSettings()
    var connectTimeout: Duration = .seconds(10)
    /// Overall deadline; nil for none (long watches rely on the server's timeoutSeconds plus slack).
    var totalTimeout: Duration?
    /// Abort when fewer than 1 byte arrives for this long.
    var readTimeout: Duration?
    /// `host:port:connect-host:connect-port` so TLS uses another name than the address dialled.
    var connectTo: String?
    /// Explicit proxy.
    var proxy: String?
}

/// Status line and headers of a response (header names lower-cased), and how libcurl carried it.
struct HTTPResponseHead: Sendable, Equatable {
    var status: Int
    var headers: [String: String]
    /// Protocol libcurl negotiated (`CURLINFO_HTTP_VERSION`): "1.0", "1.1", "2", "3", or "unknown".
    var httpVersion = "unknown"
    /// False when the request went over a pooled connection (`CURLINFO_NUM_CONNECTS` was 0).
    var newConnection = false
}

/// Receives a transfer's progress on the curl loop thread; implementations must be quick and never block.
protocol TransferSink: AnyObject, Sendable {
    /// Called once when the final response's headers are complete.
    func head(_ head: HTTPResponseHead)
    /// Called for each chunk of body bytes; returning false pauses the transfer without consuming the chunk.
    func body(_ chunk: UnsafeRawBufferPointer) -> Bool
    /// Called exactly once at the end.
    func finish(_ error: KubeTransportError?)
}
