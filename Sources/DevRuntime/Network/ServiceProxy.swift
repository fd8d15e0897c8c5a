import Logging
import Metrics
import NIOCore
import NIOPosix
import Synchronization

/// Errors of the dev kube-proxy.
public enum ServiceProxyError: Error, Sendable, Equatable {
    /// The route has no backend that accepted a connection (or none at all).
    case noBackend(listen: String)
    /// The listen or backend address is not an IP address.
    case invalidAddress(String)
}

/// The dev kube-proxy's data path: one TCP listener per `ServiceRoute`, bound exactly to `clusterIP:port`,
/// forwarding each accepted connection to one backend, round-robin. A backend that refuses the connection is
/// skipped for the next one; with no backend left the client's connection is closed at once. Bytes flow both
/// ways with backpressure and half-close (see `ProxySplice`).
public actor ServiceProxy {
    private let group: any EventLoopGroup
    private let connectTimeout: TimeAmount
    private let logger: Logger
    private var listeners: [String: ProxyListener] = [:]
    private let connections = ProxyConnections()
    private var stopped = false

    /// Creates a proxy with no listeners; `connectTimeout` bounds each backend connection attempt.
    public init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, connectTimeout: Duration = .seconds(2),
        logger: Logger = Logger(label: "filewallball.dev.proxy"))
    {
        self.group = group
        self.connectTimeout = .nanoseconds(Int64(connectTimeout.components.seconds) * 1_000_000_000
            + connectTimeout.components.attoseconds / 1_000_000_000)
        self.logger = logger
    }

    /// The addresses listened on now (`ip:port`), sorted.
    public var listenAddresses: [String] { listeners.keys.sorted() }

    /// Makes the listeners match `routes`: opens new ones, updates the backends of kept ones (new connections
    /// only), closes removed ones (their open connections may finish). Returns the listen addresses that could
    /// not be bound, with the error (they are tried again on the next update).
    @discardableResult
    public func update(_ routes: [ServiceRoute]) async -> [String: any Error] {
        guard !stopped else { return [:] }
        var wanted: [String: ServiceRoute] = [:]
        for route in routes { wanted[route.listenAddress] = route }
        for (address, listener) in listeners where wanted[address] == nil {
            listeners[address] = nil
            try? await listener.channel.close()
            logger.debug("service listener closed", metadata: ["listen": "\(address)"])
        }
        var failures: [String: any Error] = [:]
        for (address, route) in wanted.sorted(by: { $0.key < $1.key }) {
            if let existing = listeners[address] {
                existing.setBackends(route.backends)
                continue
            }
            do {
                listeners[address] = try await open(route)
                logger.debug("service listener opened", metadata: ["listen": "\(address)", "service": "\(route.namespace)/\(route.service)"])
            } catch {
                failures[address] = error
                logger.warning("service listener failed", metadata: ["listen": "\(address)", "error": "\(error)"])
            }
        }
        return failures
    }

    /// Closes every listener and every proxied connection; later updates do nothing.
    public func shutdown() async {
        stopped = true
        let all = listeners.values
        listeners = [:]
        for listener in all { try? await listener.channel.close() }
        for channel in connections.drain() { try? await channel.close() }
    }

    private func open(_ route: ServiceRoute) async throws -> ProxyListener {
        let address: SocketAddress
        do { address = try SocketAddress(ipAddress: route.listenHost, port: route.listenPort) } catch {
            throw ServiceProxyError.invalidAddress(route.listenAddress)
        }
        let backends = ProxyBackends(route.backends)
        let listen = route.listenAddress
        let timeout = connectTimeout
        let logger = self.logger
        let connections = self.connections
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { client in
                let order = backends.nextOrder()
                return Self.connect(order[...], listen: listen, on: client.eventLoop, timeout: timeout, logger: logger)
                    .flatMapThrowing { backend in
                        let outer = ProxySplice()
                        let inner = try backend.pipeline.syncOperations.handler(type: ProxySplice.self)
                        ProxySplice.link(outer, inner)
                        do {
                            try client.pipeline.syncOperations.addHandler(outer)
                        } catch {
                            backend.close(promise: nil)
                            throw error
                        }
                        connections.add(client)
                        connections.add(backend)
                        Counter(label: "devruntime_proxy_connections_total").increment()
                    }
            }
            .bind(to: address).get()
        return ProxyListener(channel: channel, backends: backends)
    }

    /// Connects to the first backend of `order` that accepts; the channel has a `ProxySplice` and autoRead off.
    private static func connect(_ order: ArraySlice<ServiceBackend>, listen: String, on eventLoop: any EventLoop,
        timeout: TimeAmount, logger: Logger) -> EventLoopFuture<any Channel>
    {
        guard let backend = order.first else { return eventLoop.makeFailedFuture(ServiceProxyError.noBackend(listen: listen)) }
        let address: SocketAddress
        do { address = try SocketAddress(ipAddress: backend.host, port: backend.port) } catch {
            return connect(order.dropFirst(), listen: listen, on: eventLoop, timeout: timeout, logger: logger)
        }
        return ClientBootstrap(group: eventLoop)
            .connectTimeout(timeout)
            .channelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .channelOption(ChannelOptions.autoRead, value: false)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(ProxySplice()) }
            }
            .connect(to: address)
            .flatMapError { error in
                logger.debug("backend refused", metadata: ["listen": "\(listen)", "backend": "\(backend)", "pod": "\(backend.podName)", "error": "\(error)"])
                return connect(order.dropFirst(), listen: listen, on: eventLoop, timeout: timeout, logger: logger)
            }
    }
}

/// One open listener and the backends it forwards to.
private struct ProxyListener: Sendable {
    let channel: any Channel
    let backends: ProxyBackends
    func setBackends(_ list: [ServiceBackend]) { backends.set(list) }
}

/// The backends of one listener and its round-robin position.
final class ProxyBackends: Sendable {
    private let state: Mutex<(list: [ServiceBackend], next: Int)>

    init(_ list: [ServiceBackend]) { state = Mutex((list, 0)) }

    func set(_ list: [ServiceBackend]) {
        state.withLock { s in
            if s.list != list { s = (list, 0) }
        }
    }

    /// Every backend, starting with the next one in turn (the rest are the fallbacks, in order).
    func nextOrder() -> [ServiceBackend] {
        state.withLock { s in
            guard !s.list.isEmpty else { return [] }
            let start = s.next % s.list.count
            s.next = (s.next + 1) % s.list.count
            return Array(s.list[start...] + s.list[..<start])
        }
    }
}

/// Open proxied channels, so `shutdown()` can close them.
final class ProxyConnections: Sendable {
    private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])

    func add(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        channels.withLock { $0[id] = channel }
        channel.closeFuture.whenComplete { [weak self] _ in self?.channels.withLock { _ = $0.removeValue(forKey: id) } }
    }

    func drain() -> [any Channel] {
        channels.withLock { all in
            defer { all = [:] }
            return Array(all.values)
        }
    }
}
