import Foundation

extension Cluster {
    /// Rewrites an object's status as kube-controller-manager would (no-op when unchanged).
    @discardableResult
    func writeStatus(_ type: ResourceType, namespace: String?, name: String, _ mutate: (inout JSONValue) -> Void) -> JSONValue? {
        let now = clock.now()
        return state.withLock { s -> JSONValue? in
            guard let existing = s.get(type, namespace: namespace, name: name) else { return nil }
            var proposed = existing.value
            mutate(&proposed)
            var options = WriteOptions(fieldManager: "kube-controller-manager", now: now)
            options.subresource = "status"
            let r = try? s.commitUpdate(type, old: existing.value, proposed: s.isolateSubresource(type, old: existing.value,
                body: proposed, subresource: "status"), options: options)
            return r?.object
        }
    }

    /// Rewrites an object's main resource (not its status) as a controller would (no-op when unchanged).
    @discardableResult
    func writeObject(_ type: ResourceType, namespace: String?, name: String, _ mutate: (inout JSONValue) -> Void) -> JSONValue? {
        let now = clock.now()
        return state.withLock { s -> JSONValue? in
            guard let existing = s.get(type, namespace: namespace, name: name) else { return nil }
            var proposed = existing.value
            mutate(&proposed)
            let options = WriteOptions(fieldManager: "kube-controller-manager", now: now)
            let r = try? s.commitUpdate(type, old: existing.value, proposed: s.isolateSubresource(type, old: existing.value,
                body: proposed, subresource: nil), options: options)
            return r?.object
        }
    }

    /// Creates an object as a controller (no schema strictness).
    func createAsController(_ type: ResourceType, namespace: String?, body: JSONValue) -> JSONValue? {
        let now = clock.now()
        return state.withLock { s in
            try? s.create(type, namespace: namespace, body: body, options: WriteOptions(fieldManager: "kube-controller-manager", now: now)).object
        }
    }

    /// Every object of a type across namespaces.
    func allObjects(_ type: ResourceType) -> [JSONValue] {
        state.withLock { s in s.list(type, namespace: nil).map(\.object.value) }
    }
}
