import FileWallBallAPI
import Foundation
import KubeClient
import KubeRuntime
import Logging

/// Reconciles a BackupPolicy: its ServiceAccount, backup claim and CronJob, the on-demand Jobs the
/// `filewallball.io/backup-now` annotation asks for, and a status read from the Jobs' own results.
///
/// # Flow of one reconcile (level-based)
/// 1. A spec that does not decode: `Ready=False`, reason `InvalidSpec`, and nothing else.
/// 2. No such cluster: `Ready=False`, reason `ClusterNotFound`; nothing is created and nothing polls
///    (the cluster's creation wakes the policy).
/// 3. The ServiceAccount, the claim and (with a valid schedule) the CronJob are applied unless their live
///    state already holds them.
/// 4. A new annotation value starts exactly one Job, named from the value, before the value is recorded
///    in `status.lastOnDemandRequest` (see `OnDemandDecision`: a crash in between finds the Job).
/// 5. Status from the Jobs and their pods' termination messages (`BackupStatusBuilder`): a failed or
///    unverified run is a failure, never a success. Written only when it changed; a new success or failure
///    and every Ready transition get an Event.
public struct BackupPolicyReconciler: ContextualReconciler {
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
        guard let namespace = request.namespace else { return .done }
        guard let object = informers.backupPolicies.store.get(namespace: namespace, name: request.name), object.metadata.deletionTimestamp == nil else {
            let names = BackupPolicyNames(policy: request.name)
            applier.forget(namespace: namespace, names: [names.serviceAccount, names.claim, names.cronJob])
            return .done
        }
        let previous = try? JSONCoding.decode(BackupPolicyStatus.self, from: object.object, member: "status")
        let policy: BackupPolicyInput
        do {
            policy = try BackupPolicyInput(object: object)
        } catch {
            return try await writeInvalid(object, message: error.detail, previous: previous, context: context)
        }
        let clusterObject = informers.clusters.store.get(namespace: namespace, name: policy.spec.clusterRef.name)
        var lastOnDemand: String? = nil
        if let clusterObject, clusterObject.metadata.deletionTimestamp == nil {
            let builder: BackupObjectBuilder
            do {
                builder = try BackupObjectBuilder(policy: policy, cluster: try ClusterInput(object: clusterObject))
            } catch {
                return try await writeInvalid(object, message: "spec.clusterRef: cluster \(policy.spec.clusterRef.name) cannot be acted on: \(error)",
                                              previous: previous, context: context)
            }
            let scheduleValid = (try? builder.spec.cronSchedule()) != nil
            for desired in builder.objects() where scheduleValid || desired.descriptor != CronJob.descriptor {
                try await applier.apply(desired, live: informers.live(desired.descriptor, namespace: namespace, name: desired.name))
            }
            lastOnDemand = try await startOnDemand(policy: policy, builder: builder, previous: previous, context: context, object: object)
        }
        let cronJob = informers.cronJobs.store.get(namespace: namespace, name: policy.names.cronJob)
        let now = context.clock.wallNow
        let observations = jobs(of: policy).map { BackupJobObservation(job: $0, pod: pod(of: $0), now: now) }
        let observed = BackupPolicyObservation(
            clusterExists: clusterObject != nil, cronJobExists: cronJob != nil, cronJobLastScheduleTime: cronJob?.status.lastScheduleTime,
            jobs: observations, lastOnDemandRequest: lastOnDemand)
        let status = BackupStatusBuilder.status(policy: policy, observed: observed, previous: previous, now: now)
        await recordEvents(object, status: status, previous: previous, context: context)
        try await StatusWriter.write(status, previous: previous, of: object, client: client)
        // A result still on its way arrives with its Pod (which wakes this policy); if it never does, the
        // next pass after the grace reports it missing.
        return observations.contains(where: \.awaitingResult) ? ReconcileResult(requeueAfter: .seconds(Int(BackupJobObservation.resultGrace))) : .done
    }

    /// Starts the on-demand Job the annotation asks for; returns the value to record (nil: nothing new).
    private func startOnDemand(policy: BackupPolicyInput, builder: BackupObjectBuilder, previous: BackupPolicyStatus?,
                               context: ReconcileContext, object: BackupPolicyResource) async throws -> String? {
        let existing = Set(jobs(of: policy).map(\.name))
        switch OnDemandDecision.decide(policy: policy.name, annotation: policy.backupNowRequest, lastRequest: previous?.lastOnDemandRequest, existingJobs: existing) {
        case .nothing:
            return nil
        case .record(let value):
            return value
        case .start(let jobName, let value):
            // Apply, not create: the name is a function of the value, so a Job created by a pass whose
            // status write was lost is found, not duplicated.
            try await applier.apply(DesiredObject(builder.onDemandJob(value: value)), live: nil)
            await context.recorder.record(object, type: .normal, reason: "BackupStarted",
                                          message: "on-demand backup Job \(jobName) started for \(BackupPolicyNames.backupNowAnnotation)=\(value)")
            return value
        }
    }

    /// The policy's Jobs (scheduled, on-demand and safety; restore Jobs are told apart by their kind label).
    private func jobs(of policy: BackupPolicyInput) -> [Job] {
        informers.jobs.store.byIndex(ObjectStore<Job>.namespaceIndex, policy.namespace)
            .filter { $0.metadata.labels?[BackupPolicyNames.policyLabel] == policy.name }
    }

    /// The newest Pod of a Job (its `job-name` label), whose container reports the run's result.
    private func pod(of job: Job) -> Pod? {
        informers.jobPods.store.byIndex(ObjectStore<Pod>.namespaceIndex, job.metadata.namespace ?? "")
            .filter { $0.metadata.labels?["job-name"] == job.name }
            .max { ($0.metadata.creationTimestamp ?? "") < ($1.metadata.creationTimestamp ?? "") }
    }

    private func recordEvents(_ object: BackupPolicyResource, status: BackupPolicyStatus, previous: BackupPolicyStatus?, context: ReconcileContext) async {
        if let success = status.lastSuccessfulBackup, success.name != previous?.lastSuccessfulBackup?.name {
            await context.recorder.record(object, type: .normal, reason: "BackupSucceeded",
                                          message: "backup \(success.name) taken at \(success.takenAt) and verified")
        }
        if let failure = status.lastFailure, failure != previous?.lastFailure {
            await context.recorder.record(object, type: .warning, reason: failure.reason, message: "backup failed: \(failure.message)")
        }
        let ready = status.conditions?.condition(ofType: BackupStatusBuilder.readyCondition)
        if let ready, ready.status != previous?.conditions?.condition(ofType: BackupStatusBuilder.readyCondition)?.status {
            await context.recorder.record(object, type: ready.status == .true ? .normal : .warning, reason: ready.reason, message: ready.message)
        }
    }

    /// `Ready=False`, reason `InvalidSpec`, with the message naming the field; the rest of the status kept.
    private func writeInvalid(_ object: BackupPolicyResource, message: String, previous: BackupPolicyStatus?, context: ReconcileContext) async throws -> ReconcileResult {
        var status = previous ?? BackupPolicyStatus()
        var conditions = status.conditions ?? []
        let changed = conditions.setCondition(StatusCondition(type: BackupStatusBuilder.readyCondition, status: .false, reason: "InvalidSpec",
                                                              message: message, lastTransitionTime: "", observedGeneration: object.metadata.generation),
                                              now: context.clock.wallNow)
        status.conditions = conditions
        status.observedGeneration = object.metadata.generation
        if changed { await context.recorder.record(object, type: .warning, reason: "InvalidSpec", message: message) }
        try await StatusWriter.write(status, previous: previous, of: object, client: client)
        return .done
    }
}
