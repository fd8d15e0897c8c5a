import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization
import TestSupport
import Testing
@testable import KubeSim

/// `GET …/pods/NAME/log`: options, errors, and the provider's bytes.
@Suite struct PodLogTests {
    static let pods = "/api/v1/namespaces/default/pods"

    static func pod(_ name: String, containers: [String] = ["main"], node: String? = "node-a") -> JSONValue {
        var p: JSONValue = ["metadata": ["name": .string(name)],
            "spec": ["containers": .array(containers.map { ["name": .string($0), "image": "busybox"] })]]
        if let node { p[path: ["spec", "nodeName"]] = .string(node) }
        return p
    }

    /// Raw GET: status, content type, body text.
    static func get(_ base: String, _ path: String) async throws -> (Int, String, String) {
        let url = try #require(URL(string: base + path))
        let (data, response) = try await HTTPTestClient.dataRetryingRefusedConnects(URLRequest(url: url))
        let http = try #require(response as? HTTPURLResponse)
        return (http.statusCode, http.value(forHTTPHeaderField: "Content-Type") ?? "", String(decoding: data, as: UTF8.self))
    }

    @Test func tailOfBytes() {
        let text = Array("a\nb\nc\n".utf8)
        #expect(String(decoding: PodLogSource.tail(text, lines: 2), as: UTF8.self) == "b\nc\n")
        #expect(String(decoding: PodLogSource.tail(text, lines: 5), as: UTF8.self) == "a\nb\nc\n")
        #expect(PodLogSource.tail(text, lines: 0).isEmpty)
        #expect(String(decoding: PodLogSource.tail(Array("a\nb\nc".utf8), lines: 1), as: UTF8.self) == "c")
        #expect(String(decoding: PodLogSource.tail(Array("a\n\nc\n".utf8), lines: 2), as: UTF8.self) == "\nc\n")
    }

    @Test func providerBytesWithOptions() async throws {
        let seen = Mutex<[PodLogRequest]>([])
        let (server, http) = try await Fixtures.startServer { config in
            config.podLogs = { request in
                seen.withLock { $0.append(request) }
                let (stream, continuation) = AsyncThrowingStream.makeStream(of: [UInt8].self)
                continuation.yield(Array("four\n".utf8))
                continuation.yield(Array("five\n".utf8))
                continuation.finish()
                return PodLogSource(existing: Array("one\ntwo\nthree\n".utf8), live: stream)
            }
        }
        try await withCleanup({ await server.shutdown() }) { () async throws in
            #expect(try await http.send("POST", Self.pods, body: Self.pod("web")).status == 201)
            let all = try await Self.get(server.baseURL, Self.pods + "/web/log")
            #expect(all.0 == 200)
            #expect(all.1.hasPrefix("text/plain"))
            #expect(all.2 == "one\ntwo\nthree\n")   // no follow: the live part is not read
            let tail = try await Self.get(server.baseURL, Self.pods + "/web/log?tailLines=2&timestamps=true")
            #expect(tail.2 == "two\nthree\n")
            let follow = try await Self.get(server.baseURL, Self.pods + "/web/log?follow=true&tailLines=1")
            #expect(follow.2 == "three\nfour\nfive\n")
            let limited = try await Self.get(server.baseURL, Self.pods + "/web/log?follow=true&limitBytes=10")
            #expect(limited.2 == "one\ntwo\nth")
            let requests = seen.withLock { $0 }
            #expect(requests.first?.container == "main")
            #expect(requests.first?.namespace == "default")
            #expect(requests.dropFirst().first?.timestamps == true)
            #expect(requests.dropFirst().first?.tailLines == 2)
            #expect(requests.dropFirst(2).first?.follow == true)
            #expect(requests.first?.currentPod()?[path: ["metadata", "name"]] == "web")
        }
    }

