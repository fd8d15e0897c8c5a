import Foundation
import Logging
import Synchronization

/// Stand-ins for the kube-controller-manager loops the operator relies on: Deployment status, Job outcome, CronJob→Job.
public final class SimulatedControllers: Sendable {
    let cluster: Cluster
    private let settings: SimulationSettings
    private let unready = Mutex<Set<String>>([])
    private let jobRule = Mutex<@Sendable (JSONValue) -> JobOutcome>({ _ in .succeed })
    private let tasks = Mutex<[Task<Void, Never>]>([])
    let outcomeRules: JobOutcomeRules

    init(cluster: Cluster, settings: SimulationSettings, outcomeRules: JobOutcomeRules = JobOutcomeRules()) {
        self.cluster = cluster
        self.settings = settings
        self.outcomeRules = outcomeRules
    }

    /// Installs a rule choosing how matching Jobs' Pods end (exit code, termination message); newest wins,
    /// and it takes precedence over `setJobRule`.
    public func addJobOutcomeRule(_ rule: JobOutcomeRule) {
        outcomeRules.add(rule)
    }

    /// Removes every rule added with `addJobOutcomeRule` (or `POST /kubesim/job-outcomes`).
    public func clearJobOutcomeRules() {
        outcomeRules.clear()
    }

    private static func type(_ plural: String) -> ResourceType? {
        BuiltinResources.all.first { $0.plural == plural }
    }

    /// The built-in resource type with this plural.
    static func builtin(_ plural: String) -> ResourceType? {
        type(plural)
    }

    /// Whether `markUnready` holds for this object.
    func isMarkedUnready(namespace: String, name: String) -> Bool {
        unready.withLock { $0.contains("\(namespace)/\(name)") }
    }

    /// Marks a Deployment or StatefulSet unready (readyReplicas 0, Available False) until `markReady`.
    public func markUnready(namespace: String, name: String) {
        unready.withLock { _ = $0.insert("\(namespace)/\(name)") }
        refreshDeployment(namespace: namespace, name: name)
        refreshStatefulSet(namespace: namespace, name: name)
    }

    /// Clears `markUnready`.
    public func markReady(namespace: String, name: String) {
        unready.withLock { _ = $0.remove("\(namespace)/\(name)") }
        refreshDeployment(namespace: namespace, name: name)
        refreshStatefulSet(namespace: namespace, name: name)
    }

    /// Sets the rule deciding each new Job's outcome.
    public func setJobRule(_ rule: @escaping @Sendable (_ job: JSONValue) -> JobOutcome) {
        jobRule.withLock { $0 = rule }
    }

