import FileWallBallAPI
import KubeClient
import KubeRuntime
import Logging

/// Builds the operator's controllers over shared informers and registers everything on a manager: what
/// `filewallball controller` (and `filewallball dev`) run.
public enum OperatorControllers {
    /// Registers the informers and the controllers on `manager`; returns the informers (tests read them).
    @discardableResult
    public static func register(on manager: ControllerManager, client: KubeClient, namespace: String? = nil,
                                recorder: EventRecorder, clock: any KubeClock = SystemKubeClock(),
                                workers: Int = 4, logger: Logger = Logger(label: "filewallball.controller")) -> OperatorInformers {
        let informers = OperatorInformers(client: client, namespace: namespace, clock: clock, logger: logger)
        informers.register(on: manager)
        manager.add(clusterController(client: client, informers: informers, recorder: recorder, clock: clock, workers: workers, logger: logger))
        manager.add(backupPolicyController(client: client, informers: informers, recorder: recorder, clock: clock, workers: workers, logger: logger))
        manager.add(restoreRequestController(client: client, informers: informers, recorder: recorder, clock: clock, workers: workers, logger: logger))
        return informers
    }

    /// The FileWallBallCluster controller: woken by the cluster's spec (or deletion) and by any change of
    /// the objects it created (drift, workload readiness).
    public static func clusterController(client: KubeClient, informers: OperatorInformers, recorder: EventRecorder,
                                         clock: any KubeClock, workers: Int, logger: Logger) -> Controller {
        let controller = Controller(name: "filewallballcluster", reconciler: ClusterReconciler(client: client, informers: informers),
                                    recorder: recorder, workers: workers, clock: clock, logger: logger)
        controller.watches(informers.clusters, predicate: .generationChanged)
        let toCluster: @Sendable (ObjectMeta) -> [ReconcileRequest] = { meta in
            guard let labels = meta.labels, let cluster = labels[ObjectLabels.instanceKey],
                  let component = labels[ObjectLabels.componentKey].flatMap(ClusterComponent.init(rawValue:)),
                  [.database, .cache, .fileService].contains(component) else { return [] }
            return [ReconcileRequest(namespace: meta.namespace, name: cluster)]
        }
        controller.watches(informers.secrets) { toCluster($0.metadata) }
        controller.watches(informers.configMaps) { toCluster($0.metadata) }
        controller.watches(informers.services) { toCluster($0.metadata) }
        controller.watches(informers.claims) { toCluster($0.metadata) }
        controller.watches(informers.statefulSets) { toCluster($0.metadata) }
        controller.watches(informers.deployments) { toCluster($0.metadata) }
        controller.watches(informers.disruptionBudgets) { toCluster($0.metadata) }
        controller.watches(informers.networkPolicies) { toCluster($0.metadata) }
        return controller
    }

    /// The BackupPolicy controller: woken by the policy's spec, deletion or backup-now annotation, by its
    /// cluster's creation, spec change or deletion, and by its objects, Jobs and their Pods.
    public static func backupPolicyController(client: KubeClient, informers: OperatorInformers, recorder: EventRecorder,
                                              clock: any KubeClock, workers: Int, logger: Logger) -> Controller {
        let controller = Controller(name: "backuppolicy", reconciler: BackupPolicyReconciler(client: client, informers: informers),
                                    recorder: recorder, workers: workers, clock: clock, logger: logger)
        controller.watches(informers.backupPolicies, predicate: .generationOrAnnotationChanged(BackupPolicyNames.backupNowAnnotation))
        let policies = informers.backupPolicies.store
        controller.watches(informers.clusters, predicate: .generationChanged) { cluster in
            policies.byIndex(ObjectStore<BackupPolicyResource>.namespaceIndex, cluster.metadata.namespace ?? "")
                .filter { $0.object["spec"]?["clusterRef"]?["name"]?.stringValue == cluster.name }
                .map { ReconcileRequest(for: $0) }
        }
        let toPolicy: @Sendable (ObjectMeta) -> [ReconcileRequest] = { meta in
            guard let policy = meta.labels?[BackupPolicyNames.policyLabel] else { return [] }
            return [ReconcileRequest(namespace: meta.namespace, name: policy)]
        }
        controller.watches(informers.serviceAccounts) { toPolicy($0.metadata) }
        controller.watches(informers.claims) { toPolicy($0.metadata) }
        controller.watches(informers.cronJobs) { toPolicy($0.metadata) }
        controller.watches(informers.jobs) { toPolicy($0.metadata) }
        controller.watches(informers.jobPods) { toPolicy($0.metadata) }
        return controller
    }
}

extension OperatorControllers {
    /// The RestoreRequest controller: woken by any request of the same cluster (one restore at a time per
    /// cluster: a request that ends lets the next one start), by its Jobs and their Pods, by its
    /// cluster (Verifying waits for Ready) and by the namespace's BackupPolicies (their backup lists).
    public static func restoreRequestController(client: KubeClient, informers: OperatorInformers, recorder: EventRecorder,
                                                clock: any KubeClock, workers: Int, logger: Logger) -> Controller {
        let controller = Controller(name: "restorerequest", reconciler: RestoreRequestReconciler(client: client, informers: informers),
                                    recorder: recorder, workers: workers, clock: clock, logger: logger)
        let store = informers.restoreRequests.store
        @Sendable func clusterName(_ object: RestoreRequestResource) -> String? { object.object["spec"]?["clusterRef"]?["name"]?.stringValue }
        @Sendable func requests(namespace: String?, cluster: String?) -> [ReconcileRequest] {
            store.byIndex(ObjectStore<RestoreRequestResource>.namespaceIndex, namespace ?? "")
                .filter { cluster == nil || clusterName($0) == cluster }
                .filter { ($0.object["status"]?["phase"]?.stringValue).flatMap(RestorePhase.init(rawValue:))?.isFinal != true }
                .map { ReconcileRequest(for: $0) }
        }
        controller.watches(informers.restoreRequests) { request in
            [ReconcileRequest(for: request)] + requests(namespace: request.metadata.namespace, cluster: clusterName(request))
        }
        controller.watches(informers.clusters) { requests(namespace: $0.metadata.namespace, cluster: $0.name) }
        controller.watches(informers.backupPolicies) { requests(namespace: $0.metadata.namespace, cluster: nil) }
        controller.watches(informers.jobs) { OwnerMapping.owners(of: $0, kind: RestoreRequestKind.names.kind, group: FileWallBallAPIGroup.group) }
        controller.watches(informers.jobPods) { pod in
            // A Pod belongs to a Job; its request is named in the restore-request label.
            guard let name = pod.metadata.labels?[BackupPolicyNames.restoreRequestLabel] else { return [] }
            return store.byIndex(ObjectStore<RestoreRequestResource>.namespaceIndex, pod.metadata.namespace ?? "")
                .filter { BackupJobNames.restoreRequestLabelValue($0.name) == name }.map { ReconcileRequest(for: $0) }
        }
        return controller
    }
}

extension WatchPredicate {
    /// `.generationChanged`, and also a change of the annotation `key` (a request carried in metadata,
    /// such as `filewallball.io/backup-now`).
    public static func generationOrAnnotationChanged(_ key: String) -> WatchPredicate {
        WatchPredicate { old, new in
            WatchPredicate.generationChanged.shouldEnqueueUpdate(old, new) || old.annotations?[key] != new.annotations?[key]
        }
    }
}
