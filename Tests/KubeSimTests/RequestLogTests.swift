import Foundation
import TestSupport
import Testing
@testable import KubeSim

@Suite struct RequestLogTests {
    @Test func recordsUserVerbResourceAndCode() async throws {
        let (server, http) = try await Fixtures.startServer { $0.users = ["op-token": "system:serviceaccount:fwb:operator"] }
        try await withCleanup({ await server.shutdown() }) {
            let op = ["Authorization": "Bearer op-token"]
            let cms = "/api/v1/namespaces/default/configmaps"
            let cm: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c1"], "data": ["a": "1"]]
            #expect(try await http.send("POST", cms, body: cm, headers: op).status == 201)
            #expect(try await http.send("GET", cms + "/c1", headers: ["Authorization": "Bearer \(server.token)"]).status == 200)
            #expect(try await http.send("GET", cms + "/missing").status == 404)
            _ = try await http.send("GET", cms + "?watch=true&timeoutSeconds=1", headers: op)
            _ = try await http.send("GET", "/apis/coordination.k8s.io/v1/leases", headers: op)
            _ = try await http.send("PATCH", cms + "/c1", body: ["data": ["b": "2"]], contentType: "application/merge-patch+json", headers: op)
            _ = try await http.send("PUT", "/api/v1/namespaces/default/configmaps/c1/status", body: cm, headers: op)
            _ = try await http.send("DELETE", cms + "?labelSelector=x%3Dy", headers: op)
            _ = try await http.send("DELETE", cms + "/c1", headers: op)
            _ = try await http.send("GET", "/version", headers: op)
            let log = server.requestLog.entries()
            let summary = log.map { "\($0.user)|\($0.verb)|\($0.apiGroup)|\($0.resource)|\($0.subresource)|\($0.namespace)|\($0.name)|\($0.code)" }
            #expect(summary == [
                "system:serviceaccount:fwb:operator|create||configmaps||default||201",
                "kubesim-admin|get||configmaps||default|c1|200",
                "system:anonymous|get||configmaps||default|missing|404",
                "system:serviceaccount:fwb:operator|watch||configmaps||default||200",
                "system:serviceaccount:fwb:operator|list|coordination.k8s.io|leases||||200",
                "system:serviceaccount:fwb:operator|patch||configmaps||default|c1|200",
                "system:serviceaccount:fwb:operator|update||configmaps|status|default|c1|404",
                "system:serviceaccount:fwb:operator|deletecollection||configmaps||default||200",
                "system:serviceaccount:fwb:operator|delete||configmaps||default|c1|200",
                "system:serviceaccount:fwb:operator|get||||||200",
            ])
            #expect(log.last?.path == "/version")
            #expect(log.last?.isResourceRequest == false)
            // The HTTP hook serves the same records and is not itself logged; DELETE clears.
            let served = try await http.send("GET", "/kubesim/requests")
            #expect(served.body["items"]?.arrayValue?.count == log.count)
            #expect(served.body["items"]?.arrayValue?.first?["verb"] == "create")
            #expect(served.body["dropped"] == 0)
            #expect(try await http.send("DELETE", "/kubesim/requests").status == 200)
            #expect(server.requestLog.entries().isEmpty)
        }
    }

    @Test func ringBufferDropsOldestAndCounts() {
        let log = RequestLog(capacity: 3)
        for i in 0..<5 {
            log.append(RequestRecord(user: "u", verb: "get", apiGroup: "", apiVersion: "v1", resource: "pods", subresource: "",
                namespace: "", name: "p\(i)", path: "/", isResourceRequest: true, code: 200))
        }
        #expect(log.entries().map(\.name) == ["p2", "p3", "p4"])
        #expect(log.dropped == 2)
        log.clear()
        #expect(log.entries().isEmpty)
        #expect(log.dropped == 0)
    }

    @Test func unknownTokenIsRejectedWhenTokensAreRequired() async throws {
        let (server, http) = try await Fixtures.startServer { config in
            config.requireToken = true
            config.users = ["t2": "second"]
        }
        try await withCleanup({ await server.shutdown() }) {
            let rejected = try await http.send("GET", "/api/v1/namespaces", headers: ["Authorization": "Bearer nope"])
            #expect(rejected.status == 401)
            let accepted = try await http.send("GET", "/api/v1/namespaces", headers: ["Authorization": "Bearer t2"])
            #expect(accepted.status == 200)
            #expect(server.requestLog.entries().map(\.user) == ["system:anonymous", "second"])
        }
    }
}
