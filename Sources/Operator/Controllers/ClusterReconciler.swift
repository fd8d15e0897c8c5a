import FileWallBallAPI
import Foundation
import KubeClient
import KubeRuntime
import Logging

/// Reconciles a FileWallBallCluster: generates its credentials once, applies its desired objects, reports
/// status from its workloads, and cleans up behind a finalizer on deletion.
///
/// # Flow of one reconcile (level-based: it reads only caches and the current object)
/// 1. The finalizer is added before anything is created (see `Finalizers`).
/// 2. A spec that cannot be acted on sets `Ready=False`, reason `InvalidSpec`, and stops (no requeue: the
///    next spec change wakes it).
/// 3. Passwords are read back from the Secrets (`CredentialRecovery`); a missing Secret is created with
///    POST, never applied, so an existing Secret is never replaced with new passwords.
/// 4. Every desired object whose live state does not already hold it is server-side applied (drift is
///    repaired this way); the PodDisruptionBudget is deleted when replicas drop to one.
/// 5. Status is derived from the StatefulSet and Deployments and written only when it changed; every
///    condition transition gets an Event.
public struct ClusterReconciler: ContextualReconciler {
    /// The finalizer that runs `DeletionCleanup` (or records what was retained).
    public static let finalizer = "filewallball.io/cluster-cleanup"

    private let client: KubeClient
    private let informers: OperatorInformers
    private let applier: OwnedObjectApplier
    private let generate: @Sendable () -> GeneratedCredentials

    /// A reconciler over `informers`, writing through `client`; `generate` makes new passwords.
    public init(client: KubeClient, informers: OperatorInformers, generate: @escaping @Sendable () -> GeneratedCredentials = { .random() }) {
        self.client = client
        self.informers = informers
        self.applier = OwnedObjectApplier(client: client)
        self.generate = generate
    }

    public func reconcile(_ request: ReconcileRequest, context: ReconcileContext) async throws -> ReconcileResult {
        guard let namespace = request.namespace, let cluster = informers.clusters.store.get(namespace: namespace, name: request.name) else {
            return .done
        }
        return try await Finalizers.reconcile(cluster, finalizer: Self.finalizer, client: client.resource(ClusterResource.self),
                                              apply: { try await apply($0, context: context) },
                                              cleanup: { try await cleanup($0, context: context) })
    }

    private func apply(_ cluster: ClusterResource, context: ReconcileContext) async throws -> ReconcileResult {
        let previous = try? JSONCoding.decode(FileWallBallClusterStatus.self, from: cluster.object, member: "status")
        let generation = cluster.metadata.generation ?? 0
        let input: ClusterInput
        do {
            input = try ClusterInput(object: cluster)
        } catch {
            return try await writeStatus(ClusterStatusBuilder.invalidSpec(message: error.detail, generation: generation, previous: previous, now: context.clock.wallNow),
                                         of: cluster, previous: previous, context: context)
        }
        let names = ClusterNames(cluster: input.name)
        let database = try await secret(names.databaseSecret, namespace: input.namespace)
        let cache = try await secret(names.cacheSecret, namespace: input.namespace)
        let admin = try await secret(names.adminSecret, namespace: input.namespace)
        let recovered = CredentialRecovery.recover(database: database, cache: cache, admin: admin, names: names, fresh: generate())
        let builder: ClusterObjectBuilder
        do {
            builder = try ClusterObjectBuilder(input: input, credentials: recovered.credentials)
        } catch {
            return try await writeStatus(ClusterStatusBuilder.invalidSpec(message: "spec.app.maxUploadSize: \(error)", generation: generation, previous: previous, now: context.clock.wallNow),
                                         of: cluster, previous: previous, context: context)
        }
        if !recovered.regenerated.isEmpty, database != nil || cache != nil || admin != nil {
            await context.recorder.record(cluster, type: .warning, reason: "PasswordRegenerated",
                                          message: "no stored value for \(recovered.regenerated.joined(separator: ", ")); a new password was generated")
        }
        var writes = 0
        for desired in DesiredObjects.all(from: builder) {
            let live = informers.live(desired.descriptor, namespace: input.namespace, name: desired.name)
            if desired.descriptor == Secret.descriptor, live == nil, try await createSecretIfMissing(desired, namespace: input.namespace) {
                writes += 1
                continue
            }
            if try await applier.apply(desired, live: live) { writes += 1 }
        }
        if builder.apiDisruptionBudget() == nil, informers.disruptionBudgets.store.get(namespace: input.namespace, name: names.api) != nil {
            try await deleteIgnoringMissing(PodDisruptionBudget.descriptor, name: names.api, namespace: input.namespace)
            writes += 1
        }
        if writes > 0 { context.logger.debug("applied owned objects", metadata: ["writes": "\(writes)"]) }
        let observed = ClusterStatusBuilder.Observed(
            database: informers.statefulSets.store.get(namespace: input.namespace, name: names.mariadb),
            cache: informers.deployments.store.get(namespace: input.namespace, name: names.redis),
            app: informers.deployments.store.get(namespace: input.namespace, name: names.api))
        return try await writeStatus(ClusterStatusBuilder.status(builder: builder, observed: observed, previous: previous, now: context.clock.wallNow),
                                     of: cluster, previous: previous, context: context)
    }

