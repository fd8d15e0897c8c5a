import Foundation
import KubeClient
import KubeRuntime
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The local kubelet of `filewallball dev`: runs every Pod the API holds as sandboxed local processes and
/// reports their status, working only through the Kubernetes API (a watch on Pods, Secrets, ConfigMaps
/// and claims; Pod status written with server-side apply under the field manager
/// `filewallball-dev-kubelet`). Each Pod gets a loopback address of its own (`status.podIP`, from
/// `DevNetwork.podPrefix`).
public final class Kubelet: Sendable {
    private let context: KubeletContext
    private let pods: Informer<Pod>
    private let workers = Mutex<[String: PodWorker]>([:])
    private let addresses = Mutex<[String: String]>([:])
    private enum PodEvent: Sendable {
        case changed(Pod)
        case deleted(Pod)
    }
    private let events = AsyncStream<PodEvent>.makeStream()
    private let logger: Logger

    /// A kubelet over `client`, keeping its files under `layout`, reading caches of the given informers.
    public init(client: KubeClient, layout: DevLayout, catalog: ImageCatalog, settings: KubeletSettings = KubeletSettings(),
                bubblewrap: String = "/usr/bin/bwrap", pods: Informer<Pod>, secrets: Informer<Secret>, configMaps: Informer<ConfigMap>,
                claims: Informer<PersistentVolumeClaim>, hostsFile: @escaping @Sendable (String) -> String?, logger: Logger) {
        var logger = logger
        logger[metadataKey: "component"] = "kubelet"
        self.logger = logger
        self.pods = pods
        context = KubeletContext(
            client: client, catalog: catalog, layout: layout, settings: settings, bubblewrap: bubblewrap,
            sources: { namespace in
                var sources = ConfigSources()
                for secret in secrets.store.byIndex(ObjectStore<Secret>.namespaceIndex, namespace) { sources.secrets[secret.name] = ConfigSources.decode(secret) }
                for configMap in configMaps.store.byIndex(ObjectStore<ConfigMap>.namespaceIndex, namespace) { sources.configMaps[configMap.name] = ConfigSources.decode(configMap) }
                return sources
            },
            claim: { namespace, name in
                guard let claim = claims.store.get(namespace: namespace, name: name) else { return nil }
                guard claim.object["status"]?["phase"]?.stringValue == "Bound", let volume = claim.object["spec"]?["volumeName"]?.stringValue else { return .some(nil) }
                return .some(volume)
            },
            hostsFile: hostsFile,
            logger: logger)
        let continuation = events.continuation
        pods.addHandler(ResourceEventHandler(
            onAdd: { continuation.yield(.changed($0)) },
            onUpdate: { _, new in continuation.yield(.changed(new)) },
            onDelete: { continuation.yield(.deleted($0)) }))
    }

    /// Runs until cancelled; then stops every process it started.
    public func run() async {
        try? FileManager.default.createDirectory(atPath: "\(context.layout.runtime)/bin", withIntermediateDirectories: true)
        let healthcheck = "\(context.layout.runtime)/bin/healthcheck.sh"
        FileManager.default.createFile(atPath: healthcheck, contents: Data(MariaDBEntrypoint.healthcheckScript.utf8), attributes: [.posixPermissions: 0o755])
        try? FileManager.default.createDirectory(atPath: context.layout.hosts, withIntermediateDirectories: true)
        let reaped = LeftoverProcesses.reap(podsDirectory: context.layout.pods, bubblewrap: context.bubblewrap)
        if reaped > 0 { logger.warning("stopped processes left by an earlier run that did not shut down", metadata: ["count": "\(reaped)"]) }
        await withTaskCancellationHandler {
            for await event in events.stream {
                switch event {
                case .changed(let pod): await handle(pod, deleted: false)
                case .deleted(let pod): await handle(pod, deleted: true)
                }
            }
        } onCancel: {
            events.continuation.finish()
        }
        await stopAll()
    }

    /// Returns once every Pod the API held when the kubelet started has a status from this run (not ready
    /// until its probes pass again), so a resumed cluster never shows the previous run's readiness; at most
    /// `limit`.
    public func waitUntilResumed(limit: Duration = .seconds(15)) async {
        await pods.waitForSync()
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline, !Task.isCancelled {
            let pending = pods.store.list().filter { pod in
                let phase = pod.object["status"]?["phase"]?.stringValue
                return phase != "Succeeded" && phase != "Failed" && pod.metadata.deletionTimestamp == nil
            }
            var resumed = true
            for pod in pending {
                let key = "\(pod.metadata.namespace ?? "default")/\(pod.name)"
                guard let worker = workers.withLock({ $0[key] }), await worker.hasWrittenStatus else {
                    resumed = false
                    break
                }
            }
            if resumed { return }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    /// The log file of a Pod's container (for `kubectl logs`), nil when the Pod or container is unknown here.
    public func logFile(namespace: String, pod name: String, container: String?, previous: Bool) -> String? {
        guard let pod = pods.store.get(namespace: namespace, name: name) else { return nil }
        guard let containerName = container ?? pod.spec.containers.first?.name else { return nil }
        return context.layout.containerLog(namespace: namespace, name: name, uid: pod.metadata.uid ?? "", container: containerName, previous: previous)
    }

    private func handle(_ pod: Pod, deleted: Bool) async {
        let key = "\(pod.metadata.namespace ?? "default")/\(pod.name)"
        let uid = pod.metadata.uid ?? ""
        let existing = workers.withLock { $0[key] }
        if deleted || pod.metadata.deletionTimestamp != nil {
            guard let existing else { return }
            workers.withLock { $0[key] = nil }
            await existing.stop()
            await existing.removeFiles()
            addresses.withLock { _ = $0.removeValue(forKey: key) }
            logger.info("pod stopped", metadata: ["k8s.pod": "\(key)"])
            return
        }
        if let existing {
            if existing.uid == uid { return }
            // Same name, new Pod (a StatefulSet replacement): the old one's processes go first.
            workers.withLock { $0[key] = nil }
            await existing.stop()
            await existing.removeFiles()
        }
        // A Pod that already ended stays as it is.
        if let phase = pod.object["status"]?["phase"]?.stringValue, phase == "Succeeded" || phase == "Failed" { return }
        let address = allocateAddress(for: key, previous: pod.object["status"]?["podIP"]?.stringValue)
        let worker = PodWorker(pod: pod, podIP: address, context: context)
        workers.withLock { $0[key] = worker }
        logger.info("pod starting", metadata: ["k8s.pod": "\(key)", "pod.ip": "\(address)"])
        await worker.start()
    }

    /// The Pod's earlier address when it is free, else the lowest free one.
    private func allocateAddress(for key: String, previous: String?) -> String {
        addresses.withLock { addresses in
            let used = Set(addresses.values)
            let (first, second) = DevNetwork.podPrefix
            if let previous, previous.hasPrefix("\(first).\(second)."), !used.contains(previous) {
                addresses[key] = previous
                return previous
            }
            for index in 1..<65_535 {
                let candidate = "\(first).\(second).\(index >> 8).\(index & 0xff)"
                if index & 0xff == 0 || index & 0xff == 255 || used.contains(candidate) { continue }
                addresses[key] = candidate
                return candidate
            }
            return "\(first).\(second).255.254"
        }
    }

    private func stopAll() async {
        let all = workers.withLock { workers in
            defer { workers.removeAll() }
            return Array(workers.values)
        }
        await withTaskGroup(of: Void.self) { group in
            for worker in all { group.addTask { await worker.stop() } }
        }
        logger.info("kubelet stopped", metadata: ["pods": "\(all.count)"])
    }
}
