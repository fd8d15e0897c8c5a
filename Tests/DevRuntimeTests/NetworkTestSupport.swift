import Foundation
import NIOCore
import NIOPosix
@testable import DevRuntime

/// A loopback TCP backend for proxy tests: greets with `NAME\n` as soon as a client connects (a server that
/// speaks first, like MariaDB), echoes every byte, and on the client's half-close answers `bye\n` and closes.
final class EchoBackend: Sendable {
    let channel: any Channel
    let host: String
    let port: Int
    let name: String

    private init(channel: any Channel, host: String, port: Int, name: String) {
        self.channel = channel
        self.host = host
        self.port = port
        self.name = name
    }

    static func start(name: String, host: String = NetworkTestAddresses.random(prefix: "127.10")) async throws -> EchoBackend {
        let channel = try await ServerBootstrap(group: NetworkTestLoops.group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(EchoHandler(name: name)) }
            }
            .bind(host: host, port: 0).get()
        return EchoBackend(channel: channel, host: host, port: channel.localAddress?.port ?? 0, name: name)
    }

    var backend: ServiceBackend { ServiceBackend(host: host, port: port, podName: name) }

    func stop() async { try? await channel.close() }
}

private final class EchoHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    let name: String
    init(name: String) { self.name = name }

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "\(name)\n")), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.write(data, promise: nil)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            let done = context.eventLoop.makePromise(of: Void.self)
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "bye\n")), promise: done)
            done.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }
}

/// The event loops of the network tests: their own, so that other code blocking the shared singleton's
/// threads in the same test process cannot stall the proxy under test.
enum NetworkTestLoops {
    static let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
}

/// Test addresses inside 127.0.0.0/8 (all loopback on Linux) and free ports on them.
enum NetworkTestAddresses {
    static func random(prefix: String) -> String {
        "\(prefix).\(Int.random(in: 1...250)).\(Int.random(in: 1...250))"
    }

    /// A port nothing listens on at `host` right now (bound, then released).
    static func freePort(host: String) async throws -> Int {
        let channel = try await ServerBootstrap(group: NetworkTestLoops.group).bind(host: host, port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        return port
    }
}

/// A TCP client: connects, sends `payload`, half-closes, and returns everything received until the server's EOF.
enum ProxyTestClient {
    static func roundTrip(host: String, port: Int, payload: [UInt8], timeout: Duration = .seconds(20)) async throws -> [UInt8] {
        let channel = try await ClientBootstrap(group: NetworkTestLoops.group)
            .channelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel,
                        configuration: .init(isOutboundHalfClosureEnabled: true))
                }
            }
        return try await withThrowingTaskGroup(of: [UInt8].self) { group in
            group.addTask {
                try await channel.executeThenClose { inbound, outbound in
                    try await withThrowingTaskGroup(of: Void.self) { writers in
                        writers.addTask {
                            var offset = 0
                            while offset < payload.count {
                                let end = min(offset + 65_536, payload.count)
                                try await outbound.write(ByteBuffer(bytes: payload[offset..<end]))
                                offset = end
                            }
                            outbound.finish()
                        }
                        var all: [UInt8] = []
                        for try await buffer in inbound { all += buffer.readableBytesView }
                        try? await writers.waitForAll()
                        return all
                    }
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw CancellationError()
            }
            defer { group.cancelAll() }
            return try await group.next() ?? []
        }
    }

    /// The text of a round trip with a short payload.
    static func text(host: String, port: Int, _ payload: String = "ping\n") async throws -> String {
        String(decoding: try await roundTrip(host: host, port: port, payload: Array(payload.utf8)), as: UTF8.self)
    }
}
