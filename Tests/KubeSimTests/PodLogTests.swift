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

    /// `openFollowBlocking` on a thread of its own (blocking socket calls must not hold a thread of the
    /// cooperative pool the in-process server also runs on).
    static func openFollow(port: Int, path: String, expected: String) async -> Int32 {
        let (fd, received) = await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: openFollowBlocking(port: port, path: path, expected: expected)) }
        }
        #expect(received.contains(expected), "received: \(received)")
        return fd
    }

    /// A raw HTTP/1.1 GET on a plain socket: returns the fd once `expected` has been received.
    static func openFollowBlocking(port: Int, path: String, expected: String) -> (Int32, String) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return (fd, "connect failed: errno \(errno)") }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !String(decoding: received, as: UTF8.self).contains(expected) {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            received += buffer[..<n]
        }
        return (fd, String(decoding: received, as: UTF8.self))
    }

    @Test func followEndsWhenTheClientLeaves() async throws {
        let ended = Mutex(false)
        let (server, http) = try await Fixtures.startServer { config in
            config.podLogs = { _ in
                // A log that never writes again: only the client leaving can end this stream.
                let (stream, continuation) = AsyncThrowingStream.makeStream(of: [UInt8].self)
                continuation.onTermination = { _ in ended.withLock { $0 = true } }
                return PodLogSource(existing: Array("hello\n".utf8), live: stream)
            }
        }
        try await withCleanup({ await server.shutdown() }) { () async throws in
            _ = try await http.send("POST", Self.pods, body: Self.pod("web"))
            let fd = await Self.openFollow(port: server.port, path: Self.pods + "/web/log?follow=true", expected: "hello")
            try await Task.sleep(for: .milliseconds(300))
            #expect(ended.withLock { $0 } == false)
            close(fd)
            let deadline = ContinuousClock.now + .seconds(5)
            while ContinuousClock.now < deadline, !ended.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(20)) }
            #expect(ended.withLock { $0 }, "the provider's stream was not ended after the client closed its connection")
        }
    }

    @Test func shutdownEndsFollowingStreams() async throws {
        let ended = Mutex(false)
        let (server, http) = try await Fixtures.startServer { config in
            config.podLogs = { _ in
                let (stream, continuation) = AsyncThrowingStream.makeStream(of: [UInt8].self)
                continuation.onTermination = { _ in ended.withLock { $0 = true } }
                return PodLogSource(existing: Array("hello\n".utf8), live: stream)
            }
        }
        _ = try await http.send("POST", Self.pods, body: Self.pod("web"))
        let fd = await Self.openFollow(port: server.port, path: Self.pods + "/web/log?follow=true", expected: "hello")
        // The client stays; shutting down must not wait for its never-ending log.
        let stopped = Mutex(false)
        let stopping = Task {
            await server.shutdown()
            stopped.withLock { $0 = true }
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline, !stopped.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(20)) }
        #expect(stopped.withLock { $0 }, "shutdown waited for a following log stream")
        #expect(ended.withLock { $0 })
        close(fd)
        await stopping.value
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
