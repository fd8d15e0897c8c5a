import Foundation

extension ClusterState {
    /// Metadata fields owned by the server; client values are ignored.
    static let serverOwnedMetadata = [
        "uid", "resourceVersion", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation",
        "selfLink", "managedFields",
    ]

    /// Checks that a namespace exists and is not terminating.
    func checkNamespaceWritable(_ type: ResourceType, namespace: String, name: String) throws(StatusError) {
        guard let ns = get(BuiltinResources.namespace, namespace: nil, name: namespace) else {
            throw StatusError.namespaceNotFound(namespace)
        }
        if ObjectMeta.isDeleting(ns.value) {
            throw StatusError.forbidden(type, name, "\(type.qualifiedPlural) \"\(name)\" is forbidden: unable to create new content in namespace \(namespace) because it is being terminated")
        }
    }

    /// POST: creates an object (201), honouring generateName, dryRun and the CRD schema.
    mutating func create(_ type: ResourceType, namespace: String?, body: JSONValue, options: WriteOptions,
        applyManagedFields: Bool = true) throws(StatusError) -> WriteResult
    {
        guard case .object = body else { throw StatusError.badRequest("the body of the request must be a JSON object") }
        var obj = body
        obj["kind"] = .string(type.kind)
        obj["apiVersion"] = .string(type.apiVersion)
        var meta = obj["metadata"]?.objectValue ?? [:]
        if type.namespaced {
            guard let namespace else { throw StatusError.methodNotAllowed() }
            if let bodyNS = meta["namespace"]?.stringValue, !bodyNS.isEmpty, bodyNS != namespace {
                throw StatusError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            meta["namespace"] = .string(namespace)
        } else {
            meta["namespace"] = nil
        }
        var name = meta["name"]?.stringValue ?? ""
        if name.isEmpty, let prefix = meta["generateName"]?.stringValue, !prefix.isEmpty {
            repeat { name = prefix + ObjectMeta.randomSuffix() } while get(type, namespace: namespace, name: name) != nil
        }
        if name.isEmpty {
            throw StatusError.invalid(type, "", causes: [.init(field: "metadata.name", reason: "FieldValueRequired",
                message: "Required value: name or generateName is required")])
        }
        let nameError = type.plural == "namespaces" ? ObjectMeta.validateLabel(name) : ObjectMeta.validateSubdomain(name)
        if let nameError {
            throw StatusError.invalid(type, name, causes: [.init(field: "metadata.name", reason: "FieldValueInvalid", message: nameError)])
        }
        if type.namespaced, let namespace { try checkNamespaceWritable(type, namespace: namespace, name: name) }
        if get(type, namespace: namespace, name: name) != nil { throw StatusError.alreadyExists(type, name) }
        let presetManagedFields = applyManagedFields ? nil : meta["managedFields"]
        for k in Self.serverOwnedMetadata { meta[k] = nil }
        meta["managedFields"] = presetManagedFields
        meta["name"] = .string(name)
        meta["uid"] = .string(ObjectMeta.newUID())
        meta["creationTimestamp"] = .string(ObjectMeta.timestamp(options.now))
        if type.isCustom || obj["spec"] != nil { meta["generation"] = 1 }
        obj["metadata"] = .object(meta)
        if type.hasStatus, type.plural != "namespaces" { obj["status"] = nil }
        var warnings: [String] = []
        if type.storageKey == BuiltinResources.crd.storageKey { try CRDSupport.prepare(&obj, now: options.now) }
        BuiltinDefaults.apply(type, &obj, isCreate: true)
        if type.storageKey == "services" { try allocateClusterIP(&obj, name: name) }
        if type.isCustom {
            (obj, warnings) = try SchemaProcessor.process(obj, type: type, validation: options.fieldValidation)
            warnings += try CELValidation.check(obj, old: nil, type: type)
        }
        if applyManagedFields {
            ManagedFields.recordUpdate(old: nil, new: &obj, manager: options.fieldManager, apiVersion: type.apiVersion,
                subresource: nil, now: options.now, keys: ListKeys(type: type))
        }
        if options.dryRun { return WriteResult(object: obj, created: true, warnings: warnings) }
        let rv = nextRV()
        obj[path: ["metadata", "resourceVersion"]] = .string(String(rv))
        commit(type, object: obj, rv: rv, eventType: .added, previous: nil)
        if type.storageKey == BuiltinResources.crd.storageKey { registerCRD(obj) }
        return WriteResult(object: obj, created: true, warnings: warnings)
    }

    /// Serves (or re-serves) the resource types of a CRD.
    mutating func registerCRD(_ crd: JSONValue) {
        let group = crd[path: ["spec", "group"]]?.stringValue ?? ""
        let plural = crd[path: ["spec", "names", "plural"]]?.stringValue ?? ""
        unregister(group: group, plural: plural)
        for t in CRDSupport.resourceTypes(crd) { register(t) }
    }

    /// The served type for a storage key (any version).
    func type(forStorageKey key: String) -> ResourceType? {
        types.values.first { $0.storageKey == key }
    }
}
