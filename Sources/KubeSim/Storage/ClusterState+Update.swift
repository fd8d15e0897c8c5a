import Foundation

extension ClusterState {
    /// PUT: replaces an object (or its status) with optimistic concurrency.
    mutating func update(_ type: ResourceType, namespace: String?, name: String, body: JSONValue,
        options: WriteOptions) throws(StatusError) -> WriteResult
    {
        guard case .object = body else { throw StatusError.badRequest("the body of the request must be a JSON object") }
        guard let existing = get(type, namespace: namespace, name: name) else { throw StatusError.notFound(type, name) }
        if let bodyName = body[path: ["metadata", "name"]]?.stringValue, !bodyName.isEmpty, bodyName != name {
            throw StatusError.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
        }
        if let brv = body[path: ["metadata", "resourceVersion"]]?.stringValue, !brv.isEmpty {
            if brv != String(existing.rv) { throw StatusError.conflict(type, name) }
        } else if !type.allowsUnconditionalUpdate {
            throw StatusError.invalid(type, name, causes: [.init(field: "metadata.resourceVersion", reason: "FieldValueInvalid",
                message: "Invalid value: 0x0: must be specified for an update")])
        }
        let proposed = isolateSubresource(type, old: existing.value, body: body, subresource: options.subresource)
        return try commitUpdate(type, old: existing.value, proposed: proposed, options: options)
    }

    /// Builds the proposed object for main-resource vs /status writes.
    func isolateSubresource(_ type: ResourceType, old: JSONValue, body: JSONValue, subresource: String?) -> JSONValue {
        if subresource == "status" {
            var new = old
            new["status"] = body["status"]
            // managedFields computed by server-side apply on /status are kept (other writes restore the old ones).
            new[path: ["metadata", "managedFields"]] = body[path: ["metadata", "managedFields"]]
            return new
        }
        var new = body
        if type.hasStatus { new["status"] = old["status"] }
        return new
    }

    /// Applies defaulting, validation, generation and managedFields, then stores the change unless it is a no-op.
    mutating func commitUpdate(_ type: ResourceType, old: JSONValue, proposed: JSONValue, options: WriteOptions,
        managedFieldsPrepared: Bool = false) throws(StatusError) -> WriteResult
    {
        var new = proposed
        new["kind"] = .string(type.kind)
        new["apiVersion"] = .string(type.apiVersion)
        var meta = new["metadata"]?.objectValue ?? [:]
        let oldMeta = old["metadata"]?.objectValue ?? [:]
        for k in ["name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"] {
            meta[k] = oldMeta[k]
        }
        meta["resourceVersion"] = nil
        if !managedFieldsPrepared { meta["managedFields"] = oldMeta["managedFields"] }
        new["metadata"] = .object(meta)
        let name = meta["name"]?.stringValue ?? ""
        var warnings: [String] = []
        if type.storageKey == BuiltinResources.crd.storageKey, options.subresource != "status" {
            try CRDSupport.prepare(&new, now: options.now)
        }
        BuiltinDefaults.apply(type, &new, isCreate: false)
        if type.storageKey == "services" { try keepClusterIP(&new, old: old, name: name) }
        if type.isCustom {
            (new, warnings) = try SchemaProcessor.process(new, type: type, validation: options.fieldValidation)
            warnings += try CELValidation.check(new, old: old, type: type)
        }
        if ObjectMeta.isDeleting(old) {
            let added = ObjectMeta.finalizers(new).filter { !ObjectMeta.finalizers(old).contains($0) }
            if !added.isEmpty {
                let list = added.map { "\"\($0)\"" }.joined(separator: ", ")
                throw StatusError.invalid(type, name, causes: [.init(field: "metadata.finalizers", reason: "FieldValueForbidden",
                    message: "Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{\(list)}")])
            }
        }
        if let gen = old[path: ["metadata", "generation"]]?.intValue,
            ObjectMeta.specPart(old, hasStatus: type.hasStatus) != ObjectMeta.specPart(new, hasStatus: type.hasStatus)
        {
            new[path: ["metadata", "generation"]] = .int(gen + 1)
        }
        if !managedFieldsPrepared {
            ManagedFields.recordUpdate(old: old, new: &new, manager: options.fieldManager, apiVersion: type.apiVersion,
                subresource: options.subresource, now: options.now, keys: ListKeys(type: type))
        }
        var oldComparable = old
        oldComparable[path: ["metadata", "resourceVersion"]] = nil
        if new == oldComparable { return WriteResult(object: old, created: false, warnings: warnings) }
        if options.dryRun {
            new[path: ["metadata", "resourceVersion"]] = old[path: ["metadata", "resourceVersion"]]
            return WriteResult(object: new, created: false, warnings: warnings)
        }
        let rv = nextRV()
        new[path: ["metadata", "resourceVersion"]] = .string(String(rv))
        if ObjectMeta.isDeleting(new), ObjectMeta.finalizers(new).isEmpty, type.plural != "namespaces" {
            remove(type, object: new, rv: rv)
            return WriteResult(object: new, created: false, warnings: warnings)
        }
        commit(type, object: new, rv: rv, eventType: .modified, previous: old)
        if type.storageKey == BuiltinResources.crd.storageKey { registerCRD(new) }
        return WriteResult(object: new, created: false, warnings: warnings)
    }

    /// Removes an object for good (DELETED event) and schedules garbage collection.
    mutating func remove(_ type: ResourceType, object: JSONValue, rv: Int64) {
        var obj = object
        obj[path: ["metadata", "resourceVersion"]] = .string(String(rv))
        commit(type, object: obj, rv: rv, eventType: .deleted, previous: nil)
        if type.storageKey == BuiltinResources.crd.storageKey {
            unregister(group: obj[path: ["spec", "group"]]?.stringValue ?? "", plural: obj[path: ["spec", "names", "plural"]]?.stringValue ?? "")
        }
        needsGarbageCollection = true
    }
}
