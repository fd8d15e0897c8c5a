import Foundation
import Logging
import Metrics

/// A Kubernetes API client over libcurl: one shared curl-multi loop, typed errors, and per-resource verbs.
public final class KubeClient: Sendable {
    /// The resolved connection settings.
    public let configuration: ClientConfiguration
    /// Clock used for credential expiry and Retry-After waits.
    public let clock: any KubeClock
    /// How many times a 429 / 5xx with Retry-After is retried before the error surfaces.
    public let maxRetryAfterAttempts: Int
    /// Where this client and the watchers built on it record metrics.
    public let metricsFactory: any MetricsFactory
    let transport: CurlHTTPTransport
    let credentials: CredentialProvider
    let address: ServerAddress
    let logger: Logger

    /// Creates a client.
    public init(configuration: ClientConfiguration, clock: any KubeClock = SystemKubeClock(), maxRetryAfterAttempts: Int = 5, metricsFactory: any MetricsFactory = MetricsSystem.factory, logger: Logger = Logger(label: "filewallball.kubeclient")) {
        self.configuration = configuration
        self.metricsFactory = metricsFactory
        self.clock = clock
        self.maxRetryAfterAttempts = maxRetryAfterAttempts
        self.transport = CurlHTTPTransport()
        self.address = ServerAddress(server: configuration.server, tlsServerName: configuration.tlsServerName)
        self.credentials = CredentialProvider(
            source: configuration.credentials,
            cluster: ExecPluginRunner.ClusterInfo(
                server: configuration.server, certificateAuthorityPEM: configuration.certificateAuthorityPEM,
                insecureSkipTLSVerify: configuration.insecureSkipTLSVerify),
            clock: clock)
        self.logger = logger
    }

    /// Verbs for a statically known kind.
    public func resource<R: KubeResource>(_ type: R.Type) -> ResourceClient<R> {
        ResourceClient(client: self, descriptor: R.descriptor)
    }

    /// Verbs for any kind described at run time (custom resources via `GenericResource`).
    public func resource<R: KubeObject>(_ type: R.Type, descriptor: ResourceDescriptor) -> ResourceClient<R> {
        ResourceClient(client: self, descriptor: descriptor)
    }

    /// Raw GET of any path (e.g. `/version`), returning the parsed JSON.
    public func getRaw(path: String) async throws -> JSONValue {
        let body = try await perform(verb: "get", method: "GET", path: path, query: [], body: nil, contentType: nil)
        return try JSONParser.parse(body)
    }

    func url(path: String, query: [(String, String)]) -> String {
        var url = address.requestBase + path
        if !query.isEmpty {
            url += "?" + query.map { "\(PathEscaping.query($0.0))=\(PathEscaping.query($0.1))" }.joined(separator: "&")
        }
        return url
    }

    func makeRequest(method: String, path: String, query: [(String, String)], body: [UInt8]?, contentType: String?, streaming: Bool = false, watchTimeout: Int? = nil) async throws -> HTTPRequest {
        let auth = try await credentials.current()
        var request = HTTPRequest(method: method, url: url(path: path, query: query))
        request.headers = [("Accept", "application/json"), ("User-Agent", configuration.userAgent)]
        if let contentType { request.headers.append(("Content-Type", contentType)) }
        if let authorization = auth.authorization { request.headers.append(("Authorization", authorization)) }
        request.body = body
        request.tls = TLSSettings(
            certificateAuthorityPEM: configuration.certificateAuthorityPEM,
            clientCertificatePEM: auth.clientCertificatePEM ?? configuration.clientCertificatePEM,
            clientKeyPEM: auth.clientKeyPEM ?? configuration.clientKeyPEM,
            insecureSkipVerify: configuration.insecureSkipTLSVerify)
        request.connectTimeout = configuration.connectTimeout
        request.connectTo = address.connectTo
        request.proxy = configuration.proxyURL
        if streaming {
            // Watches stay open for the server's timeoutSeconds; allow slack, and no idle read timeout.
            request.totalTimeout = watchTimeout.map { .seconds($0 + 30) }
        } else {
            request.totalTimeout = configuration.requestTimeout
            request.readTimeout = configuration.requestTimeout
        }
        return request
    }

    /// Sends a buffered request; decodes failures into `KubeAPIError`, retrying 429s that carry Retry-After
    /// and refreshing exec / token-file credentials once after a 401.
    func perform(verb: String, method: String, path: String, query: [(String, String)], body: [UInt8]?, contentType: String?) async throws -> [UInt8] {
        var attempt = 0
        var refreshedCredentials = false
        while true {
            let request = try await makeRequest(method: method, path: path, query: query, body: body, contentType: contentType)
            let started = clock.uptime
            let head: HTTPResponseHead
            let responseBody: [UInt8]
            do {
                (head, responseBody) = try await transport.send(request)
            } catch {
                recordLatency(verb: verb, code: error.machineCode, since: started)
                if error.kind == .cancelled { throw CancellationError() }
                throw error
            }
            recordLatency(verb: verb, code: String(head.status), since: started)
            recordConnection(head)
            if (200..<300).contains(head.status) { return responseBody }
            let apiError = KubeAPIError.from(httpStatus: head.status, body: responseBody, retryAfterHeader: head.headers["retry-after"])
            if head.status == 401, !refreshedCredentials, credentials.isRefreshable {
                refreshedCredentials = true
                credentials.invalidate()
                continue
            }
            if let retryAfter = apiError.retryAfterSeconds, apiError.isRetryable, attempt < maxRetryAfterAttempts {
                attempt += 1
                logger.debug("retrying after server asked to wait", metadata: [
                    "kube.verb": "\(verb)", "http.status": "\(head.status)", "retry.after_seconds": "\(retryAfter)",
                ])
                try await clock.sleep(for: .seconds(max(retryAfter, 0)))
                continue
            }
            throw apiError
        }
    }

    /// Opens a streaming request (watch); a non-2xx answer is read to its end and thrown as `KubeAPIError`.
    func openStream(path: String, query: [(String, String)], watchTimeout: Int?) async throws -> StreamingResponse {
        let request = try await makeRequest(method: "GET", path: path, query: query, body: nil, contentType: nil, streaming: true, watchTimeout: watchTimeout)
        let started = clock.uptime
        let response: StreamingResponse
        do {
            response = try await transport.stream(request)
        } catch {
            recordLatency(verb: "watch", code: error.machineCode, since: started)
            if error.kind == .cancelled { throw CancellationError() }
            throw error
        }
        recordLatency(verb: "watch", code: String(response.head.status), since: started)
        recordConnection(response.head)
        if (200..<300).contains(response.head.status) { return response }
        let body = try await response.collect()
        if response.head.status == 401 { credentials.invalidate() }
        throw KubeAPIError.from(httpStatus: response.head.status, body: body, retryAfterHeader: response.head.headers["retry-after"])
    }

    /// `kube_client_http_responses_total{http_version, connection="new"|"reused"}`: shows whether HTTP/2 was
    /// negotiated and how often the shared pool had to open a connection.
    private func recordConnection(_ head: HTTPResponseHead) {
        Counter(label: "kube_client_http_responses_total",
                dimensions: [("http_version", head.httpVersion), ("connection", head.newConnection ? "new" : "reused")],
                factory: metricsFactory)
            .increment()
    }

    private func recordLatency(verb: String, code: String, since started: Duration) {
        let elapsed = clock.uptime - started
        let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        Timer(label: "kube_client_request_duration_seconds", dimensions: [("verb", verb), ("code", code)], preferredDisplayUnit: .seconds, factory: metricsFactory)
            .recordNanoseconds(nanoseconds)
    }
}
