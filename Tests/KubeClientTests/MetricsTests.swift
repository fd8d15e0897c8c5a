import TestSupport
import Foundation
import MetricsTestKit
import Testing
@testable import KubeClient

@Suite struct ClientMetricsTests {
    @Test func requestLatencyIsRecordedByVerbAndCode() async throws {
        let server = try ScriptedHTTPServer { request, connection in
            if request.path.hasSuffix("/missing") {
                connection.respond(status: 404, body: statusJSON(code: 404, reason: "NotFound", message: "nope"))
            } else {
                connection.respond(status: 200, body: configMapJSON(name: "x", rv: "1"))
            }
        }
        defer { server.stop() }
        let metrics = TestMetrics()
        let client = KubeClient(configuration: ClientConfiguration(server: server.baseURL), metricsFactory: metrics)
        _ = try await client.resource(ConfigMap.self).get("x")
        _ = try await client.resource(ConfigMap.self).getIfExists("missing")
        let ok = try metrics.expectTimer("kube_client_request_duration_seconds", [("verb", "get"), ("code", "200")])
        let missing = try metrics.expectTimer("kube_client_request_duration_seconds", [("verb", "get"), ("code", "404")])
        #expect(ok.values.count == 1)
        #expect(missing.values.count == 1)
    }

    @Test func watchRestartsAreCounted() async throws {
        let server = try ScriptedHTTPServer { request, connection in
            if request.query["watch"] == nil {
                connection.respond(status: 200, body: #"{"kind":"ConfigMapList","metadata":{"resourceVersion":"1"},"items":[]}"#)
            } else {
                connection.startChunked()
                connection.chunk(Array(eventLine("ADDED", name: "a", rv: "2").utf8))
                connection.endChunked()
            }
        }
        defer { server.stop() }
        let metrics = TestMetrics()
        let client = KubeClient(configuration: ClientConfiguration(server: server.baseURL), metricsFactory: metrics)
        let watcher = ResourceWatcher(resource: client.resource(ConfigMap.self), clock: ManualKubeClock())
        var added = 0
        for try await event in watcher.events() {
            if case .added = event { added += 1 }
            if added == 2 { break }
        }
        let restarts = try metrics.expectCounter("kube_watch_restarts_total", [("resource", "configmaps")])
        #expect(restarts.totalValue >= 1)
    }
}
