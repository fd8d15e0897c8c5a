import Foundation
import TestSupport
import Testing
@testable import KubeSim

/// Server-side apply of custom resources follows the CRD schema's list markers.
@Suite struct MapListApplyTests {
    static let gadgetCRD = Fixtures.exampleCRD(plural: "gadgets", singular: "gadget", kind: "Gadget", schema: [
        "type": "object",
        "properties": [
            "spec": ["type": "object", "properties": [
                // Unmarked: atomic for a custom resource, although built-ins key `env` by name.
                "env": ["type": "array", "items": ["type": "object", "properties": ["name": ["type": "string"]]]],
                "endpoints": [
                    "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["port", "protocol"],
                    "items": ["type": "object", "properties": [
                        "port": ["type": "integer"], "protocol": ["type": "string"], "host": ["type": "string"],
                    ]],
                ],
            ]],
            "status": ["type": "object", "properties": [
                "conditions": [
                    "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["type"],
                    "items": ["type": "object", "properties": [
                        "type": ["type": "string"], "status": ["type": "string"], "message": ["type": "string"],
                    ]],
                ],
                "backups": [
                    "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
                    "items": ["type": "object", "properties": ["name": ["type": "string"], "size": ["type": "integer"]]],
                ],
            ]],
        ],
    ])

    static let base = "/apis/example.test/v1/namespaces/default/gadgets"
    static let apply = "application/apply-patch+yaml"

    static func gadget(spec: JSONValue? = nil, status: JSONValue? = nil) -> JSONValue {
        var g: JSONValue = ["apiVersion": "example.test/v1", "kind": "Gadget", "metadata": ["name": "g"]]
        if let spec { g["spec"] = spec }
        if let status { g["status"] = status }
        return g
    }

    static func start() async throws -> (KubeSimServer, HTTPTestClient) {
        let (server, http) = try await Fixtures.startServer()
        _ = try await http.send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", body: gadgetCRD)
        return (server, http)
    }

    @Test func conditionsOwnedPerTypeByDifferentManagers() async throws {
        let (server, http) = try await Self.start()
        try await withCleanup({ await server.shutdown() }) {
            #expect(try await http.send("POST", Self.base, body: Self.gadget(spec: [:])).status == 201)
            let status = Self.base + "/g/status"
            let ready: JSONValue = ["type": "Ready", "status": "True"]
            let degraded: JSONValue = ["type": "Degraded", "status": "False"]
            let backup: JSONValue = ["name": "b1", "size": 3]
            let a = try await http.send("PATCH", status + "?fieldManager=ctl-a",
                body: Self.gadget(status: ["conditions": [ready], "backups": [backup]]), contentType: Self.apply)
            #expect(a.status == 200)
            let b = try await http.send("PATCH", status + "?fieldManager=ctl-b",
                body: Self.gadget(status: ["conditions": [degraded], "backups": [["name": "b2", "size": 5]]]), contentType: Self.apply)
            #expect(b.status == 200)
            func types(_ o: JSONValue, _ list: String, _ key: String) -> [String] {
                o[path: ["status", list]]?.arrayValue?.compactMap { $0[key]?.stringValue } ?? []
            }
            #expect(types(b.body, "conditions", "type") == ["Ready", "Degraded"])
            #expect(types(b.body, "backups", "name") == ["b1", "b2"])
            let owned = b.body[path: ["metadata", "managedFields"]]?.arrayValue?.first { $0["manager"] == "ctl-b" }?["fieldsV1"]
            #expect(owned?[path: ["f:status", "f:conditions", #"k:{"type":"Degraded"}"#, "f:status"]] == [:])
            #expect(owned?[path: ["f:status", "f:backups", #"k:{"name":"b2"}"#, "f:size"]] == [:])
            // ctl-a stops applying its condition and backup: only those go.
            let dropped = try await http.send("PATCH", status + "?fieldManager=ctl-a", body: Self.gadget(status: [:]), contentType: Self.apply)
            #expect(dropped.status == 200)
            #expect(types(dropped.body, "conditions", "type") == ["Degraded"])
            #expect(types(dropped.body, "backups", "name") == ["b2"])
            // Changing another manager's element conflicts.
            let clash = try await http.send("PATCH", status + "?fieldManager=ctl-a",
                body: Self.gadget(status: ["conditions": [["type": "Degraded", "status": "True"]]]), contentType: Self.apply)
            #expect(clash.status == 409)
            #expect(clash.body["message"]?.stringValue?.contains(#".status.conditions[type="Degraded"].status"#) == true)
        }
    }

    @Test func multiKeyMapListsAndAtomicUnmarkedLists() async throws {
        let (server, http) = try await Self.start()
        try await withCleanup({ await server.shutdown() }) {
            let path = Self.base + "/g"
            let tcp: JSONValue = ["port": 80, "protocol": "TCP", "host": "a"]
            let udp: JSONValue = ["port": 80, "protocol": "UDP", "host": "b"]
            let a = try await http.send("PATCH", path + "?fieldManager=a",
                body: Self.gadget(spec: ["endpoints": [tcp], "env": [["name": "X"]]]), contentType: Self.apply)
            #expect(a.status == 201)
            let b = try await http.send("PATCH", path + "?fieldManager=b", body: Self.gadget(spec: ["endpoints": [udp]]), contentType: Self.apply)
            #expect(b.status == 200)
            #expect(b.body[path: ["spec", "endpoints"]] == [tcp, udp])
            let owned = b.body[path: ["metadata", "managedFields"]]?.arrayValue?.first { $0["manager"] == "b" }?["fieldsV1"]
            #expect(owned?[path: ["f:spec", "f:endpoints", #"k:{"port":80,"protocol":"UDP"}"#, "f:host"]] == [:])
            // `env` has no list-type in this schema, so it is one atomic value: another manager's different list conflicts.
            let env = try await http.send("PATCH", path + "?fieldManager=b",
                body: Self.gadget(spec: ["endpoints": [udp], "env": [["name": "Y"]]]), contentType: Self.apply)
            #expect(env.status == 409)
            #expect(env.body["message"]?.stringValue?.contains(".spec.env") == true)
        }
    }
}
