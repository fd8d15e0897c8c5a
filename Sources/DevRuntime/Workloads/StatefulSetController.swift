import Foundation
import KubeClient
import KubeRuntime

/// The StatefulSet controller of `filewallball dev`: Pods `SET-0 … SET-(n-1)` created in order (each once
/// the one before is ready), a claim per `volumeClaimTemplates` entry and ordinal
/// (`TEMPLATE-SET-ORDINAL`, kept on scale-down and, unless `whenDeleted: Delete`, on deletion), a rolling
/// update from the highest ordinal down, one Pod at a time, and status with revisions
/// (`controller-revision-hash`).
struct StatefulSetReconciler: Reconciler {
    let caches: WorkloadCaches

    func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
        guard let set = caches.statefulSets.store.get(namespace: request.namespace, name: request.name),
              set.metadata.deletionTimestamp == nil else { return .done }
        let spec = set.object["spec"]?.objectValue ?? [:]
        let replicas = max(0, Int(spec["replicas"]?.intValue ?? 1))
        let template = PodTemplateSpec(object: spec["template"]?.objectValue ?? [:])
        let revision = "\(set.name)-\(PodFactory.templateHash(template))"
        let pods = caches.pods(controlledBy: set.metadata.uid)
        var byOrdinal: [Int: Pod] = [:]
        for pod in pods {
            guard let ordinal = Int(pod.name.dropFirst(set.name.count + 1)), pod.name.hasPrefix("\(set.name)-") else { continue }
            byOrdinal[ordinal] = pod
        }
        let parallel = spec["podManagementPolicy"]?.stringValue == "Parallel"

        // Scale down, highest ordinal first.
        if let highest = byOrdinal.keys.filter({ $0 >= replicas }).max(), let pod = byOrdinal[highest] {
            try await caches.delete(pod)
            return .done
        }
        for ordinal in 0..<replicas {
            if let pod = byOrdinal[ordinal] {
                if !parallel, !PodFactory.isReady(pod) { break }
                continue
            }
            try await ensureClaims(set, spec: spec, ordinal: ordinal)
            guard let pod = makePod(set, template: template, ordinal: ordinal, revision: revision, spec: spec) else { break }
            try await caches.create(pod)
            if !parallel { break }
        }
        // Rolling update: once every Pod is ready, replace the highest one still on an old revision.
        let all = (0..<replicas).compactMap { byOrdinal[$0] }
        if all.count == replicas, all.allSatisfy(PodFactory.isReady),
           let stale = all.reversed().first(where: { $0.metadata.labels?["controller-revision-hash"] != revision }) {
            try await caches.delete(stale)
        }
        try await writeStatus(set, pods: pods.filter { (byOrdinal.values.map(\.name)).contains($0.name) }, revision: revision)
        return .done
    }

    private func makePod(_ set: StatefulSet, template: PodTemplateSpec, ordinal: Int, revision: String, spec: JSONObject) -> Pod? {
        let name = "\(set.name)-\(ordinal)"
        guard var pod = PodFactory.pod(named: name, template: template, owner: set, extraLabels: [
            "controller-revision-hash": revision, "statefulset.kubernetes.io/pod-name": name, "apps.kubernetes.io/pod-index": String(ordinal),
        ]) else { return nil }
        var podSpec = pod.object["spec"]?.objectValue ?? [:]
        podSpec["hostname"] = .string(name)
        if let service = spec["serviceName"]?.stringValue, !service.isEmpty { podSpec["subdomain"] = .string(service) }
        var volumes = podSpec["volumes"]?.arrayValue ?? []
        for claimTemplate in spec["volumeClaimTemplates"]?.arrayValue ?? [] {
            guard let templateName = claimTemplate["metadata"]?["name"]?.stringValue else { continue }
            volumes.removeAll { $0["name"]?.stringValue == templateName }
            volumes.append(.object(["name": .string(templateName), "persistentVolumeClaim": .object(["claimName": .string("\(templateName)-\(name)")])]))
        }
        podSpec["volumes"] = .array(volumes)
        pod.object["spec"] = .object(podSpec)
        return pod
    }

    private func ensureClaims(_ set: StatefulSet, spec: JSONObject, ordinal: Int) async throws {
        let ownedOnDelete = spec["persistentVolumeClaimRetentionPolicy"]?["whenDeleted"]?.stringValue == "Delete"
        let selectorLabels = spec["selector"]?["matchLabels"]?.objectValue ?? [:]
        for claimTemplate in spec["volumeClaimTemplates"]?.arrayValue ?? [] {
            guard let templateName = claimTemplate["metadata"]?["name"]?.stringValue else { continue }
            let claimName = "\(templateName)-\(set.name)-\(ordinal)"
            let namespace = set.metadata.namespace ?? "default"
            if caches.claims.store.get(namespace: namespace, name: claimName) != nil { continue }
            var claim = PersistentVolumeClaim(object: ["apiVersion": "v1", "kind": "PersistentVolumeClaim", "spec": claimTemplate["spec"] ?? .object([:])])
            var metadata = ObjectMeta()
            metadata.name = claimName
            metadata.namespace = namespace
            var labels = claimTemplate["metadata"]?["labels"]?.objectValue ?? [:]
            for (key, value) in selectorLabels { labels[key] = value }
            metadata.object["labels"] = .object(labels)
            if ownedOnDelete { try? metadata.setControllerReference(to: set) }
            claim.metadata = metadata
            do { _ = try await caches.client.resource(PersistentVolumeClaim.self).create(claim, namespace: namespace) } catch let error as KubeAPIError where error.kind == .alreadyExists {}
        }
    }

    private func writeStatus(_ set: StatefulSet, pods: [Pod], revision: String) async throws {
        let ready = pods.filter(PodFactory.isReady)
        let updated = pods.filter { $0.metadata.labels?["controller-revision-hash"] == revision }
        let currentRevision = updated.count == pods.count ? revision : (set.object["status"]?["currentRevision"]?.stringValue ?? revision)
        var status: JSONObject = [
            "observedGeneration": .int(Int64(set.metadata.generation ?? 0)),
            "replicas": .int(Int64(pods.count)), "readyReplicas": .int(Int64(ready.count)),
            "availableReplicas": .int(Int64(ready.count)), "currentReplicas": .int(Int64(updated.count)),
            "updatedReplicas": .int(Int64(updated.count)), "currentRevision": .string(currentRevision),
            "updateRevision": .string(revision), "collisionCount": .int(0),
        ]
        for key in ["readyReplicas", "availableReplicas", "currentReplicas", "updatedReplicas"] where status[key] == .int(0) { status[key] = nil }
        try await caches.writeStatus(set, status, as: StatefulSet.self)
    }
}
