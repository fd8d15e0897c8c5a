import KubeClient
import MetricsTestKit
import Testing

/// The transport's contract: one shared libcurl connection pool, HTTP/2 over TLS when the server offers it
/// by ALPN (many requests multiplexed over one connection), HTTP/1.1 otherwise.
@Suite("HTTP/2 and the shared connection pool", .timeLimit(.minutes(1)))
struct HTTP2Tests {
    @Test("h2 is negotiated and sequential and concurrent requests share one connection")
    func http2OneConnection() async throws {
        let server = try await PeerPortServer.start(offerHTTP2: true)
        let metrics = TestMetrics()
        let client = makeClient(server, metrics: metrics)
        do {
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
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }

    @Test("a server that offers only http/1.1 gets HTTP/1.1 with keep-alive reuse")
    func http1Fallback() async throws {
        let server = try await PeerPortServer.start(offerHTTP2: false)
        let metrics = TestMetrics()
        let client = makeClient(server, metrics: metrics)
        do {
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
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }

    private func makeClient(_ server: PeerPortServer, metrics: TestMetrics) -> KubeClient {
        let configuration = ClientConfiguration(server: "https://127.0.0.1:\(server.port)", certificateAuthorityPEM: server.caPEM)
        return KubeClient(configuration: configuration, metricsFactory: metrics)
    }
}

/// The client port the server saw for one `GET /version`.
private func clientPort(_ client: KubeClient) async throws -> Int {
    let body = try await client.getRaw(path: "/version")
    let port = try #require(body.objectValue?["clientPort"]?.intValue)
    return port
}
