import Foundation
import KubeClient
import KubeRuntime

/// The Job controller of `filewallball dev`: one Pod at a time (`JOB-XXXXX`, labelled `job-name` and
/// `controller-uid` like the real controller), a new one after each failure until `backoffLimit` (default 6)
/// failures, then `Failed` (`BackoffLimitExceeded`); `Complete` after `completions` (default 1) successes.
/// Status carries start and completion times, active/ready/succeeded/failed counts and the conditions of
/// Kubernetes 1.31 (`SuccessCriteriaMet` + `Complete`, `FailureTarget` + `Failed`). `suspend` holds it.
struct JobReconciler: Reconciler {
    let caches: WorkloadCaches

    func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
        guard let job = caches.jobs.store.get(namespace: request.namespace, name: request.name),
              job.metadata.deletionTimestamp == nil, let uid = job.metadata.uid else { return .done }
        let spec = job.object["spec"]?.objectValue ?? [:]
        let pods = caches.pods(controlledBy: uid)
        let active = pods.filter { !PodFactory.isTerminal($0) }
        let succeeded = pods.filter { $0.status.phase == "Succeeded" }.count
        let failed = pods.filter { $0.status.phase == "Failed" }.count
        let completions = Int(spec["completions"]?.intValue ?? 1)
        let backoffLimit = Int(spec["backoffLimit"]?.intValue ?? 6)
        let previous = job.object["status"]?.objectValue ?? [:]
        let alreadyFinished = (previous["conditions"]?.arrayValue ?? []).contains {
            ["Complete", "Failed"].contains($0["type"]?.stringValue ?? "") && $0["status"]?.stringValue == "True"
        }
        let complete = succeeded >= completions
        let failedForGood = !complete && failed > backoffLimit
        let suspended = spec["suspend"]?.boolValue == true

        if !alreadyFinished, !complete, !failedForGood, !suspended, active.isEmpty {
            let template = PodTemplateSpec(object: spec["template"]?.objectValue ?? [:])
            if let pod = PodFactory.pod(named: "\(job.name)-\(PodFactory.suffix())", template: template, owner: job, extraLabels: [
                "job-name": job.name, "batch.kubernetes.io/job-name": job.name,
                "controller-uid": uid, "batch.kubernetes.io/controller-uid": uid,
            ]) {
                try await caches.create(pod)
            }
        }
        if failedForGood || suspended { for pod in active { try await caches.delete(pod) } }

        let now = KubeTime.format(Date())
        var status: JSONObject = [:]
        status["startTime"] = previous["startTime"] ?? .string(now)
        if !active.isEmpty, !failedForGood { status["active"] = .int(Int64(active.count)) }
        status["ready"] = .int(Int64(active.filter(PodFactory.isReady).count))
        status["terminating"] = .int(0)
        if succeeded > 0 { status["succeeded"] = .int(Int64(succeeded)) }
        if failed > 0 { status["failed"] = .int(Int64(failed)) }
        let previousConditions = previous["conditions"]
        if complete || alreadyFinished && previous["completionTime"] != nil {
            status["completionTime"] = previous["completionTime"] ?? .string(now)
            status["conditions"] = .array([
                WorkloadCaches.condition("SuccessCriteriaMet", true, reason: "CompletionsReached", message: "Reached expected number of succeeded pods", previous: previousConditions),
                WorkloadCaches.condition("Complete", true, reason: "CompletionsReached", message: "Reached expected number of succeeded pods", previous: previousConditions),
            ])
        } else if failedForGood || alreadyFinished {
            status["conditions"] = .array([
                WorkloadCaches.condition("FailureTarget", true, reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit", previous: previousConditions),
                WorkloadCaches.condition("Failed", true, reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit", previous: previousConditions),
            ])
        }
        try await caches.writeStatus(job, status, as: Job.self)
        return .done
    }
}
