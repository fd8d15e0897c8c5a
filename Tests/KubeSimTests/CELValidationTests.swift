import Foundation
import TestSupport
import Testing
@testable import KubeSim

/// The evaluated subset of `x-kubernetes-validations`: `self == oldSelf` and the root name-size rule.
@Suite struct CELValidationTests {
    static let crd = Fixtures.exampleCRD(plural: "locks", singular: "lock", kind: "Lock", schema: [
        "type": "object",
        "x-kubernetes-validations": [
            ["rule": "self.metadata.name.size() <= 8", "message": "name too long"],
            ["rule": "has(self.spec.key) || true"],
        ],
        "properties": [
            "spec": ["type": "object", "properties": ["key": ["type": "string"]],
                "x-kubernetes-validations": [["rule": "self == oldSelf", "message": "spec is immutable"]]],
            "status": ["type": "object", "properties": ["phase": ["type": "string"]]],
        ],
    ])

    @Test func transitionRuleAndNameSize() async throws {
        let (server, http) = try await Fixtures.startServer()
        try await withCleanup({ await server.shutdown() }) {
            _ = try await http.send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", body: Self.crd)
            let base = "/apis/example.test/v1/namespaces/default/locks"
            func lock(_ name: String, _ key: String) -> JSONValue {
                ["apiVersion": "example.test/v1", "kind": "Lock", "metadata": ["name": .string(name)], "spec": ["key": .string(key)]]
            }
            let long = try await http.send("POST", base, body: lock("much-too-long", "a"))
            #expect(long.status == 422)
            #expect(long.body["message"] == #"Lock.example.test "much-too-long" is invalid: <nil>: Invalid value: "object": name too long"#)
            let created = try await http.send("POST", base, body: lock("l1", "a"))
            #expect(created.status == 201)
            #expect(created.headers["warning"]?.contains("has(self.spec.key) || true") == true)
            let changed = try await http.send("PATCH", base + "/l1", body: ["spec": ["key": "b"]], contentType: "application/merge-patch+json")
            #expect(changed.status == 422)
            #expect(changed.body["message"] == #"Lock.example.test "l1" is invalid: spec: Invalid value: "object": spec is immutable"#)
            #expect(changed.body[path: ["details", "causes"]]?.arrayValue?.first?["field"] == "spec")
            let same = try await http.send("PATCH", base + "/l1", body: ["metadata": ["labels": ["x": "y"]]],
                contentType: "application/merge-patch+json")
            #expect(same.status == 200)
            let status = try await http.send("PATCH", base + "/l1/status", body: ["status": ["phase": "Held"]],
                contentType: "application/merge-patch+json")
            #expect(status.status == 200)
            #expect(try await http.send("GET", base + "/l1").body[path: ["spec", "key"]] == "a")
        }
    }
}
