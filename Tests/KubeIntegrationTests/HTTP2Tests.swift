import KubeClient
import MetricsTestKit
import Testing

/// The transport's contract: one shared libcurl connection pool, HTTP/2 over TLS when the server offers it
/// by ALPN (many requests multiplexed over one connection), HTTP/1.1 otherwise.
@Suite("HTTP/2 and the shared connection pool", .timeLimit(.minutes(1)))
struct HTTP2Tests {
    @Test("h2 is negotiated and sequential and concurrent requests share one connection")
    func http2OneConnection() async throws {
        try await withClient(offerHTTP2: true) { client, metrics in
            var ports: [Int] = []
            for _ in 0..<3 { ports.append(try await clientPort(client)) }
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 { group.addTask { try await clientPort(client) } }
                for try await port in group { ports.append(port) }
            }
            #expect(ports.count == 11)
            #expect(Set(ports).count == 1, "the server saw these client ports: \(Set(ports))")
            let opened = try metrics.expectCounter("kube_client_http_responses_total", [("http_version", "2"), ("connection", "new")])
            let reused = try metrics.expectCounter("kube_client_http_responses_total", [("http_version", "2"), ("connection", "reused")])
            #expect(opened.totalValue == 1)
            #expect(reused.totalValue == 10)
        }
    }

    @Test("a server that offers only http/1.1 gets HTTP/1.1 with keep-alive reuse")
    func http1Fallback() async throws {
        try await withClient(offerHTTP2: false) { client, metrics in
            var ports: [Int] = []
            for _ in 0..<3 { ports.append(try await clientPort(client)) }
            #expect(Set(ports).count == 1, "the server saw these client ports: \(Set(ports))")
            let opened = try metrics.expectCounter("kube_client_http_responses_total", [("http_version", "1.1"), ("connection", "new")])
            let reused = try metrics.expectCounter("kube_client_http_responses_total", [("http_version", "1.1"), ("connection", "reused")])
            #expect(opened.totalValue == 1)
            #expect(reused.totalValue == 2)
            #expect(throws: (any Error).self) {
                try metrics.expectCounter("kube_client_http_responses_total", [("http_version", "2"), ("connection", "new")])
            }
        }
    }

    /// Runs `body` with a client (recording into fresh test metrics) of a new server, shut down after.
    private func withClient(offerHTTP2: Bool, _ body: (KubeClient, TestMetrics) async throws -> Void) async throws {
        let server = try await PeerPortServer.start(offerHTTP2: offerHTTP2)
        let metrics = TestMetrics()
        let configuration = ClientConfiguration(server: "https://127.0.0.1:\(server.port)", certificateAuthorityPEM: server.caPEM)
        let client = KubeClient(configuration: configuration, metricsFactory: metrics)
        do {
            try await body(client, metrics)
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }
}

/// The client port the server saw for one `GET /version`.
private func clientPort(_ client: KubeClient) async throws -> Int {
    let body = try await client.getRaw(path: "/version")
    let port = try #require(body.objectValue?.int("clientPort"))
    return port
}
