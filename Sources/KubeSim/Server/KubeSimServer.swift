import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import Synchronization

/// An embeddable Kubernetes API emulator listening on loopback.
///
/// ```swift
/// let sim = try await KubeSimServer.start(configuration: .init(listen: "127.0.0.1:0"))
/// try sim.writeKubeconfig(to: path)
/// await sim.shutdown()
/// ```
public final class KubeSimServer: Sendable {
    /// The bound port.
    public let port: Int
    /// `http(s)://127.0.0.1:PORT`.
    public let baseURL: String
    /// The bearer token clients should send.
    public let token: String
    /// PEM of the generated CA when TLS is on.
    public let caCertificatePEM: String?
    /// Knobs of the simulated controllers (deployment readiness, job outcomes, cron runs).
    public let controllers: SimulatedControllers
    /// The clock used by the server.
    public let clock: any KubeSimClock
    /// Every request served (user, verb, resource, namespace, name, code), bounded.
    public let requestLog: RequestLog

    let cluster: Cluster
    private let serviceGroup: ServiceGroup
    private let runTask: Task<Void, Never>
    private let persistTask: Task<Void, Never>?
    private let persistence: Persistence?
    private let stopped = Mutex(false)
    private let logFollowers: LogFollowers

    private init(host: String, port: Int, scheme: String, token: String, caPEM: String?, cluster: Cluster, controllers: SimulatedControllers, requestLog: RequestLog,
        serviceGroup: ServiceGroup, runTask: Task<Void, Never>, persistence: Persistence?, persistTask: Task<Void, Never>?, logFollowers: LogFollowers)
    {
        self.logFollowers = logFollowers
        self.port = port
        self.baseURL = "\(scheme)://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        self.token = token
        self.caCertificatePEM = caPEM
        self.cluster = cluster
        self.controllers = controllers
        self.requestLog = requestLog
        self.clock = cluster.clock
        self.serviceGroup = serviceGroup
        self.runTask = runTask
        self.persistence = persistence
        self.persistTask = persistTask
    }

    /// Starts the server and returns once it is accepting connections.
    public static func start(configuration: KubeSimConfiguration, logger: Logger = Logger(label: "kubesim")) async throws -> KubeSimServer {
        let listen = configuration.listen.hasPrefix("[::1]:") ? "::1" + configuration.listen.dropFirst(5) : configuration.listen
        var parts = listen.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 2, let last = parts.last { parts = [parts.dropLast().joined(separator: ":"), last] }
        guard parts.count == 2, let port = Int(parts[1]), port >= 0, port < 65536 else {
            throw KubeSimError(code: "invalid_listen", message: "--listen must be HOST:PORT, got \(configuration.listen)")
        }
        let host = parts[0] == "localhost" ? "127.0.0.1" : String(parts[0])
        guard host == "127.0.0.1" || host == "localhost" || host == "::1" else {
            throw KubeSimError(code: "invalid_listen", message: "KubeSim only listens on loopback, got \(host)")
        }
        let serviceIPRange = try ServiceIPRange(parsing: configuration.serviceCIDR)
        let cluster = Cluster(clock: configuration.clock, historyLimit: configuration.historyLimit,
            bookmarkInterval: configuration.bookmarkInterval, serviceIPRange: serviceIPRange)
        var persistence: Persistence?
        if let dir = configuration.dataDirectory {
            let p = Persistence(directory: dir)
            try p.load(into: cluster)
            persistence = p
        }
        cluster.bootstrap()
        let token = configuration.token ?? UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let requestLog = RequestLog(capacity: configuration.requestLogLimit)
        let outcomeRules = JobOutcomeRules()
        let handler = APIHandler(cluster: cluster, token: token, requireToken: configuration.requireToken, users: configuration.users,
            requestLog: requestLog, outcomeRules: outcomeRules, podLogs: configuration.podLogs, logger: logger)
        var server = HTTPServerBuilder.http1()
        var caPEM: String?
        if configuration.tls {
            let dir = configuration.dataDirectory.map { ($0 as NSString).appendingPathComponent("tls") }
                ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("kubesim-tls-\(UUID().uuidString)")
            let material = try TLSMaterial.make(in: dir)
            let chain = try NIOSSLCertificate.fromPEMBytes(Array(material.certificatePEM.utf8))
            let key = try NIOSSLPrivateKey(bytes: Array(material.keyPEM.utf8), format: .pem)
            let tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
            server = try .tls(.http1(), tlsConfiguration: tls)
            caPEM = material.caPEM
        }
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Result<Int, any Error>.self)
        let app = Application(responder: KubeResponder(handler: handler), server: server,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in portContinuation.yield(.success(channel.localAddress?.port ?? 0)) },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let runTask = Task {
            do { try await group.run() } catch { portContinuation.yield(.failure(error)) }
            portContinuation.finish()
        }
        var bound: Int?
        for await result in portStream {
            switch result {
            case .success(let p): bound = p
            case .failure(let e): throw KubeSimError(code: "listen_failed", message: "\(e)")
            }
            break
        }
        guard let bound else { throw KubeSimError(code: "listen_failed", message: "server stopped before listening") }
        let controllers = SimulatedControllers(cluster: cluster, settings: configuration.simulation, outcomeRules: outcomeRules)
        controllers.start()
        var persistTask: Task<Void, Never>?
        if let persistence {
            persistTask = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(500))
                    do { try persistence.saveIfDirty(cluster) } catch { logger.error("persistence failed", metadata: ["error": "\(error)"]) }
                }
            }
        }
        logger.info("kubesim listening", metadata: ["port": "\(bound)", "tls": "\(configuration.tls)"])
        return KubeSimServer(host: host, port: bound, scheme: configuration.tls ? "https" : "http", token: token, caPEM: caPEM,
            cluster: cluster, controllers: controllers, requestLog: requestLog, serviceGroup: group, runTask: runTask, persistence: persistence,
            persistTask: persistTask, logFollowers: handler.logFollowers)
    }

    /// Writes a kubeconfig for this server (atomically).
    public func writeKubeconfig(to path: String) throws {
        try Kubeconfig.write(kubeconfigYAML, to: path)
    }

    /// The kubeconfig text for this server.
    public var kubeconfigYAML: String {
        Kubeconfig.render(server: baseURL, token: token, caPEM: caCertificatePEM)
    }

    /// Drops retained watch history so watches from older resourceVersions get 410 Gone.
    public func compactHistory() {
        cluster.compact()
    }

    /// The current cluster-wide resourceVersion.
    public var currentResourceVersion: Int64 { cluster.currentRV }

    /// Stops serving: ends watches, stops controllers, flushes persistence.
    public func shutdown() async {
        let first = stopped.withLock { s -> Bool in
            defer { s = true }
            return !s
        }
        guard first else { return }
        controllers.stop()
        persistTask?.cancel()
        cluster.stopAllWatches()
        logFollowers.endAll()
        await serviceGroup.triggerGracefulShutdown()
        await runTask.value
        // Wait for an in-flight snapshot before writing the final one, so the newest state wins.
        await persistTask?.value
        try? persistence?.saveIfDirty(cluster)
    }

    /// Waits until the server stops.
    public func waitUntilStopped() async {
        await runTask.value
    }
}
