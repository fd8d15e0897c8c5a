import Foundation
import KubeClient
import KubeRuntime
import Logging
import Synchronization

/// The dev kube-proxy and cluster DNS: watches Services and Pods in every namespace (informers, through the
/// Kubernetes API only) and keeps the `ServiceProxy` routes and one hosts file per namespace
/// (`hostsDirectory/NAMESPACE.hosts`, see `ClusterHosts`) current, debounced. A listener that could not be
/// bound (its address in use) is tried again every `retryInterval`. With `writeEndpoints` it also writes each
/// selector Service's Endpoints object (`ServiceEndpoints`), for `kubectl describe svc` and `get endpoints`.
///
/// ```swift
/// let proxy = ServiceProxy()
/// let network = ServiceNetwork(client: client, proxy: proxy, hostsDirectory: dir)
/// let task = Task { await network.run() }
/// let hosts = try network.prepareHostsFile(namespace: "demo")   // bind-mount it read-only as /etc/hosts
/// …
/// task.cancel(); await task.value; await proxy.shutdown()
/// ```
public final class ServiceNetwork: Sendable {
    /// The Services informer (all namespaces).
    public let services: Informer<Service>
    /// The Pods informer (all namespaces).
    public let pods: Informer<Pod>
    /// Whether `run()` runs the Pods informer (false when it is shared and run elsewhere).
    private let runsPods: Bool
    /// Where the hosts files are written.
    public let hostsDirectory: String
    private let proxy: ServiceProxy
    private let endpointsClient: ResourceClient<GenericResource>?
    private let debounce: Duration
    private let retryInterval: Duration
    private let logger: Logger
    private let state = Mutex(NetworkState())
    private let changes: AsyncStream<Void>
    private let changed: AsyncStream<Void>.Continuation

    private struct NetworkState {
        var written: [String: String] = [:]
        var routes: [ServiceRoute] = []
        var passes = 0
        var listenFailures = 0
        /// The Endpoints last applied, by `namespace/name`.
        var endpoints: [String: GenericResource] = [:]
    }

