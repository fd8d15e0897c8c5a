import KubeClient
import KubeRuntime
import Logging

/// The caches every reconciler reads: the three custom resources, and the objects the controller creates,
/// which it watches only through its `managed-by` label (so a namespace's other Secrets, Pods and
/// Deployments are never listed, cached or held in memory). ConfigMaps, Services, claims, StatefulSets,
/// Deployments, disruption budgets and NetworkPolicies are cached as `CachedProjection`s (metadata,
/// status and a digest of the content); every cached object, projected or whole, is stored through one
/// `CachedObjectCompactor` (repeated strings shared, `managedFields` dropped).
public final class OperatorInformers: Sendable {
    /// FileWallBallClusters.
    public let clusters: Informer<ClusterResource>
    /// BackupPolicies.
    public let backupPolicies: Informer<BackupPolicyResource>
    /// RestoreRequests.
    public let restoreRequests: Informer<RestoreRequestResource>
    /// The clusters' Secrets.
    public let secrets: Informer<Secret>
    /// MariaDB and Redis configuration.
    public let configMaps: Informer<ConfigMap>
    /// The clusters' Services.
    public let services: Informer<Service>
    /// Blob and backup volume claims.
    public let claims: Informer<PersistentVolumeClaim>
    /// The MariaDB StatefulSets.
    public let statefulSets: Informer<StatefulSet>
    /// The Redis and file-service Deployments.
    public let deployments: Informer<Deployment>
    /// The file services' PodDisruptionBudgets.
    public let disruptionBudgets: Informer<PodDisruptionBudget>
    /// MariaDB's and Redis's NetworkPolicies.
    public let networkPolicies: Informer<NetworkPolicy>
    /// The backup ServiceAccounts.
    public let serviceAccounts: Informer<ServiceAccount>
    /// The backup CronJobs.
    public let cronJobs: Informer<CronJob>
    /// Backup and restore Jobs (scheduled, on-demand, safety, restore).
    public let jobs: Informer<Job>
    /// The Pods of backup and restore Jobs (their termination messages carry the runs' results).
    public let jobPods: Informer<Pod>

    /// The label selector of every object the controller creates.
    public static let managedSelector = "\(ObjectLabels.managedByKey)=\(ObjectLabels.managedBy)"
    /// The label selector of backup and restore Pods.
    public static let jobPodSelector = "\(managedSelector),\(ObjectLabels.componentKey) in (\(ClusterComponent.backup.rawValue),\(ClusterComponent.restore.rawValue))"

    /// Informers over `namespace` (nil: every namespace) through `client`.
    public init(client: KubeClient, namespace: String? = nil, clock: any KubeClock = SystemKubeClock(), logger: Logger = Logger(label: "filewallball.informer")) {
        // One table of shared strings for every cache (the same label keys and member names recur in all kinds).
        let compactor = CachedObjectCompactor()
        func informer<R: KubeResource>(_ type: R.Type, selector: String? = nil, projected: Bool = false, keepStatus: Bool = false) -> Informer<R> {
            var options = WatcherOptions()
            options.namespace = namespace ?? ""
            options.labelSelector = selector
            let project: @Sendable (R) -> R = { object in CachedProjection.project(object, keepStatus: keepStatus, compactor: compactor) }
            let whole: @Sendable (R) -> R = { object in compactor.compact(object) }
            let transform: @Sendable (R) -> R = projected ? project : whole
            // No reconciler looks objects up by owner uid (owners are found through labels and OwnerMapping).
            return Informer(resource: client.resource(R.self), options: options, indexOwners: false, transform: transform, clock: clock, logger: logger)
        }
        clusters = informer(ClusterResource.self)
        backupPolicies = informer(BackupPolicyResource.self)
        restoreRequests = informer(RestoreRequestResource.self)
        secrets = informer(Secret.self, selector: Self.managedSelector)
        configMaps = informer(ConfigMap.self, selector: Self.managedSelector, projected: true)
        services = informer(Service.self, selector: Self.managedSelector, projected: true)
        claims = informer(PersistentVolumeClaim.self, selector: Self.managedSelector, projected: true)
        statefulSets = informer(StatefulSet.self, selector: Self.managedSelector, projected: true, keepStatus: true)
        deployments = informer(Deployment.self, selector: Self.managedSelector, projected: true, keepStatus: true)
        disruptionBudgets = informer(PodDisruptionBudget.self, selector: Self.managedSelector, projected: true)
        networkPolicies = informer(NetworkPolicy.self, selector: Self.managedSelector, projected: true)
        serviceAccounts = informer(ServiceAccount.self, selector: Self.managedSelector)
        cronJobs = informer(CronJob.self, selector: Self.managedSelector)
        jobs = informer(Job.self, selector: Self.managedSelector)
        jobPods = informer(Pod.self, selector: Self.jobPodSelector)
    }

    /// Hands every informer to the manager (which runs them and waits for their first lists).
    public func register(on manager: ControllerManager) {
        manager.add(clusters)
        manager.add(backupPolicies)
        manager.add(restoreRequests)
        manager.add(secrets)
        manager.add(configMaps)
        manager.add(services)
        manager.add(claims)
        manager.add(statefulSets)
        manager.add(deployments)
        manager.add(disruptionBudgets)
        manager.add(networkPolicies)
        manager.add(serviceAccounts)
        manager.add(cronJobs)
        manager.add(jobs)
        manager.add(jobPods)
    }

    /// The cached JSON of an owned object of any of the cached kinds (nil when absent or not cached).
    public func live(_ descriptor: ResourceDescriptor, namespace: String, name: String) -> JSONObject? {
        func get<R: KubeObject>(_ informer: Informer<R>) -> JSONObject? { informer.store.get(namespace: namespace, name: name)?.object }
        switch descriptor {
        case Secret.descriptor: return get(secrets)
        case ConfigMap.descriptor: return get(configMaps)
        case Service.descriptor: return get(services)
        case PersistentVolumeClaim.descriptor: return get(claims)
        case StatefulSet.descriptor: return get(statefulSets)
        case Deployment.descriptor: return get(deployments)
        case PodDisruptionBudget.descriptor: return get(disruptionBudgets)
        case NetworkPolicy.descriptor: return get(networkPolicies)
        case ServiceAccount.descriptor: return get(serviceAccounts)
        case CronJob.descriptor: return get(cronJobs)
        case Job.descriptor: return get(jobs)
        default: return nil
        }
    }
}
