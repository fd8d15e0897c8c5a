import Foundation

extension ClusterState {
    /// Garbage collection, foreground/orphan finalizers, CRD cleanup and namespace cascade, run to a fixed point.
    mutating func collectGarbage(now: Date) {
        guard needsGarbageCollection else { return }
        needsGarbageCollection = false
        var rounds = 0
        while rounds < 100 {
            rounds += 1
            if !gcPass(now: now) { break }
        }
        needsGarbageCollection = false
    }

    private struct Entry {
        let type: ResourceType
        let object: JSONValue
    }

    private func allEntries() -> [Entry] {
        var result: [Entry] = []
        for (storageKey, bucket) in objects {
            guard let type = type(forStorageKey: storageKey) else { continue }
            for stored in bucket.values { result.append(Entry(type: type, object: stored.value)) }
        }
        return result
    }

    private mutating func deleteQuietly(_ entry: Entry, policy: DeletePropagation, now: Date) {
        let name = entry.object[path: ["metadata", "name"]]?.stringValue ?? ""
        let ns = entry.object[path: ["metadata", "namespace"]]?.stringValue
        _ = try? delete(entry.type, namespace: ns, name: name, options: DeleteOptions(propagation: policy, now: now))
    }

    private mutating func removeFinalizer(_ entry: Entry, _ finalizer: String, now: Date) {
        var updated = entry.object
        let remaining = ObjectMeta.finalizers(updated).filter { $0 != finalizer }
        updated[path: ["metadata", "finalizers"]] = remaining.isEmpty ? nil : .array(remaining.map { .string($0) })
        _ = try? commitUpdate(entry.type, old: entry.object, proposed: updated,
            options: WriteOptions(fieldManager: "kube-controller-manager", now: now))
    }

    /// One pass; returns true when anything changed.
    private mutating func gcPass(now: Date) -> Bool {
        let entries = allEntries()
        var byUID: [String: Entry] = [:]
        var dependents: [String: [Entry]] = [:]
        for e in entries {
            if let uid = e.object[path: ["metadata", "uid"]]?.stringValue { byUID[uid] = e }
            for owner in ObjectMeta.ownerUIDs(e.object) { dependents[owner, default: []].append(e) }
        }
        var changed = false
        for e in entries where !ObjectMeta.isDeleting(e.object) {
            let owners = ObjectMeta.ownerUIDs(e.object)
            guard !owners.isEmpty else { continue }
            let live = owners.compactMap { byUID[$0] }
            if live.isEmpty {
                deleteQuietly(e, policy: .background, now: now)
                changed = true
            } else if live.contains(where: { ObjectMeta.isDeleting($0.object) && ObjectMeta.finalizers($0.object).contains(Self.foregroundFinalizer) }) {
                deleteQuietly(e, policy: .foreground, now: now)
                changed = true
            }
        }
        if changed { return true }
        for e in entries where ObjectMeta.isDeleting(e.object) {
            let uid = e.object[path: ["metadata", "uid"]]?.stringValue ?? ""
            let finalizers = ObjectMeta.finalizers(e.object)
            if finalizers.contains(Self.orphanFinalizer) {
                for d in dependents[uid] ?? [] {
                    var updated = d.object
                    let refs = (updated[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).filter { $0["uid"]?.stringValue != uid }
                    updated[path: ["metadata", "ownerReferences"]] = refs.isEmpty ? nil : .array(refs)
                    _ = try? commitUpdate(d.type, old: d.object, proposed: updated,
                        options: WriteOptions(fieldManager: "kube-controller-manager", now: now))
                }
                removeFinalizer(e, Self.orphanFinalizer, now: now)
                return true
            }
            if finalizers.contains(Self.foregroundFinalizer), (dependents[uid] ?? []).isEmpty {
                removeFinalizer(e, Self.foregroundFinalizer, now: now)
                return true
            }
            if e.type.storageKey == BuiltinResources.crd.storageKey, finalizers.contains(Self.crdCleanupFinalizer) {
                let group = e.object[path: ["spec", "group"]]?.stringValue ?? ""
                let plural = e.object[path: ["spec", "names", "plural"]]?.stringValue ?? ""
                let key = group.isEmpty ? plural : "\(plural).\(group)"
                let instances = entries.filter { $0.type.storageKey == key }
                for i in instances where !ObjectMeta.isDeleting(i.object) { deleteQuietly(i, policy: .background, now: now) }
                if instances.isEmpty { removeFinalizer(e, Self.crdCleanupFinalizer, now: now) }
                if instances.isEmpty || instances.contains(where: { !ObjectMeta.isDeleting($0.object) }) { return true }
            }
            if e.type.storageKey == BuiltinResources.namespace.storageKey {
                let name = e.object[path: ["metadata", "name"]]?.stringValue ?? ""
                let contents = entries.filter { $0.type.namespaced && $0.object[path: ["metadata", "namespace"]]?.stringValue == name }
                var acted = false
                for c in contents where !ObjectMeta.isDeleting(c.object) {
                    deleteQuietly(c, policy: .background, now: now)
                    acted = true
                }
                if contents.isEmpty, finalizers.isEmpty {
                    remove(e.type, object: e.object, rv: nextRV())
                    needsGarbageCollection = false
                    return true
                }
                if acted { return true }
            }
        }
        return false
    }
}
