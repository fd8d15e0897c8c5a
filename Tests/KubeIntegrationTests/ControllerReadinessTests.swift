import Foundation
import KubeClient
import KubeRuntime
import KubeSim
import Synchronization
import TestSupport
import Testing

/// The controller's `/readyz` (ControllerManager readiness behind the probe server) against an in-process
/// KubeSim: 503 until the API server answered and every informer synced, 200 after, 503 once stopped.
/// A flag closures can share (an `Atomic` cannot be captured).
private final class Flag: Sendable {
    let value = Atomic<Bool>(false)
}

@Suite("Controller readiness against KubeSim")
struct ControllerReadinessTests {
    private static let widgets = ResourceDescriptor(group: "readiness.example.test", version: "v1", plural: "widgets", kind: "Widget", namespaced: true)

    private static let crd = #"""
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
         "metadata":{"name":"widgets.readiness.example.test"},
         "spec":{"group":"readiness.example.test","scope":"Namespaced",
                 "names":{"plural":"widgets","singular":"widget","kind":"Widget"},
                 "versions":[{"name":"v1","served":true,"storage":true,
                              "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
        """#

    /// Polls `condition` until it holds or `seconds` pass (a deadline, not a sleep standing in for an event).
    private func eventually(_ seconds: Double = 20, _ condition: () throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try condition()
    }

    @Test("503 before the caches synced, 200 after, 503 once stopped")
    func readyzFollowsCacheSync() async throws {
        let sim = try await KubeSimServer.start(configuration: .init(listen: "127.0.0.1:0", tls: false, requireToken: false))
        let client = KubeClient(configuration: ClientConfiguration(server: sim.baseURL, namespace: "default"))
        var options = WatcherOptions()
        options.initialBackoff = .milliseconds(20)
        options.maxBackoff = .milliseconds(200)
        // Widgets are not served until their CRD exists: the informer's list fails and it cannot sync.
        let informer = Informer(resource: client.resource(GenericResource.self, descriptor: Self.widgets), options: options)
        let manager = ControllerManager()
        manager.add(informer)
        let apiReached = Flag()
        manager.addReadinessCheck("apiserver") {
            _ = try await client.getRaw(path: "/version")
            apiReached.value.store(true, ordering: .releasing)
        }
        let probes = try ProbeServer(host: "127.0.0.1", port: 0, handler: ProbeServer.healthHandler { manager.isReady })
        defer { probes.stop() }
        let readyz = { try RawHTTP.request(port: probes.port, method: "GET", path: "/readyz", timeout: 5).status }

        #expect(try readyz() == 503, "not running yet")
        #expect(try RawHTTP.request(port: probes.port, method: "GET", path: "/healthz", timeout: 5).status == 200)
        let run = Task { await manager.run() }

        // Running and the API server answered, but the informer has not synced: still not ready.
        #expect(try await eventually { apiReached.value.load(ordering: .acquiring) })
        #expect(!informer.hasSynced)
        #expect(try readyz() == 503)

        let created = try RawHTTP.request(port: sim.port, method: "POST", path: "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
                                          headers: ["Content-Type": "application/json"], body: Array(Self.crd.utf8), timeout: 10)
        #expect(created.status == 201, "\(created.text)")
        #expect(try await eventually { try readyz() == 200 }, "ready once the informer listed widgets")
        #expect(informer.hasSynced)

        run.cancel()
        await run.value
        #expect(try readyz() == 503, "not ready once stopped")
        await sim.shutdown()
    }
}
