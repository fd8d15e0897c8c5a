import Foundation
import TestSupport
import Testing
@testable import KubeSim

@Suite struct LifecycleTests {
    @Test func finalizersGarbageCollectionAndNamespaceCascade() async throws {
        let (server, http) = try await Fixtures.startWithWidgets()
        try await withCleanup({ await server.shutdown() }) {
            _ = try await http.send("POST", "/api/v1/namespaces", body: ["metadata": ["name": "ns1"]])
            let base = "/apis/example.test/v1/namespaces/ns1/widgets"
            var held = Fixtures.widget("held")
            held[path: ["metadata", "finalizers"]] = ["example.test/hold"]
            _ = try await http.send("POST", base, body: held)
            let owner = try await http.send("POST", base, body: Fixtures.widget("owner"))
            let cm: JSONValue = ["metadata": ["name": "dep", "ownerReferences": [["apiVersion": "example.test/v1", "kind": "Widget",
                "name": "owner", "uid": owner.body[path: ["metadata", "uid"]] ?? ""]]]]
            #expect(try await http.send("POST", "/api/v1/namespaces/ns1/configmaps", body: cm).status == 201)
            let deleted = try await http.send("DELETE", base + "/owner", body: ["propagationPolicy": "Background"])
            #expect(deleted.body["status"] == "Success")
            #expect(try await http.send("GET", "/api/v1/namespaces/ns1/configmaps/dep").status == 404)
            let pending = try await http.send("DELETE", base + "/held")
            #expect(pending.body[path: ["metadata", "deletionTimestamp"]] != nil)
            var adding = pending.body
            adding[path: ["metadata", "finalizers"]] = ["example.test/hold", "another"]
            #expect(try await http.send("PUT", base + "/held", body: adding).status == 422)
            let nsDelete = try await http.send("DELETE", "/api/v1/namespaces/ns1")
            #expect(nsDelete.body[path: ["status", "phase"]] == "Terminating")
            #expect(try await http.send("POST", base, body: Fixtures.widget("late")).status == 403)
            _ = try await http.send("PATCH", base + "/held", body: ["metadata": ["finalizers": nil]], contentType: "application/merge-patch+json")
            #expect(try await http.send("GET", base + "/held").status == 404)
            #expect(try await http.send("GET", "/api/v1/namespaces/ns1").status == 404)
        }
    }

    @Test func simulatedDeploymentJobAndCronJob() async throws {
        let clock = ManualKubeSimClock()
        let (server, http) = try await Fixtures.startServer {
            $0.clock = clock
            $0.simulation = SimulationSettings(deploymentReadyDelay: .milliseconds(50), jobCompletionDelay: .milliseconds(50),
                cronPollInterval: .seconds(3600))
        }
        try await withCleanup({ await server.shutdown() }) {
            server.controllers.setJobRule { job in job[path: ["metadata", "name"]]?.stringValue == "bad" ? .fail : .succeed }
            let deploy: JSONValue = ["metadata": ["name": "web"], "spec": ["replicas": 2]]
            _ = try await http.send("POST", "/apis/apps/v1/namespaces/default/deployments", body: deploy)
            _ = try await http.send("POST", "/apis/batch/v1/namespaces/default/jobs", body: ["metadata": ["name": "bad"], "spec": [:]])
            let settled = try await eventually {
                let d = try await http.send("GET", "/apis/apps/v1/namespaces/default/deployments/web")
                let j = try await http.send("GET", "/apis/batch/v1/namespaces/default/jobs/bad")
                return d.body[path: ["status", "readyReplicas"]] != nil && j.body[path: ["status", "failed"]] != nil
            }
            #expect(settled)
            let d = try await http.send("GET", "/apis/apps/v1/namespaces/default/deployments/web")
            #expect(d.body[path: ["status", "readyReplicas"]] == 2)
            #expect(d.body[path: ["status", "observedGeneration"]] == 1)
            server.controllers.markUnready(namespace: "default", name: "web")
            let unready = try await http.send("GET", "/apis/apps/v1/namespaces/default/deployments/web")
            #expect(unready.body[path: ["status", "readyReplicas"]] == nil)
            let job = try await http.send("GET", "/apis/batch/v1/namespaces/default/jobs/bad")
            #expect(job.body[path: ["status", "failed"]] == 7)
            let cron: JSONValue = ["metadata": ["name": "nightly"], "spec": ["schedule": "0 2 * * *", "jobTemplate": ["spec": [:]]]]
            _ = try await http.send("POST", "/apis/batch/v1/namespaces/default/cronjobs", body: cron)
            server.controllers.runDueCronJobs()
            #expect(try await jobNames(http).count == 1)
            clock.advance(by: 3 * 3600)
            server.controllers.runDueCronJobs()
            let names = try await jobNames(http)
            #expect(names.count == 2)
            #expect(names.contains { $0.hasPrefix("nightly-") })
        }
    }

    /// Polls a condition for up to five seconds (the simulated controllers run on real, short delays).
    private func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try await condition()
    }

    private func jobNames(_ http: HTTPTestClient) async throws -> [String] {
        let list = try await http.send("GET", "/apis/batch/v1/namespaces/default/jobs")
        return list.body["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } ?? []
    }

    @Test func persistenceSurvivesRestart() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-test-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (first, http1) = try await Fixtures.startServer { $0.dataDirectory = dir }
        _ = try await http1.send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", body: Fixtures.widgetCRD)
        let created = try await http1.send("POST", "/apis/example.test/v1/namespaces/default/widgets", body: Fixtures.widget("kept"))
        await first.shutdown()
        let (second, http2) = try await Fixtures.startServer { $0.dataDirectory = dir }
        try await withCleanup({ await second.shutdown() }) {
            let got = try await http2.send("GET", "/apis/example.test/v1/namespaces/default/widgets/kept")
            #expect(got.status == 200)
            #expect(got.body[path: ["metadata", "uid"]] == created.body[path: ["metadata", "uid"]])
            let next = try await http2.send("POST", "/apis/example.test/v1/namespaces/default/widgets", body: Fixtures.widget("new"))
            let oldRV = Int(created.body[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") ?? 0
            #expect((Int(next.body[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") ?? 0) > oldRV)
        }
    }
}

@Suite struct GarbageCollectorTests {
    @Test func dependentOfMissingOwnerIsCollectedButLiveOwnerKeepsIt() async throws {
        let (server, http) = try await Fixtures.startServer()
        try await withCleanup({ await server.shutdown() }) {
            let base = "/api/v1/namespaces/default/configmaps"
            let owner = try await http.send("POST", base, body: ["metadata": ["name": "owner"]])
            func dependent(_ name: String, _ uid: JSONValue) -> JSONValue {
                ["metadata": ["name": .string(name), "ownerReferences": [["apiVersion": "v1", "kind": "ConfigMap", "name": "owner", "uid": uid]]]]
            }
            #expect(try await http.send("POST", base, body: dependent("kept", owner.body[path: ["metadata", "uid"]] ?? "")).status == 201)
            #expect(try await http.send("POST", base, body: dependent("orphan", "no-such-uid")).status == 201)
            #expect(try await http.send("GET", base + "/kept").status == 200)
            #expect(try await http.send("GET", base + "/orphan").status == 404)
            let fg = try await http.send("DELETE", base + "/owner", body: ["propagationPolicy": "Foreground"])
            #expect(fg.status == 200)
            #expect(try await http.send("GET", base + "/kept").status == 404)
            #expect(try await http.send("GET", base + "/owner").status == 404)
        }
    }
}
