import Foundation
import TestSupport
import Testing
@testable import KubeSim

/// StatefulSet status, volumeClaimTemplates and PVC binding as the simulated controllers do them.
@Suite struct SimulatedWorkloadTests {
    /// Polls a condition for up to five seconds (the simulated controllers run on real, short delays).
    static func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try await condition()
    }

    @Test func statefulSetGetsStatusAndClaimsThatBind() async throws {
        let (server, http) = try await Fixtures.startServer {
            $0.simulation = SimulationSettings(deploymentReadyDelay: .milliseconds(50), volumeBindDelay: .milliseconds(50))
        }
        try await withCleanup({ await server.shutdown() }) {
            let set: JSONValue = [
                "metadata": ["name": "db"],
                "spec": [
                    "replicas": 2, "serviceName": "db", "selector": ["matchLabels": ["app": "db"]],
                    "template": ["metadata": ["labels": ["app": "db"]], "spec": ["containers": [["name": "m", "image": "mariadb"]]]],
                    "volumeClaimTemplates": [[
                        "metadata": ["name": "data"],
                        "spec": ["accessModes": ["ReadWriteOnce"], "resources": ["requests": ["storage": "2Gi"]]],
                    ]],
                ],
            ]
            #expect(try await http.send("POST", "/apis/apps/v1/namespaces/default/statefulsets", body: set).status == 201)
            let path = "/apis/apps/v1/namespaces/default/statefulsets/db"
            let settled = try await Self.eventually {
                try await http.send("GET", path).body[path: ["status", "readyReplicas"]] == 2
            }
            #expect(settled)
            let status = try await http.send("GET", path).body["status"]
            #expect(status?["replicas"] == 2)
            #expect(status?["currentReplicas"] == 2)
            #expect(status?["updatedReplicas"] == 2)
            #expect(status?["availableReplicas"] == 2)
            #expect(status?["observedGeneration"] == 1)
            let claims = "/api/v1/namespaces/default/persistentvolumeclaims"
            let bound = try await Self.eventually {
                let items = try await http.send("GET", claims).body["items"]?.arrayValue ?? []
                return items.count == 2 && items.allSatisfy { $0[path: ["status", "phase"]] == "Bound" }
            }
            #expect(bound)
            let claim = try await http.send("GET", claims + "/data-db-1").body
            #expect(claim[path: ["metadata", "labels", "app"]] == "db")
            #expect(claim[path: ["metadata", "ownerReferences"]] == nil)
            #expect(claim[path: ["status", "capacity", "storage"]] == "2Gi")
            let volumeName = claim[path: ["spec", "volumeName"]]?.stringValue ?? ""
            #expect(volumeName == "pvc-" + (claim[path: ["metadata", "uid"]]?.stringValue ?? "?"))
            let volume = try await http.send("GET", "/api/v1/persistentvolumes/" + volumeName).body
            #expect(volume[path: ["spec", "claimRef", "name"]] == "data-db-1")
            #expect(volume[path: ["status", "phase"]] == "Bound")
            // Scaling up makes a new generation: new claim, status follows; markUnready drops readyReplicas.
            let scaled = try await http.send("PATCH", path, body: ["spec": ["replicas": 3]], contentType: "application/merge-patch+json")
            #expect(scaled.status == 200)
            let rescaled = try await Self.eventually {
                let s = try await http.send("GET", path).body["status"]
                return s?["observedGeneration"] == 2 && s?["readyReplicas"] == 3
            }
            #expect(rescaled)
            #expect(try await http.send("GET", claims + "/data-db-2").status == 200)
            server.controllers.markUnready(namespace: "default", name: "db")
            let unready = try await http.send("GET", path).body["status"]
            #expect(unready?["readyReplicas"] == nil)
            #expect(unready?["availableReplicas"] == 0)
        }
    }

    @Test func claimStaysPendingWithoutVolumeBinding() async throws {
        // A Deployment created after the claim, with the same delay as a bind would have, marks the moment a
        // bind would already have happened: wait for it instead of a fixed time.
        let (server, http) = try await Fixtures.startServer {
            $0.simulation = SimulationSettings(deploymentReadyDelay: .milliseconds(100), volumeBinding: false,
                                               volumeBindDelay: .milliseconds(100))
        }
        try await withCleanup({ await server.shutdown() }) {
            let claim: JSONValue = ["metadata": ["name": "c"], "spec": ["resources": ["requests": ["storage": "1Gi"]]]]
            let created = try await http.send("POST", "/api/v1/namespaces/default/persistentvolumeclaims", body: claim)
            #expect(created.body[path: ["status", "phase"]] == "Pending")
            let marker: JSONValue = [
                "metadata": ["name": "marker"],
                "spec": ["replicas": 1, "selector": ["matchLabels": ["app": "m"]],
                         "template": ["metadata": ["labels": ["app": "m"]], "spec": ["containers": [["name": "m", "image": "m"]]]]],
            ]
            #expect(try await http.send("POST", "/apis/apps/v1/namespaces/default/deployments", body: marker).status == 201)
            let markerReady = try await Self.eventually {
                try await http.send("GET", "/apis/apps/v1/namespaces/default/deployments/marker").body[path: ["status", "readyReplicas"]] == 1
            }
            #expect(markerReady)
            let later = try await http.send("GET", "/api/v1/namespaces/default/persistentvolumeclaims/c")
            #expect(later.body[path: ["status", "phase"]] == "Pending")
        }
    }
}
