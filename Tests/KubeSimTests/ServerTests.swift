import Foundation
import TestSupport
import Testing
@testable import KubeSim

@Suite struct ServerTests {
    @Test func versionDiscoveryAndStatusErrors() async throws {
        let (server, http) = try await Fixtures.startWithWidgets()
        try await withCleanup({ await server.shutdown() }) {
            let version = try await http.send("GET", "/version")
            #expect(version.body["minor"] == "31")
            let groups = try await http.send("GET", "/apis")
            let names = groups.body["groups"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            #expect(names.contains("example.test"))
            let list = try await http.send("GET", "/apis/example.test/v1")
            #expect(list.body["resources"]?.arrayValue?.contains { $0["name"] == "widgets/status" } == true)
            let missing = try await http.send("GET", "/apis/example.test/v1/namespaces/default/widgets/nope")
            #expect(missing.status == 404)
            #expect(missing.body["kind"] == "Status")
            #expect(missing.body["message"] == "widgets.example.test \"nope\" not found")
            #expect(missing.body[path: ["details", "kind"]] == "widgets")
            let openapi = try await http.send("GET", "/openapi/v3")
            #expect(openapi.body[path: ["paths", "apis/example.test/v1", "serverRelativeURL"]] != nil)
        }
    }

    @Test func createConflictAndNoOp() async throws {
        let (server, http) = try await Fixtures.startWithWidgets()
        try await withCleanup({ await server.shutdown() }) {
            let base = "/apis/example.test/v1/namespaces/default/widgets"
            let created = try await http.send("POST", base, body: Fixtures.widget("w1"))
            #expect(created.status == 201)
            #expect(created.body[path: ["metadata", "generation"]] == 1)
            #expect(try await http.send("POST", base, body: Fixtures.widget("w1")).status == 409)
            let noop = try await http.send("PUT", base + "/w1", body: created.body)
            #expect(noop.body[path: ["metadata", "resourceVersion"]] == created.body[path: ["metadata", "resourceVersion"]])
            var changed = created.body
            changed[path: ["spec", "color"]] = "blue"
            let updated = try await http.send("PUT", base + "/w1", body: changed)
            #expect(updated.status == 200)
            #expect(updated.body[path: ["metadata", "generation"]] == 2)
            let stale = try await http.send("PUT", base + "/w1", body: changed)
            #expect(stale.status == 409)
            #expect(stale.body["reason"] == "Conflict")
            let wrongNS = try await http.send("POST", "/apis/example.test/v1/namespaces/nowhere/widgets", body: Fixtures.widget("x"))
            #expect(wrongNS.status == 404)
            #expect(wrongNS.body["message"] == "namespaces \"nowhere\" not found")
        }
    }

    @Test func tableResponseHasPrinterColumns() async throws {
        let (server, http) = try await Fixtures.startWithWidgets()
        try await withCleanup({ await server.shutdown() }) {
            let base = "/apis/example.test/v1/namespaces/default/widgets"
            _ = try await http.send("POST", base, body: Fixtures.widget("t1", color: "green"))
            let table = try await http.send("GET", base, accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
            #expect(table.body["kind"] == "Table")
            let cols = table.body["columnDefinitions"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
            #expect(cols == ["Name", "Color"])
            #expect(table.body[path: ["rows"]]?.arrayValue?.first?["cells"] == ["t1", "green"])
        }
    }

    @Test func serverSideApplyConflictsAndForce() async throws {
        let (server, http) = try await Fixtures.startWithWidgets()
        try await withCleanup({ await server.shutdown() }) {
            let path = "/apis/example.test/v1/namespaces/default/widgets/s1"
            let apply = "application/apply-patch+yaml"
            let first = try await http.send("PATCH", path + "?fieldManager=a", body: Fixtures.widget("s1"), contentType: apply)
            #expect(first.status == 201)
            let again = try await http.send("PATCH", path + "?fieldManager=a", body: Fixtures.widget("s1"), contentType: apply)
            #expect(again.body[path: ["metadata", "resourceVersion"]] == first.body[path: ["metadata", "resourceVersion"]])
            let conflict = try await http.send("PATCH", path + "?fieldManager=b", body: Fixtures.widget("s1", color: "blue"), contentType: apply)
            #expect(conflict.status == 409)
            #expect(conflict.body["message"]?.stringValue?.contains("conflict with \"a\"") == true)
            let forced = try await http.send("PATCH", path + "?fieldManager=b&force=true", body: Fixtures.widget("s1", color: "blue"), contentType: apply)
            #expect(forced.status == 200)
            #expect(forced.body[path: ["spec", "color"]] == "blue")
            let noManager = try await http.send("PATCH", path, body: Fixtures.widget("s1"), contentType: apply)
            #expect(noManager.status == 422)
            let smp = try await http.send("PATCH", path, body: ["spec": ["color": "red"]], contentType: "application/strategic-merge-patch+json")
            #expect(smp.status == 415)
        }
    }

    @Test func watchReplaysFromResourceVersionAndExpires() async throws {
        let (server, http) = try await Fixtures.startWithWidgets()
        try await withCleanup({ await server.shutdown() }) {
            let base = "/apis/example.test/v1/namespaces/default/widgets"
            let created = try await http.send("POST", base, body: Fixtures.widget("w"))
            let rv = created.body[path: ["metadata", "resourceVersion"]]?.stringValue
            _ = try await http.send("PATCH", base + "/w", body: ["spec": ["color": "blue"]], contentType: "application/merge-patch+json")
            _ = try await http.send("DELETE", base + "/w")
            let type = try #require(server.cluster.resourceType(group: "example.test", version: "v1", plural: "widgets"))
            let sub = try server.cluster.watch(type, namespace: "default", labels: .everything, fields: .everything,
                resourceVersion: rv, sendInitialEvents: false)
            var seen: [WatchEventType] = []
            for await e in sub.events {
                seen.append(e.type)
                if seen.count == 2 { break }
            }
            #expect(seen == [.modified, .deleted])
            server.cluster.stopWatch(sub.id)
            server.compactHistory()
            let expired = try server.cluster.watch(type, namespace: "default", labels: .everything, fields: .everything,
                resourceVersion: rv, sendInitialEvents: false)
            var first: DeliveredEvent?
            for await e in expired.events { first = e; break }
            #expect(first?.type == .error)
            #expect(first?.object["code"] == 410)
            let streamed = try await http.send("GET", base + "?watch=true&resourceVersion=\(rv ?? "")&timeoutSeconds=1")
            #expect(streamed.status == 200)
            #expect(streamed.body.stringValue == nil || streamed.body["type"] == "ERROR")
            #expect(try await http.send("GET", base + "?watch=true&sendInitialEvents=true").status == 422)
        }
    }
}

@Suite struct BuiltinKindTests {
    @Test func leaseMicroTimeAndScaleSubresource() async throws {
        let (server, http) = try await Fixtures.startServer()
        try await withCleanup({ await server.shutdown() }) {
            let lease: JSONValue = ["metadata": ["name": "leader"], "spec": ["holderIdentity": "a", "renewTime": "2026-01-01T10:00:00.5+00:00"]]
            let created = try await http.send("POST", "/apis/coordination.k8s.io/v1/namespaces/default/leases", body: lease)
            #expect(created.body[path: ["spec", "renewTime"]] == "2026-01-01T10:00:00.500000Z")
            var unconditional = created.body
            unconditional[path: ["metadata", "resourceVersion"]] = nil
            unconditional[path: ["spec", "holderIdentity"]] = "b"
            #expect(try await http.send("PUT", "/apis/coordination.k8s.io/v1/namespaces/default/leases/leader", body: unconditional).status == 200)
            _ = try await http.send("POST", "/apis/apps/v1/namespaces/default/deployments", body: ["metadata": ["name": "d"], "spec": ["replicas": 1]])
            let scaled = try await http.send("PATCH", "/apis/apps/v1/namespaces/default/deployments/d/scale",
                body: ["spec": ["replicas": 4]], contentType: "application/merge-patch+json")
            #expect(scaled.body["kind"] == "Scale")
            let d = try await http.send("GET", "/apis/apps/v1/namespaces/default/deployments/d")
            #expect(d.body[path: ["spec", "replicas"]] == 4)
            #expect(d.body[path: ["metadata", "generation"]] == 2)
        }
    }

    @Test func watchSelectorTransitions() async throws {
        let (server, http) = try await Fixtures.startServer()
        try await withCleanup({ await server.shutdown() }) {
            let type = try #require(server.cluster.resourceType(group: "", version: "v1", plural: "configmaps"))
            let sub = try server.cluster.watch(type, namespace: "default", labels: try LabelSelectorQuery.parse("app=web"), fields: .everything,
                resourceVersion: String(server.currentResourceVersion), sendInitialEvents: false)
            let base = "/api/v1/namespaces/default/configmaps"
            _ = try await http.send("POST", base, body: ["metadata": ["name": "c", "labels": ["app": "other"]]])
            _ = try await http.send("PATCH", base + "/c", body: ["metadata": ["labels": ["app": "web"]]], contentType: "application/merge-patch+json")
            _ = try await http.send("PATCH", base + "/c", body: ["data": ["k": "v"]], contentType: "application/merge-patch+json")
            _ = try await http.send("PATCH", base + "/c", body: ["metadata": ["labels": ["app": "db"]]], contentType: "application/merge-patch+json")
            var seen: [WatchEventType] = []
            for await e in sub.events {
                seen.append(e.type)
                if seen.count == 3 { break }
            }
            #expect(seen == [.added, .modified, .deleted])
            server.cluster.stopWatch(sub.id)
        }
    }
}

@Suite struct WatchHTTPTests {
    @Test func streamedWatchWithBookmarksEndsAtTimeout() async throws {
        let (server, http) = try await Fixtures.startServer { $0.bookmarkInterval = .milliseconds(150) }
        try await withCleanup({ await server.shutdown() }) {
            let base = "/api/v1/namespaces/default/configmaps"
            _ = try await http.send("POST", base, body: ["metadata": ["name": "a"]])
            let started = ContinuousClock.now
            let reply = try await http.send("GET", base + "?watch=true&resourceVersion=0&allowWatchBookmarks=true&timeoutSeconds=1")
            #expect(ContinuousClock.now - started < .seconds(5))
            let text = try #require(reply.body.stringValue)
            let events = try text.split(separator: "\n").map { try JSONParser.parse(String($0)) }
            #expect(events.first?["type"] == "ADDED")
            #expect(events.filter { $0["type"] == "BOOKMARK" }.count >= 2)
            #expect(events.last?[path: ["object", "metadata", "resourceVersion"]] == .string(String(server.currentResourceVersion)))
        }
    }
}

@Suite struct CustomScaleTests {
    @Test func crdScaleSubresource() async throws {
        let (server, http) = try await Fixtures.startServer()
        try await withCleanup({ await server.shutdown() }) {
            var crd = Fixtures.widgetCRD
            var version = try #require(crd[path: ["spec", "versions"]]?.arrayValue?.first)
            version[path: ["subresources", "scale"]] = ["specReplicasPath": ".spec.size", "statusReplicasPath": ".status.size"]
            crd[path: ["spec", "versions"]] = [version]
            _ = try await http.send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", body: crd)
            let resources = try await http.send("GET", "/apis/example.test/v1")
            #expect(resources.body["resources"]?.arrayValue?.contains { $0["name"] == "widgets/scale" } == true)
            let base = "/apis/example.test/v1/namespaces/default/widgets"
            _ = try await http.send("POST", base, body: Fixtures.widget("s"))
            let scale = try await http.send("GET", base + "/s/scale")
            #expect(scale.body[path: ["spec", "replicas"]] == 10)
            _ = try await http.send("PATCH", base + "/s/scale", body: ["spec": ["replicas": 5]], contentType: "application/merge-patch+json")
            let widget = try await http.send("GET", base + "/s")
            #expect(widget.body[path: ["spec", "size"]] == 5)
        }
    }
}

@Suite struct AggregatedDiscoveryTests {
    @Test func servesV2WhenAskedAndLegacyOtherwise() async throws {
        let (server, http) = try await Fixtures.startWithWidgets()
        try await withCleanup({ await server.shutdown() }) {
            let accept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json"
            let apis = try await http.send("GET", "/apis", accept: accept)
            #expect(apis.headers["content-type"] == AggregatedDiscovery.contentType)
            let group = apis.body["items"]?.arrayValue?.first { $0[path: ["metadata", "name"]] == "example.test" }
            let widgets = group?["versions"]?.arrayValue?.first?["resources"]?.arrayValue?.first
            #expect(widgets?["resource"] == "widgets")
            #expect(widgets?["scope"] == "Namespaced")
            #expect(widgets?["subresources"]?.arrayValue?.first?["subresource"] == "status")
            let core = try await http.send("GET", "/api", accept: accept)
            #expect(core.body["items"]?.arrayValue?.count == 1)
            let beta = try await http.send("GET", "/apis", accept: "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json")
            #expect(beta.body["kind"] == "APIGroupList")
        }
    }
}

@Suite struct ServerSideApplyListTests {
    private func deployment(_ containers: [JSONValue]) -> JSONValue {
        ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "d"],
            "spec": ["template": ["spec": ["containers": .array(containers)]]]]
    }

    @Test func keyedListItemsAreOwnedSeparately() async throws {
        let (server, http) = try await Fixtures.startServer { $0.simulation.deployments = false }
        try await withCleanup({ await server.shutdown() }) {
            let path = "/apis/apps/v1/namespaces/default/deployments/d"
            let apply = "application/apply-patch+yaml"
            let web: JSONValue = ["name": "web", "image": "nginx:1"]
            let side: JSONValue = ["name": "side", "image": "busybox"]
            _ = try await http.send("PATCH", path + "?fieldManager=a", body: deployment([web, side]), contentType: apply)
            let b = try await http.send("PATCH", path + "?fieldManager=b", body: deployment([["name": "extra", "image": "x"]]), contentType: apply)
            #expect(b.status == 200)
            func names(_ d: JSONValue) -> [String] {
                d[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            }
            #expect(names(b.body) == ["web", "side", "extra"])
            let dropped = try await http.send("PATCH", path + "?fieldManager=a", body: deployment([web]), contentType: apply)
            #expect(names(dropped.body) == ["web", "extra"])
            let conflict = try await http.send("PATCH", path + "?fieldManager=b",
                body: deployment([["name": "extra", "image": "x"], ["name": "web", "image": "nginx:2"]]), contentType: apply)
            #expect(conflict.status == 409)
            #expect(conflict.body["message"]?.stringValue?.contains(#".spec.template.spec.containers[name="web"].image"#) == true)
            let again = try await http.send("PATCH", path + "?fieldManager=a", body: deployment([web]), contentType: apply)
            #expect(again.body[path: ["metadata", "resourceVersion"]] == dropped.body[path: ["metadata", "resourceVersion"]])
            let fields = again.body[path: ["metadata", "managedFields"]]?.arrayValue?.first { $0["manager"] == "a" }?["fieldsV1"]
            #expect(fields?[path: ["f:spec", "f:template", "f:spec", "f:containers", #"k:{"name":"web"}"#, "f:image"]] == [:])
        }
    }
}

@Suite struct WriteOptionTests {
    @Test func dryRunFieldValidationAndWarnings() async throws {
        let (server, http) = try await Fixtures.startWithWidgets()
        try await withCleanup({ await server.shutdown() }) {
            let base = "/apis/example.test/v1/namespaces/default/widgets"
            var body = Fixtures.widget("dry")
            body[path: ["spec", "bogus"]] = 1
            let dry = try await http.send("POST", base + "?dryRun=All", body: body)
            #expect(dry.status == 201)
            #expect(dry.headers["warning"]?.contains("unknown field") == true)
            #expect(try await http.send("GET", base + "/dry").status == 404)
            let strict = try await http.send("POST", base + "?fieldValidation=Strict", body: body)
            #expect(strict.status == 400)
            #expect(strict.body["message"] == #"strict decoding error: unknown field "spec.bogus""#)
            let ignored = try await http.send("POST", base + "?fieldValidation=Ignore", body: body)
            #expect(ignored.status == 201)
            #expect(ignored.headers["warning"] == nil)
            #expect(ignored.body[path: ["spec", "bogus"]] == nil)
            let badSelector = try await http.send("GET", base + "?fieldSelector=spec.color%3Dred")
            #expect(badSelector.status == 400)
            let generated = try await http.send("POST", base, body: ["metadata": ["generateName": "gen-"], "spec": ["color": "red"]])
            #expect(generated.body[path: ["metadata", "name"]]?.stringValue?.hasPrefix("gen-") == true)
            let badName = try await http.send("POST", base, body: Fixtures.widget("Bad_Name"))
            #expect(badName.status == 422)
        }
    }
}
