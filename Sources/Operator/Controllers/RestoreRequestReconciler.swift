import FileWallBallAPI
import Foundation
import KubeClient
import KubeRuntime
import Logging

/// Reconciles a RestoreRequest by carrying out `RestorePlanner.plan` (see docs/restore-request.md): the
/// accepted-spec annotation first, then the status, then the one Job the plan asks for.
///
/// The status is written before the Job is created, so a crash in between leaves a record that the Job
/// was asked for, and the planner never asks for a second restore Job. The Jobs are server-side applied
/// under fixed names, so asking twice creates one Job.
public struct RestoreRequestReconciler: ContextualReconciler {
    private let client: KubeClient
    private let informers: OperatorInformers
    private let applier: OwnedObjectApplier

    /// A reconciler over `informers`, writing through `client`.
    public init(client: KubeClient, informers: OperatorInformers) {
        self.client = client
        self.informers = informers
        self.applier = OwnedObjectApplier(client: client)
    }

    public func reconcile(_ request: ReconcileRequest, context: ReconcileContext) async throws -> ReconcileResult {
        guard let namespace = request.namespace, let object = informers.restoreRequests.store.get(namespace: namespace, name: request.name),
              object.metadata.deletionTimestamp == nil else { return .done }
        let input: RestoreRequestInput
        do {
            input = try RestoreRequestInput(object: object)
        } catch {
            // Only a request with no name, uid or creation time, or a status no writer of ours made, gets
            // here: nothing can be decided or written safely.
            context.logger.warning("restore request unreadable", metadata: ["error.code": "\(error.code)"])
            return .done
        }
        let now = context.clock.wallNow
        let plan = RestorePlanner.plan(input, observed: observe(input, now: now), now: now)
        if let accepted = plan.acceptSpecAnnotation, object.metadata.annotations?[RestoreRequestInput.acceptedSpecAnnotation] != accepted {
            let patch: JSONValue = .object(["metadata": .object(["annotations": .object([RestoreRequestInput.acceptedSpecAnnotation: .string(accepted)])])])
            _ = try await client.resource(RestoreRequestResource.self).patch(input.name, namespace: namespace, patch: .merge(patch))
        }
        await recordEvents(object, status: plan.status, previous: input.status, context: context)
        try await StatusWriter.write(plan.status, previous: input.status, of: object, client: client)
        switch plan.action {
        case .none:
            break
        case .createSafetyJob(let policy):
            if let builder = try builder(for: input, policy: policy) {
                try await applier.apply(DesiredObject(builder.safetyBackupJob(requestName: input.name, owner: input.ownerReference)), live: nil)
            }
        case .createRestoreJob(let policy, let backup):
            if let builder = try builder(for: input, policy: policy) {
                try await applier.apply(DesiredObject(builder.restoreJob(requestName: input.name, backup: backup, owner: input.ownerReference)), live: nil)
            }
        }
        // A completed Job whose result is still on its way: its pod wakes this request; if it never comes,
        // the pass after the grace reports the missing result.
        let awaiting = [BackupJobNames.safety(request: input.name), BackupJobNames.restore(request: input.name)].contains { name in
            guard let job = informers.jobs.store.get(namespace: input.namespace, name: name) else { return false }
            return RestoreJobState.awaitsResult(job: job, pods: pods(ofJob: name, namespace: input.namespace), now: now)
        }
        let grace = Duration.seconds(Int(BackupJobObservation.resultGrace))
        return ReconcileResult(requeueAfter: awaiting ? min(plan.requeueAfter ?? grace, grace) : plan.requeueAfter)
    }

    /// What the caches show: the cluster, the namespace's policies and other requests, the two Jobs.
    private func observe(_ input: RestoreRequestInput, now: Date) -> RestoreObservation {
        let namespace = input.namespace
        let spec = input.actingSpec
        let cluster = spec.flatMap { informers.clusters.store.get(namespace: namespace, name: $0.clusterName) }
        let presence: RestoreClusterPresence
        if let cluster, cluster.metadata.deletionTimestamp == nil {
            let status = try? JSONCoding.decode(FileWallBallClusterStatus.self, from: cluster.object, member: "status")
            let ready = status?.conditions?.condition(ofType: ClusterStatusBuilder.ConditionType.ready)
            presence = ready?.status == .true && ready?.observedGeneration == cluster.metadata.generation ? .ready : .notReady
        } else {
            presence = .notFound
        }
        let policies = informers.backupPolicies.store.byIndex(ObjectStore<BackupPolicyResource>.namespaceIndex, namespace).compactMap { policy -> RestorePolicyCandidate? in
            guard let clusterName = policy.object["spec"]?["clusterRef"]?["name"]?.stringValue else { return nil }
            let status = try? JSONCoding.decode(BackupPolicyStatus.self, from: policy.object, member: "status")
            return RestorePolicyCandidate(name: policy.name, clusterName: clusterName, backups: status?.backups)
        }
        // A peer whose status does not decode is left out: with no phase it would hold the queue.
        let peers = informers.restoreRequests.store.byIndex(ObjectStore<RestoreRequestResource>.namespaceIndex, namespace)
            .compactMap { try? RestoreRequestInput(object: $0) }.map(RestorePeer.init)
        return RestoreObservation(cluster: presence, policies: policies, peers: peers,
                                  safetyJob: jobState(BackupJobNames.safety(request: input.name), namespace: namespace, now: now),
                                  restoreJob: jobState(BackupJobNames.restore(request: input.name), namespace: namespace, now: now))
    }

    private func jobState(_ name: String, namespace: String, now: Date) -> RestoreJobState {
        RestoreJobState(job: informers.jobs.store.get(namespace: namespace, name: name), pods: pods(ofJob: name, namespace: namespace), now: now)
    }

    private func pods(ofJob name: String, namespace: String) -> [Pod] {
        informers.jobPods.store.byIndex(ObjectStore<Pod>.namespaceIndex, namespace).filter { $0.metadata.labels?["job-name"] == name }
    }

    /// The Job builder of the policy holding the backups (nil when the cluster or policy vanished since
    /// the plan was made: the next pass reports it).
    private func builder(for input: RestoreRequestInput, policy: String) throws -> BackupObjectBuilder? {
        guard let spec = input.actingSpec,
              let policyObject = informers.backupPolicies.store.get(namespace: input.namespace, name: policy),
              let clusterObject = informers.clusters.store.get(namespace: input.namespace, name: spec.clusterName) else { return nil }
        return try BackupObjectBuilder(policy: try BackupPolicyInput(object: policyObject), cluster: try ClusterInput(object: clusterObject))
    }

    /// An Event for every phase change (Warning when it failed).
    private func recordEvents(_ object: RestoreRequestResource, status: RestoreRequestStatus, previous: RestoreRequestStatus, context: ReconcileContext) async {
        guard let phase = status.phase, phase != previous.phase else { return }
        await context.recorder.record(object, type: phase == .failed ? .warning : .normal, reason: phase.rawValue,
                                      message: status.message ?? "phase \(phase.rawValue)")
    }
}
