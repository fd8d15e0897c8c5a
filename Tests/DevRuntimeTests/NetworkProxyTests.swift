import Foundation
import NIOCore
import NIOPosix
import TestSupport
import Testing
@testable import DevRuntime

/// The dev kube-proxy's data path with real loopback TCP servers behind it.
@Suite struct NetworkProxyTests {
    static func route(_ listenHost: String, _ listenPort: Int, _ backends: [ServiceBackend]) -> ServiceRoute {
        ServiceRoute(namespace: "default", service: "echo", listenHost: listenHost, listenPort: listenPort, backends: backends)
    }

    @Test func forwardsBothWaysWithHalfClose() async throws {
        let a = try await EchoBackend.start(name: "a")
        let proxy = ServiceProxy(group: NetworkTestLoops.group)
        let host = NetworkTestAddresses.random(prefix: "127.20")
        let port = try await NetworkTestAddresses.freePort(host: host)
        try await withCleanup({ await proxy.shutdown(); await a.stop() }) { () async throws in
            #expect(await proxy.update([Self.route(host, port, [a.backend])]).isEmpty)
            #expect(await proxy.listenAddresses == ["\(host):\(port)"])
            // Greeting (server speaks first), echo, then the backend's answer to our half-close, then EOF.
            #expect(try await ProxyTestClient.text(host: host, port: port) == "a\nping\nbye\n")
            // Bound exactly to the cluster IP: another loopback address on that port is not served.
            await #expect(throws: (any Error).self) { _ = try await ProxyTestClient.text(host: "127.0.0.1", port: port) }
        }
    }

    @Test func largeTransferKeepsEveryByteInOrder() async throws {
        let a = try await EchoBackend.start(name: "a")
        let proxy = ServiceProxy(group: NetworkTestLoops.group)
        let host = NetworkTestAddresses.random(prefix: "127.20")
        let port = try await NetworkTestAddresses.freePort(host: host)
        try await withCleanup({ await proxy.shutdown(); await a.stop() }) { () async throws in
            await proxy.update([Self.route(host, port, [a.backend])])
            // 8 MiB: far beyond socket buffers and NIO's write watermarks, so reading is paused and resumed.
            var payload = [UInt8](repeating: 0, count: 8 << 20)
            for i in payload.indices { payload[i] = UInt8(truncatingIfNeeded: i &* 2_654_435_761 >> 7) }
            let received = try await ProxyTestClient.roundTrip(host: host, port: port, payload: payload)
            #expect(received.count == 2 + payload.count + 4)
            #expect(Array(received.prefix(2)) == Array("a\n".utf8))
            #expect(Array(received.dropFirst(2).prefix(payload.count)) == payload)
            #expect(Array(received.suffix(4)) == Array("bye\n".utf8))
        }
    }

    @Test func roundRobinAndFailover() async throws {
        let a = try await EchoBackend.start(name: "a")
        let b = try await EchoBackend.start(name: "b")
        let deadHost = NetworkTestAddresses.random(prefix: "127.10")
        let dead = ServiceBackend(host: deadHost, port: try await NetworkTestAddresses.freePort(host: deadHost), podName: "dead")
        let proxy = ServiceProxy(group: NetworkTestLoops.group)
        let host = NetworkTestAddresses.random(prefix: "127.20")
        let port = try await NetworkTestAddresses.freePort(host: host)
        try await withCleanup({ await proxy.shutdown(); await a.stop(); await b.stop() }) { () async throws in
            await proxy.update([Self.route(host, port, [a.backend, b.backend])])
            var greetings: [String] = []
            for _ in 0..<4 { greetings.append(String(try await ProxyTestClient.text(host: host, port: port).prefix(1))) }
            #expect(greetings == ["a", "b", "a", "b"])
            // A backend that refuses is skipped: every connection still lands on a live one.
            await proxy.update([Self.route(host, port, [dead, a.backend, b.backend])])
            var seen: [String] = []
            for _ in 0..<6 { seen.append(String(try await ProxyTestClient.text(host: host, port: port).prefix(1))) }
            #expect(Set(seen) == ["a", "b"])
            #expect(seen.filter { $0 == "a" }.count == 4)   // dead's turns fall to a, the next in order
            // One backend goes away.
            await b.stop()
            for _ in 0..<3 {
                let text = try await ProxyTestClient.text(host: host, port: port)
                #expect(text == "a\nping\nbye\n")
            }
        }
    }

    @Test func noBackendClosesAtOnceAndRemovedRoutesStopListening() async throws {
        let proxy = ServiceProxy(group: NetworkTestLoops.group)
        let host = NetworkTestAddresses.random(prefix: "127.20")
        let port = try await NetworkTestAddresses.freePort(host: host)
        let deadHost = NetworkTestAddresses.random(prefix: "127.10")
        let dead = ServiceBackend(host: deadHost, port: try await NetworkTestAddresses.freePort(host: deadHost), podName: "dead")
        try await withCleanup({ await proxy.shutdown() }) { () async throws in
            await proxy.update([Self.route(host, port, [])])
            let started = ContinuousClock.now
            let empty = try? await ProxyTestClient.roundTrip(host: host, port: port, payload: Array("x".utf8))
            #expect(empty == nil || empty == [])
            #expect(ContinuousClock.now - started < .seconds(2))
            await proxy.update([Self.route(host, port, [dead])])
            let refused = try? await ProxyTestClient.roundTrip(host: host, port: port, payload: Array("x".utf8))
            #expect(refused == nil || refused == [])
            await proxy.update([])
            #expect(await proxy.listenAddresses.isEmpty)
            await #expect(throws: (any Error).self) { _ = try await ProxyTestClient.text(host: host, port: port) }
        }
    }

    @Test func removedRouteLetsOpenConnectionsFinish() async throws {
        let a = try await EchoBackend.start(name: "a")
        let proxy = ServiceProxy(group: NetworkTestLoops.group)
        let host = NetworkTestAddresses.random(prefix: "127.20")
        let port = try await NetworkTestAddresses.freePort(host: host)
        try await withCleanup({ await proxy.shutdown(); await a.stop() }) { () async throws in
            await proxy.update([Self.route(host, port, [a.backend])])
            let channel = try await ClientBootstrap(group: NetworkTestLoops.group)
                .channelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel,
                            configuration: .init(isOutboundHalfClosureEnabled: true))
                    }
                }
            let text = try await channel.executeThenClose { inbound, outbound in
                var iterator = inbound.makeAsyncIterator()
                var got = String(buffer: try await iterator.next() ?? ByteBuffer())   // the greeting: connected
                await proxy.update([])
                try await outbound.write(ByteBuffer(string: "after\n"))
                outbound.finish()
                while let more = try await iterator.next() { got += String(buffer: more) }
                return got
            }
            #expect(text == "a\nafter\nbye\n")
        }
    }
}
