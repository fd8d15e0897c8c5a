import Foundation

extension ClusterState {
    static let foregroundFinalizer = "foregroundDeletion"
    static let orphanFinalizer = "orphan"
    static let crdCleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io"

    /// DELETE: removes an object, or marks it for deletion when finalizers hold it.
    mutating func delete(_ type: ResourceType, namespace: String?, name: String, options: DeleteOptions) throws(StatusError) -> DeleteOutcome {
        guard let existing = get(type, namespace: namespace, name: name) else { throw StatusError.notFound(type, name) }
        let uid = existing.value[path: ["metadata", "uid"]]?.stringValue ?? ""
        if let want = options.preconditionUID, want != uid {
            throw StatusError.conflict(type, name, message: "Operation cannot be fulfilled on \(type.qualifiedPlural) \"\(name)\": Precondition failed: UID in precondition: \(want), UID in object meta: \(uid)")
        }
        if let want = options.preconditionRV, want != String(existing.rv) {
            throw StatusError.conflict(type, name, message: "Operation cannot be fulfilled on \(type.qualifiedPlural) \"\(name)\": Precondition failed: ResourceVersion in precondition: \(want), ResourceVersion in object meta: \(existing.rv)")
        }
        var obj = existing.value
        var finalizers = ObjectMeta.finalizers(obj)
        switch options.propagation {
        case .foreground where !finalizers.contains(Self.foregroundFinalizer) && !ObjectMeta.isDeleting(obj):
            finalizers.append(Self.foregroundFinalizer)
        case .orphan where !finalizers.contains(Self.orphanFinalizer) && !ObjectMeta.isDeleting(obj):
            finalizers.append(Self.orphanFinalizer)
        default: break
        }
        if type.storageKey == BuiltinResources.crd.storageKey, !finalizers.contains(Self.crdCleanupFinalizer), !ObjectMeta.isDeleting(obj) {
            finalizers.append(Self.crdCleanupFinalizer)
        }
        let isNamespace = type.storageKey == BuiltinResources.namespace.storageKey
        if finalizers.isEmpty && !isNamespace {
            if options.dryRun { return .removed(obj) }
            remove(type, object: obj, rv: nextRV())
            return .removed(obj)
        }
        if ObjectMeta.isDeleting(obj), finalizers == ObjectMeta.finalizers(obj) { return .pending(obj) }
        let old = obj
        obj[path: ["metadata", "finalizers"]] = finalizers.isEmpty ? nil : .array(finalizers.map { .string($0) })
        if !ObjectMeta.isDeleting(obj) {
            obj[path: ["metadata", "deletionTimestamp"]] = .string(ObjectMeta.timestamp(options.now))
            obj[path: ["metadata", "deletionGracePeriodSeconds"]] = 0
        }
        if isNamespace { obj[path: ["status", "phase"]] = "Terminating" }
        if options.dryRun { return .pending(obj) }
        let rv = nextRV()
        obj[path: ["metadata", "resourceVersion"]] = .string(String(rv))
        commit(type, object: obj, rv: rv, eventType: .modified, previous: old)
        if type.storageKey == BuiltinResources.crd.storageKey { registerCRD(obj) }
        needsGarbageCollection = true
        return .pending(obj)
    }
}