    @Test func errorsLikeTheRealServer() async throws {
        let (server, http) = try await Fixtures.startServer { config in
            config.podLogs = { request in
                throw StatusError.badRequest("container \"\(request.container)\" in pod \"\(request.podName)\" is waiting to start: ContainerCreating")
            }
        }
        try await withCleanup({ await server.shutdown() }) { () async throws in
            _ = try await http.send("POST", Self.pods, body: Self.pod("two", containers: ["a", "b"]))
            _ = try await http.send("POST", Self.pods, body: Self.pod("unbound", node: nil))
            let missing = try await http.send("GET", Self.pods + "/nope/log")
            #expect(missing.status == 404)
            #expect(missing.body["message"] == "pods \"nope\" not found")
            let unknown = try await http.send("GET", Self.pods + "/two/log?container=c")
            #expect(unknown.status == 400)
            #expect(unknown.body["message"] == "container c is not valid for pod two")
            let ambiguous = try await http.send("GET", Self.pods + "/two/log")
            #expect(ambiguous.status == 400)
            #expect(ambiguous.body["message"] == "a container name must be specified for pod two, choose one of: [a b]")
            let waiting = try await http.send("GET", Self.pods + "/two/log?container=b")
            #expect(waiting.status == 400)
            #expect(waiting.body["message"] == "container \"b\" in pod \"two\" is waiting to start: ContainerCreating")
            let negative = try await http.send("GET", Self.pods + "/two/log?container=a&tailLines=-1")
            #expect(negative.status == 422)
            #expect(negative.body["message"] == "PodLogOptions \"two\" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0")
            // Not bound to a node: the real server streams an empty log.
            let unbound = try await Self.get(server.baseURL, Self.pods + "/unbound/log")
            #expect(unbound.0 == 200)
            #expect(unbound.2.isEmpty)
            let record = server.requestLog.entries().last
            #expect(record?.subresource == "log")
            #expect(record?.verb == "get")
        }
    }

    @Test func withoutProviderLikeAClusterWithoutKubelet() async throws {
        let (server, http) = try await Fixtures.startServer()
        try await withCleanup({ await server.shutdown() }) { () async throws in
            _ = try await http.send("POST", Self.pods, body: Self.pod("web"))
            let noNode = try await http.send("GET", Self.pods + "/web/log")
            #expect(noNode.status == 404)
            #expect(noNode.body["message"] == "nodes \"node-a\" not found")
            _ = try await http.send("POST", "/api/v1/nodes", body: ["metadata": ["name": "node-a"]])
            let unreachable = try await http.send("GET", Self.pods + "/web/log")
            #expect(unreachable.status == 500)
            #expect(unreachable.body["message"]?.stringValue?.contains("node-a:10250/containerLogs/default/web/main") == true)
        }
    }

    @Test func filesProviderServesAndFollows() async throws {
        let dir = NSTemporaryDirectory() + "kubesim-logs-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = PodLogFiles(directory: dir, pollInterval: .milliseconds(20))
        let path = files.path(namespace: "default", pod: "web", container: "main")
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let pod: JSONValue = ["metadata": ["name": "web", "uid": "u1"],
            "status": ["containerStatuses": [["name": "main", "state": ["waiting": ["reason": "ErrImageNeverPull"]]]]]]
        let current = Mutex<JSONValue?>(pod)
        let request = PodLogRequest(namespace: "default", podName: "web", container: "main", pod: pod, follow: true,
            currentPod: { current.withLock { $0 } })
        // No file yet: the kubelet's "waiting to start" with the container's reason.
        #expect(throws: StatusError.self) { try files.source(for: request) }
        do {
            _ = try files.source(for: request)
        } catch let error as StatusError {
            #expect(error.message == "container \"main\" in pod \"web\" is waiting to start: ErrImageNeverPull")
        }
        try Data("hello\n".utf8).write(to: URL(fileURLWithPath: path))
        let source = try files.source(for: request)
        #expect(source.existing == Array("hello\n".utf8))
        let live = try #require(source.live)
        let appender = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try appender.seekToEnd()
        try appender.write(contentsOf: Data("world\n".utf8))
        var collected: [UInt8] = []
        var iterator = live.makeAsyncIterator()
        while collected.count < 6, let chunk = try await iterator.next() { collected += chunk }
        #expect(String(decoding: collected, as: UTF8.self) == "world\n")
        // The container ends: the last output is still sent, then the stream finishes.
        try appender.write(contentsOf: Data("bye\n".utf8))
        try appender.close()
        current.withLock { $0 = ["metadata": ["name": "web", "uid": "u1"],
            "status": ["containerStatuses": [["name": "main", "state": ["terminated": ["exitCode": 0]]]]]] }
        var rest: [UInt8] = []
        while let chunk = try await iterator.next() { rest += chunk }
        #expect(String(decoding: rest, as: UTF8.self) == "bye\n")
        // previous=true without a previous file.
        var previous = request
        previous.previous = true
        #expect(throws: StatusError.self) { try files.source(for: previous) }
    }
}
