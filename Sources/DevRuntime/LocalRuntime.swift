import Foundation
import KubeClient
import KubeRuntime
import Logging

/// Everything `filewallball dev` runs instead of a cluster's nodes and built-in controllers: the
/// Deployment, StatefulSet and Job controllers (creating Pods through the API) and the local kubelet
/// (running them as processes). It talks to the API server only through `client`, as a kubelet and
/// kube-controller-manager would; the API server is configured not to simulate these kinds itself.
public final class LocalRuntime: Sendable {
    /// The local kubelet (also the source of `kubectl logs`).
    public let kubelet: Kubelet
    /// The kube-proxy and DNS stand-in (Service addresses answer from the host; hosts files for Pods).
    public let network: ServiceNetwork
    private let proxy: ServiceProxy
    private let manager: ControllerManager

    /// A runtime against `client`, with its files under `layout`.
    public init(client: KubeClient, layout: DevLayout, catalog: ImageCatalog, settings: KubeletSettings = KubeletSettings(),
                bubblewrap: String = "/usr/bin/bwrap", logger: Logger = Logger(label: "filewallball.dev")) {
        func informer<R: KubeResource>(_ type: R.Type) -> Informer<R> {
            Informer(resource: client.resource(R.self), transform: Informer<R>.stripManagedFields, logger: logger)
        }
        let pods = informer(Pod.self)
        let secrets = informer(Secret.self)
        let configMaps = informer(ConfigMap.self)
        let claims = informer(PersistentVolumeClaim.self)
        let deployments = informer(Deployment.self)
        let statefulSets = informer(StatefulSet.self)
        let jobs = informer(Job.self)
        let caches = WorkloadCaches(client: client, deployments: deployments, statefulSets: statefulSets, jobs: jobs, pods: pods, claims: claims, logger: logger)
        let proxy = ServiceProxy()
        let network = ServiceNetwork(client: client, proxy: proxy, hostsDirectory: layout.hosts, sharedPods: pods, logger: logger)
        self.proxy = proxy
        self.network = network
        kubelet = Kubelet(client: client, layout: layout, catalog: catalog, settings: settings, bubblewrap: bubblewrap,
                          pods: pods, secrets: secrets, configMaps: configMaps, claims: claims,
                          hostsFile: { namespace in try? network.prepareHostsFile(namespace: namespace) }, logger: logger)

        manager = ControllerManager(logger: logger)
        for informer in [pods, secrets, configMaps, claims, deployments, statefulSets, jobs] as [any RunnableInformer] { informer.add(to: manager) }
        let deploymentController = Controller(name: "dev-deployment", reconciler: DeploymentReconciler(caches: caches), workers: 2, logger: logger)
        deploymentController.watches(deployments)
        deploymentController.owns(pods, ownerKind: "Deployment", ownerAPIGroup: "apps")
        let statefulSetController = Controller(name: "dev-statefulset", reconciler: StatefulSetReconciler(caches: caches), workers: 1, logger: logger)
        statefulSetController.watches(statefulSets)
        statefulSetController.owns(pods, ownerKind: "StatefulSet", ownerAPIGroup: "apps")
        let jobController = Controller(name: "dev-job", reconciler: JobReconciler(caches: caches), workers: 2, logger: logger)
        jobController.watches(jobs)
        jobController.owns(pods, ownerKind: "Job", ownerAPIGroup: "batch")
        manager.add(deploymentController)
        manager.add(statefulSetController)
        manager.add(jobController)
    }

    /// Runs the controllers and the kubelet until cancelled; on cancellation every local process is stopped.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.manager.run() }
            group.addTask { await self.kubelet.run() }
            group.addTask { await self.network.run() }
            await group.waitForAll()
        }
        await proxy.shutdown()
    }
}

/// An informer of any kind, for registering a mixed list on a manager.
protocol RunnableInformer {
    func add(to manager: ControllerManager)
}

extension Informer: RunnableInformer {
    func add(to manager: ControllerManager) { manager.add(self) }
}
