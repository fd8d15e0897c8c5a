import TestSupport
import Foundation
import Testing
import Synchronization
@testable import KubeClient

func eventLine(_ type: String, name: String, rv: String) -> String {
    #"{"type":"\#(type)","object":\#(configMapJSON(name: name, rv: rv))}"# + "\n"
}

@Suite struct WatchTests {
    @Test func decoderHandlesASplitAtEveryBytePosition() throws {
        let stream = Array((eventLine("ADDED", name: "a", rv: "1") + eventLine("MODIFIED", name: "a", rv: "2")).utf8)
        for split in 0...stream.count {
            var decoder = WatchLineDecoder()
            var values = try decoder.feed(stream[0..<split])
            values += try decoder.feed(stream[split...])
            #expect(values.count == 2, "split at \(split)")
            #expect(values.last?["object"]?["metadata"]?["resourceVersion"]?.stringValue == "2")
            #expect(decoder.pendingByteCount == 0)
        }
    }

    @Test func watchOverHTTPDecodesEventsSplitAcrossChunks() async throws {
        let payload = Array((eventLine("ADDED", name: "a", rv: "1") + #"{"type":"BOOKMARK","object":{"kind":"ConfigMap","metadata":{"resourceVersion":"2"}}}"# + "\n").utf8)
        let server = try ScriptedHTTPServer { request, connection in
            let split = Int(request.query["split"] ?? "0") ?? 0
            connection.startChunked()
            connection.chunk(Array(payload[0..<split]))
            Thread.sleep(forTimeInterval: 0.001)
            connection.chunk(Array(payload[split...]))
            connection.endChunked()
        }
        defer { server.stop() }
        let client = makeClient(server)
        // Every byte position over the real HTTP path (chunked transfer decoding included).
        for split in stride(from: 0, through: payload.count, by: 1) {
            let path = ConfigMap.descriptor.collectionPath(namespace: "team")
            let response = try await client.openStream(path: path, query: [("split", String(split))], watchTimeout: 5)
            var events: [WatchEvent<ConfigMap>] = []
            for try await event in WatchEventStream<ConfigMap>(response: response) { events.append(event) }
            #expect(events.count == 2, "split at \(split)")
            if case .added(let object) = events.first { #expect(object.name == "a") } else { Issue.record("first event not ADDED") }
            if case .bookmark(let rv) = events.last { #expect(rv == "2") } else { Issue.record("second event not BOOKMARK") }
        }
    }

    @Test func watchSendsBookmarkAndTimeoutParameters() async throws {
        let server = try ScriptedHTTPServer { _, connection in
            connection.startChunked()
            connection.chunk(Array(eventLine("ADDED", name: "a", rv: "4").utf8))
            connection.endChunked()
        }
        defer { server.stop() }
        let stream = try await makeClient(server).resource(ConfigMap.self).watch(options: WatchOptions(resourceVersion: "3", timeoutSeconds: 33))
        var count = 0
        for try await _ in stream { count += 1 }
        #expect(count == 1)
        let query = try #require(server.requests.first).query
        #expect(query["watch"] == "true")
        #expect(query["allowWatchBookmarks"] == "true")
        #expect(query["resourceVersion"] == "3")
        #expect(query["timeoutSeconds"] == "33")
    }

    @Test func inBandExpiredErrorIsSurfaced() async throws {
        let server = try ScriptedHTTPServer { _, connection in
            connection.startChunked()
            connection.chunk(Array((#"{"type":"ERROR","object":"# + statusJSON(code: 410, reason: "Expired", message: "too old resource version") + "}\n").utf8))
            connection.endChunked()
        }
        defer { server.stop() }
        let stream = try await makeClient(server).resource(ConfigMap.self).watch()
        var sawExpired = false
        for try await event in stream {
            if case .error(let error) = event { sawExpired = error.isResourceExpired }
        }
        #expect(sawExpired)
    }

    @Test func connectionResetMidWatchThrowsTransportError() async throws {
        let server = try ScriptedHTTPServer { _, connection in
            connection.startChunked()
            connection.chunk(Array(eventLine("ADDED", name: "a", rv: "1").utf8))
            connection.chunk(Array(#"{"type":"MODIFIED","obj"#.utf8))
            Thread.sleep(forTimeInterval: 0.05)
            connection.reset()
        }
        defer { server.stop() }
        let stream = try await makeClient(server).resource(ConfigMap.self).watch()
        var received = 0
        await #expect(throws: KubeTransportError.self) {
            for try await _ in stream { received += 1 }
        }
        #expect(received == 1)
    }
}

@Suite struct WatchTimeoutTests {
    @Test func watchIsNotCutByTheRequestTimeout() async throws {
        let server = try ScriptedHTTPServer { _, connection in
            connection.startChunked()
            for index in 1...4 {
                connection.chunk(Array(eventLine("MODIFIED", name: "a", rv: String(index)).utf8))
                Thread.sleep(forTimeInterval: 0.3)
            }
            connection.endChunked()
        }
        defer { server.stop() }
        let client = makeClient(server, requestTimeout: .milliseconds(500))
        var count = 0
        for try await _ in try await client.resource(ConfigMap.self).watch() { count += 1 }
        #expect(count == 4)
    }
}

@Suite struct WatchFlowControlTests {
    @Test func slowConsumerHoldsABoundedBuffer() async throws {
        let event = Array(eventLine("MODIFIED", name: "a", rv: "1").utf8)
        let total = 20000
        let server = try ScriptedHTTPServer { _, connection in
            connection.startChunked()
            var batch: [UInt8] = []
            for _ in 0..<total {
                batch += event
                if batch.count > 32 * 1024 {
                    connection.chunk(batch)
                    batch.removeAll()
                }
            }
            connection.chunk(batch)
            connection.endChunked()
        }
        defer { server.stop() }
        let client = makeClient(server)
        let response = try await client.openStream(path: "/api/v1/namespaces/team/configmaps", query: [("watch", "true")], watchTimeout: 30)
        // Let the server run far ahead of the reader: wait until the buffer has filled to its high-water mark.
        #expect(await pollUntil { response.body.peakBufferedBytes >= response.body.highWater })
        var count = 0
        for try await _ in WatchEventStream<ConfigMap>(response: response) {
            count += 1
            if count % 500 == 0 { try await Task.sleep(for: .milliseconds(5)) }
        }
        #expect(count == total)
        let bodyBytes = event.count * total
        #expect(bodyBytes > 2 * response.body.highWater, "the stream must be larger than the buffer for this test to mean anything")
        #expect(response.body.peakBufferedBytes <= response.body.highWater + 64 * 1024)
    }

    @Test func droppingTheStreamCancelsTheTransfer() async throws {
        let server = try ScriptedHTTPServer { _, connection in
            connection.startChunked()
            for index in 0..<50 {
                connection.chunk(Array(eventLine("MODIFIED", name: "a", rv: String(index)).utf8))
                Thread.sleep(forTimeInterval: 0.05)
            }
            connection.endChunked()
        }
        defer { server.stop() }
        let client = makeClient(server)
        let task = Task {
            var iterator = try await client.resource(ConfigMap.self).watch().makeAsyncIterator()
            return try await iterator.next() != nil
        }
        #expect(try await task.value)
        // The iterator is gone; a fresh request must still be served promptly by the shared loop.
        let started = ContinuousClock.now
        let second = try await client.resource(ConfigMap.self).watch(options: WatchOptions(timeoutSeconds: 5))
        var iterator = second.makeAsyncIterator()
        #expect(try await iterator.next() != nil)
        second.cancel()
        #expect(ContinuousClock.now - started < .seconds(2))
    }
}
