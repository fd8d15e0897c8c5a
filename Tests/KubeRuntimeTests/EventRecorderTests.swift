import TestSupport
import Foundation
import Testing
import Synchronization
@testable import KubeClient
@testable import KubeRuntime

@Suite struct EventRecorderTests {
    @Test func identicalEventsBumpTheCountAndFloodsAreDropped() async throws {
        let server = try ScriptedHTTPServer { request, connection in
            if request.method == "POST" {
                var body = (try? JSONParser.parse(request.body).objectValue) ?? [:]
                var meta = body.objectMember("metadata")
                meta.set("resourceVersion", "1")
                body["metadata"] = .object(meta)
                connection.respond(status: 201, body: JSONWriter.string(.object(body)))
            } else {
                connection.respond(status: 200, body: #"{"kind":"Event","metadata":{"name":"e","namespace":"team"}}"#)
            }
        }
        defer { server.stop() }
        let clock = ManualKubeClock()
        let client = KubeClient(configuration: ClientConfiguration(server: server.baseURL, namespace: "team"))
        let recorder = EventRecorder(client: client, component: "filewallball-controller", clock: clock, burst: 3, refill: .seconds(60))
        let pod = Pod(object: try #require(JSONParser.parse(podJSON(name: "p", rv: "1")).objectValue))
        #expect(await recorder.record(pod, type: .normal, reason: "Created", message: "made it"))
        #expect(await recorder.record(pod, type: .normal, reason: "Created", message: "made it"))
        #expect(await recorder.record(pod, type: .warning, reason: "Failed", message: "other"))
        #expect(await recorder.record(pod, type: .normal, reason: "Created", message: "made it") == false, "burst of 3 used up")
        clock.advance(by: .seconds(60))
        #expect(await recorder.record(pod, type: .normal, reason: "Created", message: "made it"))

        let requests = server.requests
        #expect(requests.map(\.method) == ["POST", "PATCH", "POST", "PATCH"])
        let created = try JSONParser.parse(requests[0].body)
        #expect(created["involvedObject"]?["name"]?.stringValue == "p")
        #expect(created["involvedObject"]?["uid"]?.stringValue == "uid-p")
        #expect(created["count"]?.intValue == 1)
        #expect(created["source"]?["component"]?.stringValue == "filewallball-controller")
        #expect(requests[0].path == "/api/v1/namespaces/team/events")
        #expect(try JSONParser.parse(requests[1].body)["count"]?.intValue == 2)
        #expect(requests[1].headers["content-type"] == "application/merge-patch+json")
        #expect(try JSONParser.parse(requests[3].body)["count"]?.intValue == 3)
    }
}

@Suite struct ProbeServerTests {
    @Test func servesPathsOnLoopback() async throws {
        let probe = try ProbeServer(host: "127.0.0.1", port: 0) { path in
            path == "/healthz" ? .init(status: 200, body: "ok\n") : .init(status: 404, body: "no\n")
        }
        defer { probe.stop() }
        let client = KubeClient(configuration: ClientConfiguration(server: "http://127.0.0.1:\(probe.port)"))
        let body = try await client.perform(verb: "get", method: "GET", path: "/healthz", query: [], body: nil, contentType: nil)
        #expect(String(decoding: body, as: UTF8.self) == "ok\n")
        await #expect(throws: KubeAPIError.self) {
            _ = try await client.perform(verb: "get", method: "GET", path: "/nope", query: [], body: nil, contentType: nil)
        }
        #expect(ProbeServer.parse(listen: "0.0.0.0:8081")?.port == 8081)
        #expect(ProbeServer.parse(listen: "bad") == nil)
    }
}
