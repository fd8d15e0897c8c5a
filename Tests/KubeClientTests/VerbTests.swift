import TestSupport
import Foundation
import Testing
@testable import KubeClient

@Suite struct VerbTests {
    @Test func getSendsBearerTokenAndDecodes() async throws {
        let server = try ScriptedHTTPServer { request, connection in
            connection.respond(status: 200, body: configMapJSON(name: "cfg", rv: "5"))
        }
        defer { server.stop() }
        let client = makeClient(server)
        let config = try await client.resource(ConfigMap.self).get("cfg")
        #expect(config.name == "cfg")
        #expect(config.resourceVersion == "5")
        #expect(config.data == ["k": "v"])
        let request = try #require(server.requests.first)
        #expect(request.path == "/api/v1/namespaces/team/configmaps/cfg")
        #expect(request.headers["authorization"] == "Bearer test-token")
        #expect(request.headers["accept"] == "application/json")
    }

    @Test func listPaginatesWithSelectors() async throws {
        let server = try ScriptedHTTPServer { request, connection in
            if request.query["continue"] == nil {
                connection.respond(status: 200, body: #"{"kind":"ConfigMapList","metadata":{"resourceVersion":"10","continue":"page2"},"items":[\#(configMapJSON(name: "a", rv: "3"))]}"#)
            } else {
                connection.respond(status: 200, body: #"{"kind":"ConfigMapList","metadata":{"resourceVersion":"11"},"items":[{"metadata":{"name":"b","namespace":"team","resourceVersion":"4"}}]}"#)
            }
        }
        defer { server.stop() }
        let client = makeClient(server)
        let all = try await client.resource(ConfigMap.self).listAll(options: ListOptions(labelSelector: "app=web,tier!=db", fieldSelector: "metadata.name!=x", limit: 1))
        #expect(all.items.map(\.name) == ["a", "b"])
        #expect(all.items[1].kind == "ConfigMap")
        #expect(all.resourceVersion == "11")
        let requests = server.requests
        #expect(requests.count == 2)
        #expect(requests[0].query["labelSelector"] == "app=web,tier!=db")
        #expect(requests[0].query["fieldSelector"] == "metadata.name!=x")
        #expect(requests[0].query["limit"] == "1")
        #expect(requests[1].query["continue"] == "page2")
    }

    @Test func createUpdateStatusPatchDeleteUseTheRightWire() async throws {
        let server = try ScriptedHTTPServer { request, connection in
            connection.respond(status: request.method == "POST" ? 201 : 200, body: #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"team","resourceVersion":"9"}}"#)
        }
        defer { server.stop() }
        let deployments = makeClient(server).resource(Deployment.self)
        var deployment = Deployment(name: "web", namespace: "team")
        deployment.spec.replicas = 2
        _ = try await deployments.create(deployment, options: WriteOptions(fieldManager: "fwb"))
        deployment.metadata.resourceVersion = "9"
        _ = try await deployments.update(deployment)
        _ = try await deployments.updateStatus(deployment)
        _ = try await deployments.patch("web", patch: .merge(["spec": ["replicas": 3]]))
        _ = try await deployments.patch("web", patch: .json([["op": "replace", "path": "/spec/replicas", "value": 4]]))
        _ = try await deployments.patch("web", patch: .apply(["apiVersion": "apps/v1", "kind": "Deployment"], fieldManager: "fwb", force: true))
        try await deployments.delete("web", options: DeleteOptions(propagationPolicy: .foreground, preconditionUID: "u1", preconditionResourceVersion: "9"))
        try await deployments.deleteCollection(listOptions: ListOptions(labelSelector: "app=web"))

        let requests = server.requests
        #expect(requests.map(\.method) == ["POST", "PUT", "PUT", "PATCH", "PATCH", "PATCH", "DELETE", "DELETE"])
        #expect(requests[0].path == "/apis/apps/v1/namespaces/team/deployments")
        #expect(requests[0].query["fieldManager"] == "fwb")
        let created = try JSONParser.parse(requests[0].body)
        #expect(created["spec"]?["replicas"]?.intValue == 2)
        #expect(created["kind"]?.stringValue == "Deployment")
        #expect(try JSONParser.parse(requests[1].body)["metadata"]?["resourceVersion"]?.stringValue == "9")
        #expect(requests[2].path == "/apis/apps/v1/namespaces/team/deployments/web/status")
        #expect(requests[3].headers["content-type"] == "application/merge-patch+json")
        #expect(requests[4].headers["content-type"] == "application/json-patch+json")
        #expect(requests[5].headers["content-type"] == "application/apply-patch+yaml")
        #expect(requests[5].query["fieldManager"] == "fwb")
        #expect(requests[5].query["force"] == "true")
        let deleteBody = try JSONParser.parse(requests[6].body)
        #expect(deleteBody["propagationPolicy"]?.stringValue == "Foreground")
        #expect(deleteBody["preconditions"]?["uid"]?.stringValue == "u1")
        #expect(deleteBody["preconditions"]?["resourceVersion"]?.stringValue == "9")
        #expect(requests[7].path == "/apis/apps/v1/namespaces/team/deployments")
        #expect(requests[7].query["labelSelector"] == "app=web")
    }

    @Test func unknownFieldsSurviveReadModifyWrite() async throws {
        let stored = #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"team","resourceVersion":"7","futureMeta":{"x":1}},"spec":{"replicas":1,"futureSpecField":"keep-me","template":{"spec":{"containers":[{"name":"c","image":"i","futureContainerField":[1,2]}]}}},"futureTopLevel":true}"#
        let server = try ScriptedHTTPServer { request, connection in
            connection.respond(status: 200, body: request.method == "GET" ? stored : String(decoding: request.body, as: UTF8.self))
        }
        defer { server.stop() }
        let deployments = makeClient(server).resource(Deployment.self)
        var deployment = try await deployments.get("web")
        deployment.spec.replicas = 5
        var containers = deployment.spec.template.spec.containers
        containers[0].image = "i2"
        deployment.spec.template.spec.containers = containers
        _ = try await deployments.update(deployment)
        let sent = try JSONParser.parse(try #require(server.requests.last).body)
        #expect(sent["spec"]?["replicas"]?.intValue == 5)
        #expect(sent["spec"]?["futureSpecField"]?.stringValue == "keep-me")
        #expect(sent["futureTopLevel"]?.boolValue == true)
        #expect(sent["metadata"]?["futureMeta"]?["x"]?.intValue == 1)
        let container = sent["spec"]?["template"]?["spec"]?["containers"]?.arrayValue?.first
        #expect(container?["image"]?.stringValue == "i2")
        #expect(container?["futureContainerField"] == [1, 2])
    }

    @Test func statusLineWithoutReasonPhraseIsAccepted() async throws {
        let server = try ScriptedHTTPServer { _, connection in
            let body = configMapJSON(name: "bare", rv: "1")
            connection.write("HTTP/1.1 200\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
        }
        defer { server.stop() }
        let config = try await makeClient(server).resource(ConfigMap.self).get("bare")
        #expect(config.name == "bare")
    }

    @Test func customResourcesUseTheGenericResource() async throws {
        let server = try ScriptedHTTPServer { _, connection in
            connection.respond(status: 200, body: #"{"apiVersion":"fwb.example/v1","kind":"Widget","metadata":{"name":"w","namespace":"team"},"spec":{"size":3}}"#)
        }
        defer { server.stop() }
        let widgets = ResourceDescriptor(group: "fwb.example", version: "v1", plural: "widgets", kind: "Widget", namespaced: true)
        let widget = try await makeClient(server).resource(GenericResource.self, descriptor: widgets).get("w")
        #expect(widget.spec?["size"]?.intValue == 3)
        #expect(server.requests.first?.path == "/apis/fwb.example/v1/namespaces/team/widgets/w")
    }
}