    /// A Secret from the cache or, when the cache has none yet (a Secret created moments ago), the server.
    private func secret(_ name: String, namespace: String) async throws -> Secret? {
        if let cached = informers.secrets.store.get(namespace: namespace, name: name) { return cached }
        return try await client.resource(Secret.self).getIfExists(name, namespace: namespace)
    }

    /// Creates a Secret with POST; true when created. One that appeared meanwhile is never overwritten:
    /// the reconcile fails and the next one reads its values back.
    private func createSecretIfMissing(_ desired: DesiredObject, namespace: String) async throws -> Bool {
        var secret = Secret(object: ApplyIntent.intent(of: desired.resource, descriptor: desired.descriptor))
        secret.metadata.namespace = namespace
        do {
            _ = try await client.resource(Secret.self).create(secret, namespace: namespace, options: WriteOptions(fieldManager: OwnedObjectApplier.fieldManager))
            return true
        } catch let error as KubeAPIError where error.kind == .alreadyExists {
            throw ClusterReconcileError.secretAppeared(desired.name)
        }
    }

    private func deleteIgnoringMissing(_ descriptor: ResourceDescriptor, name: String, namespace: String) async throws {
        do {
            try await client.resource(GenericResource.self, descriptor: descriptor).delete(name, namespace: namespace)
        } catch let error as KubeAPIError where error.kind == .notFound {}
    }

    /// Writes the status when it changed, with an Event per condition transition.
    private func writeStatus(_ derived: (FileWallBallClusterStatus, [ClusterStatusBuilder.Transition]), of cluster: ClusterResource,
                             previous: FileWallBallClusterStatus?, context: ReconcileContext) async throws -> ReconcileResult {
        let (status, transitions) = derived
        for transition in transitions where transition.previous != nil || transition.condition.reason == "InvalidSpec" {
            let condition = transition.condition
            await context.recorder.record(cluster, type: Self.eventType(of: condition), reason: condition.reason,
                                          message: "\(condition.type)=\(condition.status.rawValue): \(condition.message)")
        }
        try await StatusWriter.write(status, previous: previous, of: cluster, client: client)
        return .done
    }

    /// Normal when a condition reaches its good state (True, or False for Degraded), Warning otherwise.
    static func eventType(of condition: StatusCondition) -> EventRecorder.EventType {
        let good: ConditionStatus = condition.type == ClusterStatusBuilder.ConditionType.degraded ? .false : .true
        return condition.status == good ? .normal : .warning
    }

    /// Deletion: under `Delete` the PVCs and Secrets go (the rest follows the owner reference); under
    /// `Retain` they stay and an Event lists them.
    private func cleanup(_ cluster: ClusterResource, context: ReconcileContext) async throws -> ReconcileResult {
        let spec = try? JSONCoding.decode(FileWallBallClusterSpec.self, from: cluster.object, member: "spec")
        let policy = spec?.deletionPolicy ?? ClusterDefaults.deletionPolicy
        guard let namespace = cluster.metadata.namespace else { return .done }
        let targets = DeletionCleanup.targets(cluster: cluster.name, policy: policy)
        for target in targets {
            try await deleteIgnoringMissing(target.descriptor, name: target.name, namespace: namespace)
        }
        if policy == .delete {
            await context.recorder.record(cluster, type: .normal, reason: "DataDeleted",
                                          message: "deletionPolicy Delete: removed \(targets.map { "\($0.descriptor.kind)/\($0.name)" }.joined(separator: ", "))")
        } else {
            let names = ClusterNames(cluster: cluster.name)
            let kept = [names.mariadbDataClaim, names.blobClaim].map { "PersistentVolumeClaim/\($0)" }
                + [names.databaseSecret, names.cacheSecret, names.adminSecret].map { "Secret/\($0)" }
            await context.recorder.record(cluster, type: .normal, reason: "DataRetained",
                                          message: "deletionPolicy Retain: kept \(kept.joined(separator: ", ")); delete them by hand when no longer needed")
        }
        let names = ClusterNames(cluster: cluster.name)
        applier.forget(namespace: namespace, names: [names.databaseSecret, names.cacheSecret, names.adminSecret, names.mariadb, names.mariadbHeadless,
                                                     names.redis, names.api, names.apiAdmin, names.blobClaim])
        context.logger.info("cluster cleanup done", metadata: ["deletion.policy": "\(policy.rawValue)"])
        return .done
    }
}

/// Failures of a cluster reconcile that a retry resolves.
public enum ClusterReconcileError: Error, Sendable, Equatable {
    /// A Secret the cache did not have exists on the server; its values are read on the next reconcile.
    case secretAppeared(String)
}
