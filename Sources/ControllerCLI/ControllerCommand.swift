import ArgumentParser
import Dispatch
import Foundation
import KubeClient
import KubeRuntime
import Logging
import Operator
import ProcessSupport
import Prometheus

/// `filewallball controller`: the operator process (leader election, informers, controllers, probes, metrics).
///
/// `/readyz` answers 200 once the API server has answered `/version` and every informer has synced
/// (`ControllerManager.isReady`), 503 before and while shutting down. Under `--leader-elect` every replica
/// runs the informers and only the leader runs controllers, so a standby whose caches synced is ready too,
/// as with controller-runtime: readiness says "this process works and can take over", the Lease says who
/// reconciles.
public struct ControllerCommand: AsyncParsableCommand, Sendable {
    public static let configuration = CommandConfiguration(
        commandName: "controller",
        abstract: "Run the FileWallBall operator against a Kubernetes cluster.")

    @Option(name: .long, help: ArgumentHelp("Path to a kubeconfig file; omit inside a pod to use in-cluster config.", valueName: "PATH"))
    var kubeconfig: String?

    @Option(name: .long, help: ArgumentHelp("kubeconfig context to use instead of current-context.", valueName: "NAME"))
    var context: String?

    @Option(name: .long, help: ArgumentHelp("Namespace override (default: the context's or the pod's).", valueName: "NS"))
    var namespace: String?

    @Option(name: .customLong("watch-namespace"), help: ArgumentHelp("Reconcile only this namespace's objects (default: every namespace).", valueName: "NS"))
    var watchNamespace: String?

    @Option(help: ArgumentHelp("Concurrent reconciles per kind.", valueName: "N"))
    var workers = 4

    @Flag(name: .customLong("leader-elect"), help: "Hold the filewallball-controller Lease before reconciling.")
    var leaderElect = false

    @Option(name: .customLong("leader-election-namespace"), help: ArgumentHelp("Namespace of the Lease (default: the namespace in use).", valueName: "NS"))
    var leaderElectionNamespace: String?

    @Option(name: .customLong("health-listen"), help: ArgumentHelp("Address for /healthz and /readyz.", valueName: "HOST:PORT"))
    var healthListen = "0.0.0.0:8081"

    @Option(name: .customLong("metrics-listen"), help: ArgumentHelp("Address for Prometheus /metrics.", valueName: "HOST:PORT"))
    var metricsListen = "0.0.0.0:8080"

    @OptionGroup(title: "Logging")
    var logging: LoggingOptions

    /// Name of the leader-election Lease.
    static let leaseName = "filewallball-controller"

    /// Creates the command with its default flag values (ArgumentParser fills in the parsed ones).
    public init() {}

    public func validate() throws {
        guard (1...64).contains(workers) else { throw ValidationError("--workers must be between 1 and 64") }
        guard ProbeServer.parse(listen: healthListen) != nil else { throw ValidationError("--health-listen must be HOST:PORT") }
        guard ProbeServer.parse(listen: metricsListen) != nil else { throw ValidationError("--metrics-listen must be HOST:PORT") }
    }

    public func run() async throws {
        let process = try ProcessBootstrap.bootstrap(logging)
        let logger = Logger(label: "filewallball.controller")

        let configuration = try ClientConfiguration.resolve(kubeconfig: kubeconfig, context: context, namespace: namespace)
        let client = KubeClient(configuration: configuration, logger: logger)
        let manager = ControllerManager(logger: logger)
        // Ready only once the API server has answered and every informer has synced.
        manager.addReadinessCheck("apiserver") { _ = try await client.getRaw(path: "/version") }
        let identity = Self.identity()
        let recorder = EventRecorder(client: client, component: Self.leaseName, host: identity)
        OperatorControllers.register(on: manager, client: client, namespace: watchNamespace.flatMap { $0.isEmpty ? nil : $0 },
                                     recorder: recorder, workers: workers, logger: logger)

        let servers = try startServers(registry: process.registry, manager: manager)
        defer { servers.forEach { $0.stop() } }

        logger.info("controller starting", metadata: [
            "k8s.server": "\(configuration.server)", "k8s.namespace": "\(configuration.namespace)",
            "leader.elect": "\(leaderElect)", "leader.identity": "\(identity)",
        ])

        let work = Task {
            guard leaderElect else {
                await manager.run()
                return false
            }
            var election = LeaderElectionConfig(
                leaseName: Self.leaseName, namespace: leaderElectionNamespace ?? configuration.namespace, identity: identity)
            election.releaseOnCancel = true
            let elector = LeaderElector(client: client, config: election, logger: logger)
            // Every replica runs the caches (so a standby is ready and warm); only the leader runs controllers.
            return await withTaskGroup(of: Bool.self) { group in
                group.addTask {
                    await manager.runCaches()
                    return false
                }
                group.addTask {
                    await elector.run { await manager.runControllers() }
                    return !Task.isCancelled
                }
                let lost = await group.next() ?? false
                group.cancelAll()
                return lost
            }
        }
        let signals = ShutdownSignals { signal in
            logger.info("shutdown signal received", metadata: ["signal": "\(signal)"])
            work.cancel()
        }
        defer { signals.stop() }
        let lostLeadership = await work.value
        if lostLeadership {
            logger.error("leadership lost; exiting so a fresh process campaigns again")
            throw ExitCode(1)
        }
        logger.info("controller stopped cleanly")
    }

    private func startServers(registry: PrometheusCollectorRegistry, manager: ControllerManager) throws -> [ProbeServer] {
        let health = ProbeServer.healthHandler { manager.isReady }
        let metrics: ProbeServer.Handler = { path in
            guard path == "/metrics" else { return health(path) }
            var response = ProbeServer.Response(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", body: "")
            response.body = registry.emitToBuffer()
            return response
        }
        if healthListen == metricsListen, let address = ProbeServer.parse(listen: healthListen) {
            return [try ProbeServer(host: address.host, port: address.port, handler: metrics)]
        }
        guard let healthAddress = ProbeServer.parse(listen: healthListen), let metricsAddress = ProbeServer.parse(listen: metricsListen) else {
            throw ValidationError("listen addresses must be HOST:PORT")
        }
        let healthServer = try ProbeServer(host: healthAddress.host, port: healthAddress.port, handler: health)
        do {
            return [healthServer, try ProbeServer(host: metricsAddress.host, port: metricsAddress.port, handler: metrics)]
        } catch {
            healthServer.stop()
            throw error
        }
    }

    /// `hostname_random`, unique per process like client-go's recommended identity.
    static func identity() -> String {
        let host = ProcessInfo.processInfo.hostName
        return "\(host)_\(UUID().uuidString.prefix(8).lowercased())"
    }
}
