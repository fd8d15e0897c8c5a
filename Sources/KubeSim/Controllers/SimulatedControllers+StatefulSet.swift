import Foundation

extension SimulatedControllers {
    /// Creates the PVCs of a StatefulSet's volumeClaimTemplates (`<template>-<set>-<ordinal>`) that do not exist
    /// yet, like the StatefulSet controller does for each replica (it creates them before the Pods).
    func createClaims(for set: JSONValue) {
        guard let pvcType = Self.builtin("persistentvolumeclaims") else { return }
        let ns = set[path: ["metadata", "namespace"]]?.stringValue ?? "default"
        let name = set[path: ["metadata", "name"]]?.stringValue ?? ""
        let replicas = set[path: ["spec", "replicas"]]?.intValue ?? 1
        let templates = set[path: ["spec", "volumeClaimTemplates"]]?.arrayValue ?? []
        guard !templates.isEmpty, replicas > 0, !ObjectMeta.isDeleting(set) else { return }
        let deleteWithSet = set[path: ["spec", "persistentVolumeClaimRetentionPolicy", "whenDeleted"]]?.stringValue == "Delete"
        for ordinal in 0..<replicas {
            for template in templates {
                let claimName = "\(template[path: ["metadata", "name"]]?.stringValue ?? "")-\(name)-\(ordinal)"
                if (try? cluster.get(pvcType, namespace: ns, name: claimName)) != nil { continue }
                var labels = template[path: ["metadata", "labels"]]?.objectValue ?? [:]
                for (k, v) in set[path: ["spec", "selector", "matchLabels"]]?.objectValue ?? [:] { labels[k] = v }
                var meta: JSONValue = ["name": .string(claimName), "namespace": .string(ns), "labels": .object(labels)]
                if let annotations = template[path: ["metadata", "annotations"]] { meta["annotations"] = annotations }
                if deleteWithSet {
                    meta["ownerReferences"] = [[
                        "apiVersion": "apps/v1", "kind": "StatefulSet", "name": .string(name), "uid": set[path: ["metadata", "uid"]] ?? "",
                        "controller": true, "blockOwnerDeletion": true,
                    ]]
                }
                let claim: JSONValue = ["apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": meta,
                    "spec": template["spec"] ?? [:]]
                _ = cluster.createAsController(pvcType, namespace: ns, body: claim)
            }
        }
    }

    /// Writes a StatefulSet's status as if every replica were running the current revision and ready.
    func refreshStatefulSet(namespace: String, name: String) {
        guard let type = Self.builtin("statefulsets") else { return }
        let isUnready = isMarkedUnready(namespace: namespace, name: name)
        cluster.writeStatus(type, namespace: namespace, name: name) { s in
            let replicas = s[path: ["spec", "replicas"]]?.intValue ?? 1
            let ready = isUnready ? 0 : replicas
            let generation = s[path: ["metadata", "generation"]]?.intValue ?? 1
            let revision = JSONValue.string("\(name)-\(generation)")
            var status: JSONValue = [
                "observedGeneration": .int(generation), "replicas": .int(replicas), "currentReplicas": .int(replicas),
                "updatedReplicas": .int(replicas), "availableReplicas": .int(ready), "currentRevision": revision,
                "updateRevision": revision, "collisionCount": 0,
            ]
            if ready > 0 { status["readyReplicas"] = .int(ready) }
            s["status"] = status
        }
    }

    /// Binds a Pending PVC to a generated PersistentVolume (`pvc-<uid>`, capacity = the requested storage).
    func bindClaim(namespace: String, name: String) {
        guard let pvcType = Self.builtin("persistentvolumeclaims"), let pvType = Self.builtin("persistentvolumes"),
            let claim = try? cluster.get(pvcType, namespace: namespace, name: name),
            claim[path: ["status", "phase"]]?.stringValue == "Pending", claim[path: ["spec", "volumeName"]] == nil,
            !ObjectMeta.isDeleting(claim)
        else { return }
        let uid = claim[path: ["metadata", "uid"]]?.stringValue ?? ObjectMeta.newUID()
        let volumeName = "pvc-\(uid)"
        let storage = claim[path: ["spec", "resources", "requests", "storage"]] ?? "1Gi"
        let accessModes = claim[path: ["spec", "accessModes"]] ?? ["ReadWriteOnce"]
        var volume: JSONValue = [
            "apiVersion": "v1", "kind": "PersistentVolume",
            "metadata": ["name": .string(volumeName), "annotations": ["pv.kubernetes.io/provisioned-by": "kubesim.local/simulated"]],
            "spec": [
                "capacity": ["storage": storage], "accessModes": accessModes, "persistentVolumeReclaimPolicy": "Delete",
                "volumeMode": claim[path: ["spec", "volumeMode"]] ?? "Filesystem", "hostPath": ["path": .string("/kubesim/\(volumeName)")],
                "claimRef": ["apiVersion": "v1", "kind": "PersistentVolumeClaim", "namespace": .string(namespace), "name": .string(name),
                    "uid": .string(uid)],
            ],
        ]
        if let storageClass = claim[path: ["spec", "storageClassName"]] { volume[path: ["spec", "storageClassName"]] = storageClass }
        if cluster.createAsController(pvType, namespace: nil, body: volume) != nil {
            cluster.writeStatus(pvType, namespace: nil, name: volumeName) { $0[path: ["status", "phase"]] = "Bound" }
        }
        cluster.writeObject(pvcType, namespace: namespace, name: name) { c in
            c[path: ["spec", "volumeName"]] = .string(volumeName)
            c[path: ["metadata", "annotations", "pv.kubernetes.io/bind-completed"]] = "yes"
            c[path: ["metadata", "annotations", "pv.kubernetes.io/bound-by-controller"]] = "yes"
        }
        cluster.writeStatus(pvcType, namespace: namespace, name: name) { c in
            c[path: ["status", "phase"]] = "Bound"
            c[path: ["status", "capacity"]] = ["storage": storage]
            c[path: ["status", "accessModes"]] = accessModes
        }
    }
}