    /// Creates the network controller; nothing runs before `run()`.
    /// With `sharedPods`, the Pods informer of another part of the runtime is used (and run by it) instead
    /// of a second watch on every Pod.
    public init(client: KubeClient, proxy: ServiceProxy, hostsDirectory: String, debounce: Duration = .milliseconds(50),
        retryInterval: Duration = .seconds(2), writeEndpoints: Bool = true, sharedPods: Informer<Pod>? = nil,
        logger: Logger = Logger(label: "filewallball.dev.network"))
    {
        self.retryInterval = retryInterval
        endpointsClient = writeEndpoints ? client.resource(GenericResource.self, descriptor: ServiceEndpoints.descriptor) : nil
        let all = WatcherOptions(namespace: "")
        services = Informer(resource: client.resource(Service.self), options: all, transform: Informer<Service>.stripManagedFields, logger: logger)
        runsPods = sharedPods == nil
        pods = sharedPods ?? Informer(resource: client.resource(Pod.self), options: all, transform: Informer<Pod>.stripManagedFields, logger: logger)
        self.hostsDirectory = hostsDirectory
        self.proxy = proxy
        self.debounce = debounce
        self.logger = logger
        (changes, changed) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// The hosts file of a namespace (written by `run()` for every namespace with Services or Pods).
    public func hostsPath(namespace: String) -> String {
        (hostsDirectory as NSString).appendingPathComponent("\(namespace).hosts")
    }

    /// The routes last given to the proxy.
    public var routes: [ServiceRoute] { state.withLock { $0.routes } }

    /// How many times routes and hosts files were recomputed (for tests and diagnostics).
    public var passes: Int { state.withLock { $0.passes } }

    /// Writes a namespace's hosts file now from what the informers hold (before a Pod's sandbox bind-mounts
    /// it; `run()` keeps it current afterwards) and returns its path.
    @discardableResult
    public func prepareHostsFile(namespace: String) throws -> String {
        try FileManager.default.createDirectory(atPath: hostsDirectory, withIntermediateDirectories: true)
        let content = ClusterHosts.render(namespace: namespace, services: services.store.list(), pods: pods.store.list())
        try writeIfChanged(namespace: namespace, content: content)
        return hostsPath(namespace: namespace)
    }

    /// Runs the informers and applies every change (debounced) until the task is cancelled. Call it once.
    public func run() async {
        let trigger = ResourceEventHandler<Service>(onAdd: { [changed] _ in _ = changed.yield() },
            onUpdate: { [changed] _, _ in _ = changed.yield() }, onDelete: { [changed] _ in _ = changed.yield() })
        let podTrigger = ResourceEventHandler<Pod>(onAdd: { [changed] _ in _ = changed.yield() },
            onUpdate: { [changed] old, new in if Self.networkRelevant(old, new) { _ = changed.yield() } },
            onDelete: { [changed] _ in _ = changed.yield() })
        services.addHandler(trigger)
        pods.addHandler(podTrigger)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.services.run() }
            if runsPods { group.addTask { await self.pods.run() } }
            group.addTask {
                // Listeners that could not be bound (address in use) are tried again.
                while !Task.isCancelled {
                    try? await Task.sleep(for: self.retryInterval)
                    if self.state.withLock({ $0.listenFailures > 0 }) { _ = self.changed.yield() }
                }
            }
            group.addTask {
                await self.services.waitForSync()
                await self.pods.waitForSync()
                _ = self.changed.yield()
                for await _ in self.changes {
                    if Task.isCancelled { break }
                    try? await Task.sleep(for: self.debounce)
                    await self.apply()
                }
            }
            await group.waitForAll()
        }
    }

    /// Recomputes routes and hosts files from the caches and applies them.
    public func apply() async {
        let allServices = services.store.list()
        let allPods = pods.store.list()
        let routes = ServiceRoutes.routes(services: allServices, pods: allPods)
        let failures = await proxy.update(routes)
        var namespaces = Set(allServices.compactMap(\.namespace)).union(allPods.compactMap(\.namespace))
        namespaces.formUnion(state.withLock { Array($0.written.keys) })
        do {
            try FileManager.default.createDirectory(atPath: hostsDirectory, withIntermediateDirectories: true)
            for ns in namespaces.sorted() {
                try writeIfChanged(namespace: ns, content: ClusterHosts.render(namespace: ns, services: allServices, pods: allPods))
            }
        } catch {
            logger.error("hosts files not written", metadata: ["directory": "\(hostsDirectory)", "error": "\(error)"])
        }
        await writeEndpoints(services: allServices, pods: allPods)
        state.withLock {
            $0.routes = routes
            $0.passes += 1
            $0.listenFailures = failures.count
        }
        logger.debug("service network applied", metadata: ["routes": "\(routes.count)", "namespaces": "\(namespaces.count)",
            "listenFailures": "\(failures.count)"])
    }

    /// Applies the Endpoints of every Service with a selector that changed since the last pass (server-side
    /// apply as `filewallball-dev-endpoints`); those of removed Services go with them (owner reference).
    private func writeEndpoints(services: [Service], pods: [Pod]) async {
        guard let endpointsClient else { return }
        var desired: [String: GenericResource] = [:]
        for service in services {
            if let e = ServiceEndpoints.endpoints(for: service, pods: pods) { desired["\(service.namespace ?? "")/\(service.name)"] = e }
        }
        let previous = state.withLock { $0.endpoints }
        var applied = previous.filter { desired[$0.key] != nil }
        for (key, object) in desired.sorted(by: { $0.key < $1.key }) where previous[key] != object {
            do {
                _ = try await endpointsClient.apply(object, fieldManager: "filewallball-dev-endpoints", force: true)
                applied[key] = object
            } catch {
                applied[key] = nil
                logger.warning("endpoints not written", metadata: ["service": "\(key)", "error": "\(error)"])
            }
        }
        state.withLock { $0.endpoints = applied }
    }

    private func writeIfChanged(namespace: String, content: String) throws {
        let path = hostsPath(namespace: namespace)
        let unchanged = state.withLock { $0.written[namespace] == content }
        if unchanged, FileManager.default.fileExists(atPath: path) { return }
        try HostsFileWriter.write(content, to: path)
        state.withLock { $0.written[namespace] = content }
    }

    /// Whether a Pod update can change routes or names (IP, phase, readiness, labels, deletion, hostname).
    static func networkRelevant(_ old: Pod, _ new: Pod) -> Bool {
        old.status.podIP != new.status.podIP || old.status.phase != new.status.phase
            || ServiceRoutes.isReady(old) != ServiceRoutes.isReady(new) || old.metadata.labels != new.metadata.labels
            || old.metadata.deletionTimestamp != new.metadata.deletionTimestamp
            || old.spec.object.string("hostname") != new.spec.object.string("hostname")
            || old.spec.object.string("subdomain") != new.spec.object.string("subdomain")
            || old.spec.containers.map(\.ports) != new.spec.containers.map(\.ports)
    }
}
