import Foundation
import KubeClient
import KubeRuntime

/// The Deployment controller of `filewallball dev` (the ReplicaSet layer folded in): keeps
/// `spec.replicas` Pods of the current template, replacing old ones per the strategy — `Recreate` stops
/// every old Pod first; `RollingUpdate` adds up to `maxSurge` new Pods and removes old ones only while at
/// least `replicas - maxUnavailable` stay ready — and reports the counts and the Available/Progressing
/// conditions in status. Pods are named `DEPLOYMENT-HASH-XXXXX` and labelled `pod-template-hash`.
struct DeploymentReconciler: Reconciler {
    let caches: WorkloadCaches

    func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
        guard let deployment = caches.deployments.store.get(namespace: request.namespace, name: request.name),
              deployment.metadata.deletionTimestamp == nil else { return .done }
        let spec = deployment.spec
        let replicas = max(0, spec.replicas ?? 1)
        let hash = PodFactory.templateHash(spec.template)
        let pods = caches.pods(controlledBy: deployment.metadata.uid)
        let current = pods.filter { $0.metadata.labels?["pod-template-hash"] == hash }
        let old = pods.filter { $0.metadata.labels?["pod-template-hash"] != hash }
        let strategy = spec.strategy?["type"]?.stringValue ?? "RollingUpdate"

        var actions: [() async throws -> Void] = []
        func create(_ count: Int) {
            for _ in 0..<max(0, count) {
                guard let pod = PodFactory.pod(named: "\(deployment.name)-\(hash)-\(PodFactory.suffix())", template: spec.template,
                                               owner: deployment, extraLabels: ["pod-template-hash": hash]) else { continue }
                actions.append { try await caches.create(pod) }
            }
        }
        func delete(_ victims: [Pod]) { for pod in victims { actions.append { try await caches.delete(pod) } } }
        // Unready and newest first, like the ReplicaSet controller.
        func byRemovalPreference(_ list: [Pod]) -> [Pod] {
            list.sorted { lhs, rhs in
                let (l, r) = (PodFactory.isReady(lhs), PodFactory.isReady(rhs))
                if l != r { return !l }
                return (lhs.metadata.creationTimestamp ?? "") > (rhs.metadata.creationTimestamp ?? "")
            }
        }

        if strategy == "Recreate" {
            if !old.isEmpty { delete(old) } else if current.count < replicas { create(replicas - current.count) } else { delete(Array(byRemovalPreference(current).prefix(current.count - replicas))) }
        } else {
            let rolling = spec.strategy?["rollingUpdate"]
            let surge = Self.scaled(rolling?["maxSurge"], of: replicas, roundUp: true, default: "25%")
            var unavailable = Self.scaled(rolling?["maxUnavailable"], of: replicas, roundUp: false, default: "25%")
            if surge == 0, unavailable == 0 { unavailable = 1 }
            if old.isEmpty {
                if current.count < replicas { create(replicas - current.count) } else if current.count > replicas {
                    delete(Array(byRemovalPreference(current).prefix(current.count - replicas)))
                }
            } else {
                let room = replicas + surge - pods.count
                create(min(replicas - current.count, room))
                let ready = pods.filter(PodFactory.isReady).count
                var removable = ready - (replicas - unavailable)
                var victims: [Pod] = []
                for pod in byRemovalPreference(old) {
                    if !PodFactory.isReady(pod) { victims.append(pod) } else if removable > 0 {
                        victims.append(pod)
                        removable -= 1
                    }
                }
                delete(victims)
            }
        }
        for action in actions { try await action() }
        try await writeStatus(deployment, pods: pods, current: current, replicas: replicas)
        return .done
    }

    /// `maxSurge`/`maxUnavailable`: a number, or a percentage of `replicas`.
    static func scaled(_ value: JSONValue?, of replicas: Int, roundUp: Bool, default fallback: String) -> Int {
        let value = value ?? .string(fallback)
        if let number = value.intValue { return Int(number) }
        guard let text = value.stringValue, text.hasSuffix("%"), let percent = Double(text.dropLast()) else { return 0 }
        let exact = Double(replicas) * percent / 100
        return Int(roundUp ? exact.rounded(.up) : exact.rounded(.down))
    }

    private func writeStatus(_ deployment: Deployment, pods: [Pod], current: [Pod], replicas: Int) async throws {
        let ready = pods.filter(PodFactory.isReady).count
        let updated = current.count
        let available = ready
        let previous = deployment.object["status"]?["conditions"]
        let problem = PodFactory.waitingProblem(pods)
        let isAvailable = available >= max(0, replicas - Self.scaled(deployment.spec.strategy?["rollingUpdate"]?["maxUnavailable"], of: replicas, roundUp: false, default: "25%"))
            && !(replicas > 0 && available == 0)
        let complete = updated == replicas && current.filter(PodFactory.isReady).count == replicas && pods.count == replicas
        var status: JSONObject = [
            "observedGeneration": .int(Int64(deployment.metadata.generation ?? 0)),
            "replicas": .int(Int64(pods.count)), "updatedReplicas": .int(Int64(updated)),
            "readyReplicas": .int(Int64(ready)), "availableReplicas": .int(Int64(available)),
            "unavailableReplicas": .int(Int64(max(0, replicas - available))),
            "conditions": .array([
                WorkloadCaches.condition("Available", isAvailable,
                                         reason: isAvailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                                         message: isAvailable ? "Deployment has minimum availability." : (problem?.message ?? "Deployment does not have minimum availability."),
                                         previous: previous),
                WorkloadCaches.condition("Progressing", true,
                                         reason: complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
                                         message: complete ? "ReplicaSet \"\(deployment.name)\" has successfully progressed." : "ReplicaSet \"\(deployment.name)\" is progressing.",
                                         previous: previous),
            ]),
        ]
        for key in ["readyReplicas", "availableReplicas", "unavailableReplicas", "updatedReplicas"] where status[key] == .int(0) { status[key] = nil }
        try await caches.writeStatus(deployment, status, as: Deployment.self)
    }
}
