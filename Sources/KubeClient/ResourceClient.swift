/// The verbs for one resource type: get, list, create, update, updateStatus, patch, delete, deleteCollection, watch.
public struct ResourceClient<R: KubeObject>: Sendable {
    /// The owning client.
    public let client: KubeClient
    /// The REST resource.
    public let descriptor: ResourceDescriptor

    private func namespaceFor(_ namespace: String?) -> String? {
        guard descriptor.namespaced else { return nil }
        return namespace ?? client.configuration.namespace
    }

    private func decode(_ bytes: [UInt8]) throws -> R {
        guard let object = try JSONParser.parse(bytes).objectValue else {
            throw KubeTransportError(kind: .invalidResponse, detail: "response is not a JSON object")
        }
        return R(object: object)
    }

    /// GET one object.
    public func get(_ name: String, namespace: String? = nil) async throws -> R {
        let path = descriptor.objectPath(name: name, namespace: namespaceFor(namespace))
        return try decode(try await client.perform(verb: "get", method: "GET", path: path, query: [], body: nil, contentType: nil))
    }

    /// GET one object, or nil on NotFound.
    public func getIfExists(_ name: String, namespace: String? = nil) async throws -> R? {
        do {
            return try await get(name, namespace: namespace)
        } catch let error as KubeAPIError where error.kind == .notFound {
            return nil
        }
    }

    /// LIST one page; pass `namespace: ""` (or a cluster-scoped kind) to list across all namespaces.
    public func list(namespace: String? = nil, options: ListOptions = ListOptions()) async throws -> ResourceList<R> {
        let path = descriptor.collectionPath(namespace: namespace == "" ? nil : namespaceFor(namespace))
        let bytes = try await client.perform(verb: "list", method: "GET", path: path, query: options.queryItems, body: nil, contentType: nil)
        guard let root = try JSONParser.parse(bytes).objectValue else {
            throw KubeTransportError(kind: .invalidResponse, detail: "list is not a JSON object")
        }
        let meta = root.objectMember("metadata")
        let itemKind = descriptor.kind
        let items = (root["items"]?.arrayValue ?? []).compactMap { value -> R? in
            guard var object = value.objectValue else { return nil }
            if object["kind"] == nil { object["kind"] = .string(itemKind) }
            if object["apiVersion"] == nil { object["apiVersion"] = .string(descriptor.apiVersion) }
            return R(object: object)
        }
        let continueToken = meta.string("continue").flatMap { $0.isEmpty ? nil : $0 }
        return ResourceList(items: items, resourceVersion: meta.string("resourceVersion"), continueToken: continueToken, remainingItemCount: meta.int("remainingItemCount"))
    }

    /// LIST every page, following `continue` tokens.
    public func listAll(namespace: String? = nil, options: ListOptions = ListOptions(limit: 500)) async throws -> ResourceList<R> {
        var options = options
        var all: [R] = []
        while true {
            let page = try await list(namespace: namespace, options: options)
            all.append(contentsOf: page.items)
            guard let token = page.continueToken else {
                return ResourceList(items: all, resourceVersion: page.resourceVersion, continueToken: nil, remainingItemCount: nil)
            }
            options.continueToken = token
        }
    }

    /// POST a new object (namespace taken from the object, then the argument, then the client default).
    public func create(_ object: R, namespace: String? = nil, options: WriteOptions = WriteOptions()) async throws -> R {
        let path = descriptor.collectionPath(namespace: namespaceFor(object.metadata.namespace ?? namespace))
        return try decode(try await client.perform(verb: "create", method: "POST", path: path, query: options.queryItems, body: bytes(object), contentType: "application/json"))
    }

    /// PUT the object; the server rejects it with Conflict when its resourceVersion is stale.
    public func update(_ object: R, options: WriteOptions = WriteOptions()) async throws -> R {
        let path = descriptor.objectPath(name: object.name, namespace: namespaceFor(object.metadata.namespace))
        return try decode(try await client.perform(verb: "update", method: "PUT", path: path, query: options.queryItems, body: bytes(object), contentType: "application/json"))
    }

    /// PUT the `/status` subresource.
    public func updateStatus(_ object: R, options: WriteOptions = WriteOptions()) async throws -> R {
        let path = descriptor.objectPath(name: object.name, namespace: namespaceFor(object.metadata.namespace)) + "/status"
        return try decode(try await client.perform(verb: "update_status", method: "PUT", path: path, query: options.queryItems, body: bytes(object), contentType: "application/json"))
    }

    /// PATCH an object (merge, JSON patch, or server-side apply); `subresource: "status"` patches status.
    public func patch(_ name: String, namespace: String? = nil, patch: Patch, subresource: String? = nil, options: WriteOptions = WriteOptions()) async throws -> R {
        var path = descriptor.objectPath(name: name, namespace: namespaceFor(namespace))
        if let subresource { path += "/\(subresource)" }
        var query = patch.queryItems
        if case .apply = patch {
            if options.dryRun { query.append(("dryRun", "All")) }
        } else {
            query += options.queryItems
        }
        return try decode(try await client.perform(verb: "patch", method: "PATCH", path: path, query: query, body: patch.body, contentType: patch.contentType))
    }

    /// DELETE one object.
    public func delete(_ name: String, namespace: String? = nil, options: DeleteOptions = DeleteOptions()) async throws {
        let path = descriptor.objectPath(name: name, namespace: namespaceFor(namespace))
        _ = try await client.perform(verb: "delete", method: "DELETE", path: path, query: [], body: options.body, contentType: "application/json")
    }

    /// DELETE every object matching the selectors.
    public func deleteCollection(namespace: String? = nil, listOptions: ListOptions = ListOptions(), options: DeleteOptions = DeleteOptions()) async throws {
        let path = descriptor.collectionPath(namespace: namespaceFor(namespace))
        _ = try await client.perform(verb: "delete_collection", method: "DELETE", path: path, query: listOptions.queryItems, body: options.body, contentType: "application/json")
    }

    /// Opens one watch connection; the sequence ends when the server closes it (timeoutSeconds).
    public func watch(namespace: String? = nil, options: WatchOptions = WatchOptions()) async throws -> WatchEventStream<R> {
        let path = descriptor.collectionPath(namespace: namespace == "" ? nil : namespaceFor(namespace))
        let response = try await client.openStream(path: path, query: options.queryItems, watchTimeout: options.timeoutSeconds)
        return WatchEventStream(response: response)
    }

    private func bytes(_ object: R) -> [UInt8] {
        var json = object.object
        if json["apiVersion"] == nil { json["apiVersion"] = .string(descriptor.apiVersion) }
        if json["kind"] == nil { json["kind"] = .string(descriptor.kind) }
        return JSONWriter.encode(.object(json))
    }
}
