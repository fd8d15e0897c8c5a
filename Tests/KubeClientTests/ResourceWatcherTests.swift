import TestSupport
import Foundation
import Testing
import Synchronization
@testable import KubeClient

@Suite struct ResourceWatcherTests {
    /// Script: list (rv 10) → watch from 10 delivers rv 11 then resets → watch from 11 gets ERROR 410 →
    /// relist (rv 20) → watch from 20 ends normally (timeout rotation) → watch from 20 again stays open.
    @Test func resumesFromLastVersionAndRelistsOnExpiry() async throws {
        let watchCount = Atomic<Int>(0)
        let listCount = Atomic<Int>(0)
        let server = try ScriptedHTTPServer { request, connection in
            if request.query["watch"] == nil {
                let lists = listCount.add(1, ordering: .relaxed).newValue
                let rv = lists == 1 ? "10" : "20"
                connection.respond(status: 200, body: #"{"kind":"ConfigMapList","metadata":{"resourceVersion":"\#(rv)"},"items":[\#(configMapJSON(name: "a", rv: rv))]}"#)
                return
            }
            switch watchCount.add(1, ordering: .relaxed).newValue {
            case 1:
                connection.startChunked()
                connection.chunk(Array(eventLine("MODIFIED", name: "a", rv: "11").utf8))
                Thread.sleep(forTimeInterval: 0.05)
                connection.reset()
            case 2:
                connection.startChunked()
                connection.chunk(Array((#"{"type":"ERROR","object":"# + statusJSON(code: 410, reason: "Expired", message: "too old") + "}\n").utf8))
                connection.endChunked()
            case 3:
                connection.startChunked()
                connection.chunk(Array(eventLine("ADDED", name: "b", rv: "21").utf8))
                connection.endChunked()
            default:
                connection.startChunked()
                Thread.sleep(forTimeInterval: 2)
                connection.endChunked()
            }
        }
        defer { server.stop() }
        let clock = ManualKubeClock()
        let watcher = ResourceWatcher(resource: makeClient(server).resource(ConfigMap.self), clock: clock)
        var seen: [String] = []
        let stream = watcher.events()
        let ticker = Task { [clock] in
            while !Task.isCancelled {
                if clock.sleeperCount > 0 { clock.advance(by: .seconds(60)) }
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        defer { ticker.cancel() }
        for try await event in stream {
            switch event {
            case .listed(let items, let rv): seen.append("listed:\(items.count)@\(rv)")
            case .added(let object): seen.append("added:\(object.name)@\(object.resourceVersion ?? "")")
            case .modified(let object): seen.append("modified:\(object.name)@\(object.resourceVersion ?? "")")
            case .deleted(let object): seen.append("deleted:\(object.name)")
            }
            if seen.count == 4 { break }
        }
        #expect(seen == ["listed:1@10", "modified:a@11", "listed:1@20", "added:b@21"])
        let deadline = ContinuousClock.now + .seconds(5)
        while server.requests.filter({ $0.query["watch"] != nil }).count < 4, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        let watches = server.requests.filter { $0.query["watch"] != nil }.map { $0.query["resourceVersion"] ?? "" }
        #expect(Array(watches.prefix(4)) == ["10", "11", "20", "21"])
        #expect(listCount.load(ordering: .relaxed) == 2)
    }

    @Test func backoffGrowsWithJitterAndCaps() {
        let watcher = ResourceWatcher(resource: KubeClient(configuration: ClientConfiguration(server: "http://127.0.0.1:1")).resource(ConfigMap.self))
        for failures in 1...12 {
            let delay = watcher.backoff(failures: failures)
            let ceiling = min(Duration.milliseconds(800) * (1 << (failures - 1)), .seconds(30))
            #expect(delay <= ceiling)
            #expect(delay >= ceiling / 2)
        }
    }
}

@Suite struct ResourceWatcherExpiryTests {
    @Test func httpGoneOnWatchOpenRelists() async throws {
        let lists = Atomic<Int>(0)
        let server = try ScriptedHTTPServer { request, connection in
            if request.query["watch"] == nil {
                let count = lists.add(1, ordering: .relaxed).newValue
                connection.respond(status: 200, body: #"{"kind":"ConfigMapList","metadata":{"resourceVersion":"\#(count * 10)"},"items":[]}"#)
            } else if request.query["resourceVersion"] == "10" {
                connection.respond(status: 410, body: statusJSON(code: 410, reason: "Gone", message: "too old"))
            } else {
                connection.startChunked()
                Thread.sleep(forTimeInterval: 1)
                connection.endChunked()
            }
        }
        defer { server.stop() }
        let watcher = ResourceWatcher(resource: makeClient(server).resource(ConfigMap.self), clock: ManualKubeClock())
        var versions: [String] = []
        for try await event in watcher.events() {
            if case .listed(_, let rv) = event { versions.append(rv) }
            if versions.count == 2 { break }
        }
        #expect(versions == ["10", "20"])
    }

    @Test func inBandNonExpiryErrorResumesFromLastVersion() async throws {
        let watches = Atomic<Int>(0)
        let server = try ScriptedHTTPServer { request, connection in
            if request.query["watch"] == nil {
                connection.respond(status: 200, body: #"{"kind":"ConfigMapList","metadata":{"resourceVersion":"1"},"items":[]}"#)
                return
            }
            connection.startChunked()
            if watches.add(1, ordering: .relaxed).newValue == 1 {
                connection.chunk(Array(eventLine("ADDED", name: "a", rv: "2").utf8))
                connection.chunk(Array((#"{"type":"ERROR","object":"# + statusJSON(code: 500, reason: "InternalError", message: "etcd hiccup") + "}\n").utf8))
            } else {
                connection.chunk(Array(eventLine("ADDED", name: "b", rv: "3").utf8))
            }
            connection.endChunked()
        }
        defer { server.stop() }
        let clock = ManualKubeClock()
        let ticker = Task { [clock] in
            while !Task.isCancelled {
                if clock.sleeperCount > 0 { clock.advance(by: .seconds(60)) }
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        defer { ticker.cancel() }
        let watcher = ResourceWatcher(resource: makeClient(server).resource(ConfigMap.self), clock: clock)
        var names: [String] = []
        for try await event in watcher.events() {
            if case .added(let object) = event { names.append(object.name) }
            if names.count == 2 { break }
        }
        #expect(names == ["a", "b"])
        let resumed = server.requests.filter { $0.query["watch"] != nil }.map { $0.query["resourceVersion"] ?? "" }
        #expect(Array(resumed.prefix(2)) == ["1", "2"])
    }
}

@Suite struct ResourceWatcherShortWatchTests {
    @Test func emptyWatchesThatCloseAtOnceBackOff() async throws {
        let server = try ScriptedHTTPServer { request, connection in
            if request.query["watch"] == nil {
                connection.respond(status: 200, body: #"{"kind":"ConfigMapList","metadata":{"resourceVersion":"1"},"items":[]}"#)
            } else {
                connection.startChunked()
                connection.endChunked()
            }
        }
        defer { server.stop() }
        let clock = ManualKubeClock()
        let watcher = ResourceWatcher(resource: makeClient(server).resource(ConfigMap.self), clock: clock)
        let consumer = Task { for try await _ in watcher.events() {} }
        defer { consumer.cancel() }
        try await waitUntil { clock.sleeperCount == 1 }
        // The watcher now sleeps on the manual clock, which only advance() wakes: no second watch can start yet.
        let watches = server.requests.filter { $0.query["watch"] != nil }.count
        #expect(watches == 1, "the second watch waits for the backoff")
        clock.advance(by: .seconds(60))
        try await waitUntil { server.requests.filter { $0.query["watch"] != nil }.count == 2 }
    }
}

/// Polls a condition for up to five seconds.
func waitUntil(_ condition: @Sendable () -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(5)
    while !condition() {
        if ContinuousClock.now > deadline {
            Issue.record("condition not met in time")
            return
        }
        try await Task.sleep(for: .milliseconds(2))
    }
}