    func start() {
        let sub = try? cluster.watch(nil, namespace: nil, labels: .everything, fields: .everything, resourceVersion: String(cluster.currentRV),
            sendInitialEvents: false)
        let events = Task { [weak self] in
            guard let sub else { return }
            for await event in sub.events {
                guard let self else { return }
                self.observe(event)
            }
        }
        var all = [events]
        if settings.cronJobs {
            all.append(Task { [weak self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: self?.settings.cronPollInterval ?? .seconds(1))
                    self?.runDueCronJobs()
                }
            })
        }
        tasks.withLock { $0.append(contentsOf: all) }
    }

    func stop() {
        let all = tasks.withLock { t in
            let copy = t
            t.removeAll()
            return copy
        }
        for t in all { t.cancel() }
    }

    private func observe(_ event: DeliveredEvent) {
        guard event.type == .added || event.type == .modified else { return }
        let o = event.object
        let ns = o[path: ["metadata", "namespace"]]?.stringValue ?? ""
        let name = o[path: ["metadata", "name"]]?.stringValue ?? ""
        switch (o["apiVersion"]?.stringValue, o["kind"]?.stringValue) {
        case ("apps/v1", "Deployment") where settings.deployments:
            let gen = o[path: ["metadata", "generation"]]?.intValue ?? 0
            if o[path: ["status", "observedGeneration"]]?.intValue != gen {
                schedule(after: settings.deploymentReadyDelay) { $0.refreshDeployment(namespace: ns, name: name) }
            }
        case ("apps/v1", "StatefulSet") where settings.statefulSets:
            let gen = o[path: ["metadata", "generation"]]?.intValue ?? 0
            if o[path: ["status", "observedGeneration"]]?.intValue != gen {
                createClaims(for: o)
                schedule(after: settings.deploymentReadyDelay) { $0.refreshStatefulSet(namespace: ns, name: name) }
            }
        case ("v1", "PersistentVolumeClaim") where settings.volumeBinding:
            if o[path: ["status", "phase"]]?.stringValue == "Pending", o[path: ["spec", "volumeName"]] == nil, !ObjectMeta.isDeleting(o) {
                schedule(after: settings.volumeBindDelay) { $0.bindClaim(namespace: ns, name: name) }
            }
        case ("batch/v1", "Job") where settings.jobs && event.type == .added:
            cluster.writeStatus(Self.type("jobs") ?? BuiltinResources.crd, namespace: ns, name: name) { job in
                job[path: ["status", "startTime"]] = .string(ObjectMeta.timestamp(self.cluster.clock.now()))
                job[path: ["status", "active"]] = 1
            }
            let pod = createJobPod(o, phase: "Pending")
            if let pod {
                schedule(after: settings.jobCompletionDelay / 2) { $0.startJobPod(namespace: ns, name: pod) }
            }
            schedule(after: settings.jobCompletionDelay) { $0.finishJob(namespace: ns, name: name) }
        default:
            break
        }
    }

    private func schedule(after delay: Duration, _ work: @escaping @Sendable (SimulatedControllers) -> Void) {
        let task = Task { [weak self] in
            try? await Task.sleep(for: delay)
            guard let self, !Task.isCancelled else { return }
            work(self)
        }
        tasks.withLock { t in
            t.removeAll { $0.isCancelled }
            t.append(task)
        }
    }

    func refreshDeployment(namespace: String, name: String) {
        guard let type = Self.type("deployments") else { return }
        let isUnready = unready.withLock { $0.contains("\(namespace)/\(name)") }
        let now = JSONValue.string(ObjectMeta.timestamp(cluster.clock.now()))
        cluster.writeStatus(type, namespace: namespace, name: name) { d in
            let replicas = d[path: ["spec", "replicas"]]?.intValue ?? 1
            let ready = isUnready ? 0 : replicas
            let old = d["status"]?["conditions"]?.arrayValue ?? []
            func condition(_ type: String, _ ok: Bool, _ reason: String, _ message: String) -> JSONValue {
                let prev = old.first { $0["type"]?.stringValue == type }
                let status: JSONValue = ok ? "True" : "False"
                let same = prev?["status"] == status
                return ["type": .string(type), "status": status, "reason": .string(reason), "message": .string(message),
                    "lastUpdateTime": same ? (prev?["lastUpdateTime"] ?? now) : now,
                    "lastTransitionTime": same ? (prev?["lastTransitionTime"] ?? now) : now]
            }
            var status: JSONValue = [
                "observedGeneration": d[path: ["metadata", "generation"]] ?? 1, "replicas": .int(replicas),
                "updatedReplicas": .int(replicas),
                "conditions": [
                    condition("Available", ready >= replicas, ready >= replicas ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                        ready >= replicas ? "Deployment has minimum availability." : "Deployment does not have minimum availability."),
                    condition("Progressing", true, "NewReplicaSetAvailable", "ReplicaSet \"\(name)\" has successfully progressed."),
                ],
            ]
            if ready > 0 {
                status["readyReplicas"] = .int(ready)
                status["availableReplicas"] = .int(ready)
            }
            if replicas - ready > 0 { status["unavailableReplicas"] = .int(replicas - ready) }
            d["status"] = status
        }
    }

    func finishJob(namespace: String, name: String) {
        guard let type = Self.type("jobs"), let job = try? cluster.get(type, namespace: namespace, name: name) else { return }
        let podOutcome: JobPodOutcome
        if let ruled = outcomeRules.outcome(for: job) {
            if ruled.hold {
                schedule(after: max(settings.jobCompletionDelay, .milliseconds(100))) { $0.finishJob(namespace: namespace, name: name) }
                return
            }
            podOutcome = ruled
        } else {
            let rule = jobRule.withLock { $0 }
            switch rule(job) {
            case .keepRunning: return
            case .succeed: podOutcome = JobPodOutcome(succeed: true)
            case .fail: podOutcome = JobPodOutcome(succeed: false)
            }
        }
        let attempts = podOutcome.succeed ? 1 : Int(job[path: ["spec", "backoffLimit"]]?.intValue ?? 6) + 1
        finishJobPods(job, outcome: podOutcome, attempts: attempts)
        let now = JSONValue.string(ObjectMeta.timestamp(cluster.clock.now()))
        cluster.writeStatus(type, namespace: namespace, name: name) { j in
            j[path: ["status", "active"]] = nil
            j[path: ["status", "ready"]] = 0
            j[path: ["status", "terminating"]] = 0
            j[path: ["status", "uncountedTerminatedPods"]] = [:]
            if podOutcome.succeed {
                j[path: ["status", "succeeded"]] = .int(j[path: ["spec", "completions"]]?.intValue ?? 1)
                j[path: ["status", "completionTime"]] = now
                j[path: ["status", "conditions"]] = [
                    ["type": "SuccessCriteriaMet", "status": "True", "reason": "CompletionsReached", "message": "Reached expected number of succeeded pods", "lastProbeTime": now, "lastTransitionTime": now],
                    ["type": "Complete", "status": "True", "reason": "CompletionsReached", "message": "Reached expected number of succeeded pods", "lastProbeTime": now, "lastTransitionTime": now],
                ]
            } else {
                j[path: ["status", "failed"]] = .int(Int64(attempts))
                j[path: ["status", "conditions"]] = [
                    ["type": "FailureTarget", "status": "True", "reason": "BackoffLimitExceeded", "message": "Job has reached the specified backoff limit", "lastProbeTime": now, "lastTransitionTime": now],
                    ["type": "Failed", "status": "True", "reason": "BackoffLimitExceeded", "message": "Job has reached the specified backoff limit", "lastProbeTime": now, "lastTransitionTime": now],
                ]
            }
        }
    }

    /// Creates Jobs for every CronJob whose schedule fired since its last run (by the configured clock).
    public func runDueCronJobs() {
        guard let cronType = Self.type("cronjobs"), let jobType = Self.type("jobs") else { return }
        let now = cluster.clock.now()
        for cj in cluster.allObjects(cronType) {
            guard cj[path: ["spec", "suspend"]]?.boolValue != true, !ObjectMeta.isDeleting(cj),
                let schedule = CronSchedule(cj[path: ["spec", "schedule"]]?.stringValue ?? "")
            else { continue }
            let ns = cj[path: ["metadata", "namespace"]]?.stringValue ?? "default"
            let name = cj[path: ["metadata", "name"]]?.stringValue ?? ""
            let last = (cj[path: ["status", "lastScheduleTime"]]?.stringValue).flatMap(ObjectMeta.parseTimestamp)
                ?? (cj[path: ["metadata", "creationTimestamp"]]?.stringValue).flatMap(ObjectMeta.parseTimestamp) ?? now
            guard let fire = schedule.lastFiring(after: last, until: now) else { continue }
            var job: JSONValue = ["apiVersion": "batch/v1", "kind": "Job", "spec": cj[path: ["spec", "jobTemplate", "spec"]] ?? [:]]
            job["metadata"] = [
                "name": .string("\(name)-\(Int(fire.timeIntervalSince1970 / 60))"), "namespace": .string(ns),
                "labels": cj[path: ["spec", "jobTemplate", "metadata", "labels"]] ?? [:],
                "annotations": ["batch.kubernetes.io/cronjob-scheduled-timestamp": .string(ObjectMeta.timestamp(fire))],
                "ownerReferences": [[
                    "apiVersion": "batch/v1", "kind": "CronJob", "name": .string(name), "uid": cj[path: ["metadata", "uid"]] ?? "",
                    "controller": true, "blockOwnerDeletion": true,
                ]],
            ]
            let created = cluster.createAsController(jobType, namespace: ns, body: job)
            cluster.writeStatus(cronType, namespace: ns, name: name) { c in
                c[path: ["status", "lastScheduleTime"]] = .string(ObjectMeta.timestamp(fire))
                if let created {
                    var active = c[path: ["status", "active"]]?.arrayValue ?? []
                    active.append(["apiVersion": "batch/v1", "kind": "Job", "name": created[path: ["metadata", "name"]] ?? "",
                        "namespace": .string(ns), "uid": created[path: ["metadata", "uid"]] ?? ""])
                    c[path: ["status", "active"]] = .array(Array(active.suffix(3)))
                }
            }
        }
    }
}
