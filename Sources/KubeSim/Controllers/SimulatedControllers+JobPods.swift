import Foundation

extension SimulatedControllers {
    /// Creates one Pod for a Job from its template (labels and ownerReference as the Job controller sets them);
    /// returns its name.
    @discardableResult
    func createJobPod(_ job: JSONValue, phase: String) -> String? {
        guard let podType = Self.builtin("pods") else { return nil }
        let ns = job[path: ["metadata", "namespace"]]?.stringValue ?? "default"
        let name = job[path: ["metadata", "name"]]?.stringValue ?? ""
        let uid = job[path: ["metadata", "uid"]] ?? ""
        var labels = job[path: ["spec", "template", "metadata", "labels"]]?.objectValue ?? [:]
        labels["job-name"] = .string(name)
        labels["batch.kubernetes.io/job-name"] = .string(name)
        labels["controller-uid"] = uid
        labels["batch.kubernetes.io/controller-uid"] = uid
        var meta: JSONValue = [
            "generateName": .string("\(name)-"), "namespace": .string(ns), "labels": .object(labels),
            "ownerReferences": [[
                "apiVersion": "batch/v1", "kind": "Job", "name": .string(name), "uid": uid, "controller": true, "blockOwnerDeletion": true,
            ]],
        ]
        if let annotations = job[path: ["spec", "template", "metadata", "annotations"]] { meta["annotations"] = annotations }
        var spec = job[path: ["spec", "template", "spec"]] ?? [:]
        if spec["restartPolicy"] == nil { spec["restartPolicy"] = "Never" }
        let pod: JSONValue = ["apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec]
        guard let created = cluster.createAsController(podType, namespace: ns, body: pod),
            let podName = created[path: ["metadata", "name"]]?.stringValue
        else { return nil }
        cluster.writeStatus(podType, namespace: ns, name: podName) { p in
            p[path: ["status", "phase"]] = .string(phase)
            p[path: ["status", "qosClass"]] = "BestEffort"
        }
        return podName
    }

    /// Moves a Job's Pod from Pending to Running (every container running).
    func startJobPod(namespace: String, name: String) {
        guard let podType = Self.builtin("pods") else { return }
        let now = JSONValue.string(ObjectMeta.timestamp(cluster.clock.now()))
        cluster.writeStatus(podType, namespace: namespace, name: name) { p in
            guard p[path: ["status", "phase"]] == "Pending" else { return }
            p[path: ["status", "phase"]] = "Running"
            p[path: ["status", "startTime"]] = now
            p[path: ["status", "conditions"]] = [["type": "Ready", "status": "True", "lastTransitionTime": now, "lastProbeTime": .null]]
            p[path: ["status", "containerStatuses"]] = .array(Self.containers(p).map { c in
                ["name": c["name"] ?? "", "image": c["image"] ?? "", "imageID": "", "ready": true, "started": true, "restartCount": 0,
                    "state": ["running": ["startedAt": now]]]
            })
        }
    }

    /// Ends a Job's Pods with `outcome` (the first container carries the exit code and message, others exit 0);
    /// a failing Job gets one failed Pod per attempt (backoffLimit + 1), as the Job controller retries.
    func finishJobPods(_ job: JSONValue, outcome: JobPodOutcome, attempts: Int) {
        guard let podType = Self.builtin("pods") else { return }
        let ns = job[path: ["metadata", "namespace"]]?.stringValue ?? "default"
        let uid = job[path: ["metadata", "uid"]]?.stringValue ?? ""
        var pods = cluster.allObjects(podType).filter {
            $0[path: ["metadata", "namespace"]]?.stringValue == ns && ObjectMeta.ownerUIDs($0).contains(uid)
        }.compactMap { $0[path: ["metadata", "name"]]?.stringValue }
        while pods.count < attempts, let extra = createJobPod(job, phase: "Pending") { pods.append(extra) }
        let now = JSONValue.string(ObjectMeta.timestamp(cluster.clock.now()))
        for pod in pods {
            cluster.writeStatus(podType, namespace: ns, name: pod) { p in
                let phase = p[path: ["status", "phase"]]?.stringValue
                guard phase == "Pending" || phase == "Running" else { return }
                let started = p[path: ["status", "startTime"]] ?? now
                p[path: ["status", "phase"]] = outcome.succeed ? "Succeeded" : "Failed"
                p[path: ["status", "startTime"]] = started
                p[path: ["status", "conditions"]] = [["type": "Ready", "status": "False", "reason": "PodCompleted", "lastTransitionTime": now, "lastProbeTime": .null]]
                p[path: ["status", "containerStatuses"]] = .array(Self.containers(p).enumerated().map { index, c in
                    let code = index == 0 ? outcome.exitCode : 0
                    var terminated: JSONValue = ["exitCode": .int(Int64(code)), "reason": code == 0 ? "Completed" : "Error",
                        "startedAt": started, "finishedAt": now]
                    if index == 0, !outcome.message.isEmpty { terminated["message"] = .string(outcome.message) }
                    return ["name": c["name"] ?? "", "image": c["image"] ?? "", "imageID": "", "ready": false, "started": false,
                        "restartCount": 0, "state": ["terminated": terminated]]
                })
            }
        }
    }

    private static func containers(_ pod: JSONValue) -> [JSONValue] {
        pod[path: ["spec", "containers"]]?.arrayValue ?? []
    }
}
