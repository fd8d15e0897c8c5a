import Foundation
import Synchronization
import Yams

/// The emulated cluster: storage, watch hub and API semantics behind one lock.
final class Cluster: Sendable {
    let state: Mutex<ClusterState>
    let clock: any KubeSimClock
    /// Interval of BOOKMARK events for watches that allow them.
    let bookmarkInterval: Duration

    init(clock: any KubeSimClock, historyLimit: Int, bookmarkInterval: Duration = .seconds(60),
        serviceIPRange: ServiceIPRange = .kubernetesDefault)
    {
        self.clock = clock
        self.bookmarkInterval = bookmarkInterval
        self.state = Mutex(ClusterState(historyLimit: historyLimit, serviceIPRange: serviceIPRange))
    }

    /// Creates the namespaces every cluster starts with.
    func bootstrap() {
        let now = clock.now()
        state.withLock { s in
            for ns in ["default", "kube-system", "kube-public", "kube-node-lease"]
            where s.get(BuiltinResources.namespace, namespace: nil, name: ns) == nil {
                _ = try? s.create(BuiltinResources.namespace, namespace: nil, body: ["metadata": ["name": .string(ns)]],
                    options: WriteOptions(fieldManager: "kube-apiserver", now: now))
            }
        }
    }

    /// Resolves a served type.
    func resourceType(group: String, version: String, plural: String) -> ResourceType? {
        state.withLock { $0.types[ClusterState.typeKey(group: group, version: version, plural: plural)] }
    }

    /// All served types.
    func allTypes() -> [ResourceType] {
        state.withLock { Array($0.types.values) }
    }

    /// Current cluster resourceVersion.
    var currentRV: Int64 { state.withLock { $0.rv } }

    func get(_ type: ResourceType, namespace: String?, name: String) throws(StatusError) -> JSONValue {
        guard let o = state.withLock({ $0.get(type, namespace: namespace, name: name) }) else { throw StatusError.notFound(type, name) }
        return o.value
    }

    func getStored(_ type: ResourceType, namespace: String?, name: String) -> StoredObject? {
        state.withLock { $0.get(type, namespace: namespace, name: name) }
    }

    /// Lists matching objects with the list resourceVersion.
    func list(_ type: ResourceType, namespace: String?, labels: LabelSelectorQuery, fields: FieldSelector) -> (items: [StoredObject], rv: Int64) {
        state.withLock { s in
            let all = s.list(type, namespace: namespace)
            var out: [StoredObject] = []
            out.reserveCapacity(all.count)
            for (_, o) in all where (labels.isEmpty || labels.matches(object: o.value)) && (fields.isEmpty || fields.matches(object: o.value)) {
                out.append(o)
            }
            return (out, s.rv)
        }
    }

    func create(_ type: ResourceType, namespace: String?, body: JSONValue, options: WriteOptions) throws(StatusError) -> WriteResult {
        try state.withLock { s throws(StatusError) in
            let r = try s.create(type, namespace: namespace, body: body, options: options)
            if !options.dryRun, !ObjectMeta.ownerUIDs(r.object).isEmpty {
                // Like the real garbage collector: a dependent whose owners are all absent is deleted.
                s.needsGarbageCollection = true
                s.collectGarbage(now: options.now)
            }
            return r
        }
    }

    func update(_ type: ResourceType, namespace: String?, name: String, body: JSONValue, options: WriteOptions) throws(StatusError) -> WriteResult {
        try state.withLock { s throws(StatusError) in
            let r = try s.update(type, namespace: namespace, name: name, body: body, options: options)
            s.collectGarbage(now: options.now)
            return r
        }
    }

    /// Decodes a JSON or YAML body.
    static func decode(_ bytes: [UInt8], yamlAllowed: Bool) throws(StatusError) -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            guard yamlAllowed else { throw StatusError.badRequest("couldn't get version/kind; json parse error: \(error.description)") }
        }
        do {
            guard let any = try Yams.load(yaml: String(decoding: bytes, as: UTF8.self)) else { return [:] }
            return JSONValue(yamlAny: any)
        } catch {
            throw StatusError.badRequest("error decoding YAML: \(error)")
        }
    }

    func patch(_ type: ResourceType, namespace: String?, name: String, patchType: PatchType, body: [UInt8],
        options: WriteOptions) throws(StatusError) -> WriteResult
    {
        let patch = try Self.decode(body, yamlAllowed: patchType == .apply)
        if patchType == .strategic, type.isCustom {
            throw StatusError(code: 415, reason: "UnsupportedMediaType",
                message: "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml")
        }
        if patchType == .apply, (options.fieldManager ?? "").isEmpty {
            throw StatusError(code: 422, reason: "Invalid", message: "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch")
        }
        return try state.withLock { s throws(StatusError) in
            guard let existing = s.get(type, namespace: namespace, name: name) else {
                guard patchType == .apply else { throw StatusError.notFound(type, name) }
                var seed: JSONValue = ["metadata": ["name": .string(name)]]
                if type.namespaced, let namespace { seed[path: ["metadata", "namespace"]] = .string(namespace) }
                var proposed = try ServerSideApply.apply(live: seed, config: patch, manager: options.fieldManager ?? "",
                    force: options.force, type: type, subresource: nil, now: options.now)
                proposed[path: ["metadata", "name"]] = .string(name)
                return try s.create(type, namespace: namespace, body: proposed, options: options, applyManagedFields: false)
            }
            let patched: JSONValue
            switch patchType {
            case .merge: patched = MergePatch.apply(patch, to: existing.value)
            case .json: patched = try JSONPatch.apply(patch, to: existing.value)
            case .strategic: patched = StrategicMergePatch.apply(patch, to: existing.value)
            case .apply:
                patched = try ServerSideApply.apply(live: existing.value, config: patch, manager: options.fieldManager ?? "",
                    force: options.force, type: type, subresource: options.subresource, now: options.now)
            }
            if patchType != .apply, let prv = patched[path: ["metadata", "resourceVersion"]]?.stringValue,
                prv != String(existing.rv)
            {
                throw StatusError.conflict(type, name)
            }
            let proposed = s.isolateSubresource(type, old: existing.value, body: patched, subresource: options.subresource)
            let r = try s.commitUpdate(type, old: existing.value, proposed: proposed, options: options,
                managedFieldsPrepared: patchType == .apply)
            s.collectGarbage(now: options.now)
            return r
        }
    }

    func delete(_ type: ResourceType, namespace: String?, name: String, options: DeleteOptions) throws(StatusError) -> DeleteOutcome {
        try state.withLock { s throws(StatusError) in
            let r = try s.delete(type, namespace: namespace, name: name, options: options)
            s.collectGarbage(now: options.now)
            return r
        }
    }

    /// Drops the watch history so older resourceVersions answer 410 Gone.
    func compact() {
        state.withLock { $0.compact() }
    }
}
